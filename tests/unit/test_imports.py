"""Every module of every service imports (the four apps live side by side in one process)."""

from __future__ import annotations

import importlib

import pytest

from infra.local.apps import SERVICES_DIR, add_service_paths

add_service_paths()


def modules() -> list[str]:
    names = []
    for service in ("orga", "certif", "engine", "jury"):
        base = SERVICES_DIR / service
        for path in sorted((base / "chalicelib").rglob("*.py")):
            names.append(
                ".".join(path.relative_to(base).with_suffix("").parts).removesuffix(".__init__")
            )
    for path in sorted((SERVICES_DIR / "common" / "pixcore").rglob("*.py")):
        rel = path.relative_to(SERVICES_DIR / "common").with_suffix("")
        names.append(".".join(rel.parts).removesuffix(".__init__"))
    return names


@pytest.mark.parametrize("name", modules())
def test_module_imports(name):
    importlib.import_module(name)


def test_no_chalicelib_init():
    for service in ("orga", "certif", "engine", "jury"):
        assert not (SERVICES_DIR / service / "chalicelib" / "__init__.py").exists()
        assert (SERVICES_DIR / service / "vendor" / "pixcore").resolve() == (
            SERVICES_DIR / "common" / "pixcore"
        ).resolve()
