"""Loading the four Chalice apps side by side in one process, as Lambda would load each."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

from infra import resources

ROOT = Path(__file__).resolve().parents[2]
SERVICES_DIR = ROOT / "services"


def add_service_paths() -> None:
    """`chalicelib` is a namespace package spread over the four services (no __init__.py)."""
    for path in [SERVICES_DIR / "common", *(SERVICES_DIR / s for s in resources.SERVICES)]:
        if str(path) not in sys.path:
            sys.path.insert(0, str(path))


def service_environment() -> dict[str, str]:
    env: dict[str, str] = {"PIXCERT_STAGE": "local"}
    for service in resources.SERVICES:
        env.update(resources.service_environment(service))
    return env


def apply_environment() -> None:
    os.environ.update(service_environment())


def load(service: str) -> ModuleType:
    add_service_paths()
    name = f"pixcert_{service}_app"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, SERVICES_DIR / service / "app.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def load_all() -> dict[str, ModuleType]:
    return {service: load(service) for service in resources.SERVICES}
