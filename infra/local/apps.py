"""Loading the four Chalice apps side by side in one process, as Lambda would load each."""

from __future__ import annotations

import functools
import importlib.util
import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

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
    _run_as(service, module)
    return module


def _run_as(service: str, module: ModuleType) -> None:
    """Every entry point of the app (HTTP and events) runs `acting_as` its service, as if it
    were alone on its Lambda: with IAM enforcement, its calls are signed with its own keys."""
    from pixcore.aws import acting_as

    app = module.app
    base = type(app)

    def call(self: Any, event: Any, context: Any) -> Any:
        with acting_as(service):
            return base.__call__(self, event, context)

    app.__class__ = type(f"{base.__name__}As{service.capitalize()}", (base,), {"__call__": call})
    for source in app.event_sources:
        name = source.handler_string.split(".", 1)[1]
        setattr(module, name, _acting(service, getattr(module, name)))


def _acting(service: str, handler: Callable[..., Any]) -> Callable[..., Any]:
    from pixcore.aws import acting_as

    @functools.wraps(handler)
    def run(*args: Any, **kwargs: Any) -> Any:
        with acting_as(service):
            return handler(*args, **kwargs)

    return run


def load_all() -> dict[str, ModuleType]:
    return {service: load(service) for service in resources.SERVICES}
