# The two commands: `make demo` runs the journey on the embedded local AWS, `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test up package bench lint template clean

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit("pixcert needs Python 3.11+") if sys.version_info < (3, 11) else None'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip<26.3"
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/pixcert demo

test: $(STAMP)
	$(BIN)/python -m pytest -n 2 --dist loadgroup

up: $(STAMP)
	$(BIN)/pixcert up

package: $(STAMP)
	$(BIN)/pixcert package

lint: $(STAMP)
	$(BIN)/ruff check services infra tests bench

template: $(STAMP)
	$(BIN)/python -m infra.template

clean:
	rm -rf $(VENV) build .pixcert
