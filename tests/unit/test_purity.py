"""Domain rules and use cases stay pure Python: importing them loads no AWS SDK, database
mapper, web framework, token library or document renderer, directly or through the kernel."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ("orga", "certif", "engine", "jury")
BANNED = ("boto3", "botocore", "jwt", "pynamodb", "chalice", "fpdf", "jinja2", "lxml", "moto")

PROBE = """
import importlib, json, pkgutil, sys
sys.path[:0] = {paths!r}
loaded = []
for package in {packages!r}:
    module = importlib.import_module(package)
    loaded.append(package)
    for info in pkgutil.walk_packages(module.__path__, package + "."):
        importlib.import_module(info.name)
        loaded.append(info.name)
banned = sorted({{m.split(".")[0] for m in sys.modules}} & set({banned!r}))
print(json.dumps({{"loaded": loaded, "banned": banned}}))
"""


def _probe(service: str, layer: str) -> dict:
    paths = [str(ROOT / "services" / "common"), str(ROOT / "services" / service)]
    code = PROBE.format(paths=paths, packages=[f"chalicelib.{service}.{layer}"], banned=BANNED)
    done = subprocess.run(
        [sys.executable, "-I", "-c", code], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


# A layer still on its way to purity would be listed here (xfail, strict).
NOT_YET_PURE: set[tuple[str, str]] = set()
CASES = [
    pytest.param(
        service,
        layer,
        marks=[pytest.mark.xfail(strict=True, reason="not yet pure")]
        if (service, layer) in NOT_YET_PURE
        else [],
    )
    for service in SERVICES
    for layer in ("domain", "use_cases")
]


@pytest.mark.parametrize(("service", "layer"), CASES)
def test_a_layer_of_rules_loads_no_infrastructure(service, layer):
    found = _probe(service, layer)
    assert found["loaded"], f"{service}.{layer} is not a package"
    assert found["banned"] == [], f"{service}.{layer} loads {found['banned']}"
