# The two commands: `make demo` runs the journey on the embedded local AWS, `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test up package bench lint template lock clean

LAMBDA_PLATFORM := --python-version 3.11 --python-platform x86_64-manylinux2014

# The dev environment installs from its lock (pinned, hashed), then pixcert itself: what the lock
# already holds is left as is; a dependency added to pyproject.toml since the last `make lock`
# still installs (and a test says to re-lock).
$(STAMP): pyproject.toml requirements-dev.lock
	$(PYTHON) -c 'import sys; sys.exit("pixcert needs Python 3.11+") if sys.version_info < (3, 11) else None'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip<26.3"
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.lock
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

# Every benchmark in bench/, one after the other (BENCH_ARGS=--quick: small sizes, a check that
# all run); outputs in .pixcert/bench/, figures written down in bench/README.md.
bench: $(STAMP)
	$(BIN)/python bench/run_all.py $(BENCH_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check services infra tests bench

template: $(STAMP)
	$(BIN)/python -m infra.template

# Re-resolve the locks: each Lambda's requirements.txt from its requirements.in (for Lambda's
# python3.11 on manylinux2014 x86_64), and the dev environment's from pyproject.toml.
lock: $(STAMP)
	$(BIN)/python -m pip install --quiet "uv==0.13.8"
	for s in orga certif engine jury; do \
	  (cd services/$$s && ../../$(BIN)/uv pip compile --quiet --generate-hashes $(LAMBDA_PLATFORM) \
	    requirements.in -o requirements.txt) || exit 1; \
	done
	$(BIN)/uv pip compile --quiet --generate-hashes --universal --python-version 3.11 \
	  pyproject.toml --extra dev -o requirements-dev.lock

clean:
	rm -rf $(VENV) build .pixcert
