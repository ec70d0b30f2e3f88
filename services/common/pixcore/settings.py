"""Settings read from the environment, with clear failures when one is missing."""

from __future__ import annotations

import os

from pixcore.errors import PixError


class MissingSetting(PixError):
    status = 500
    default_code = "MISSING_SETTING"


def setting(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise MissingSetting(
            f"Paramètre de configuration manquant : {name}", details={"name": name}
        )
    return value


def stage() -> str:
    return os.environ.get("PIXCERT_STAGE", "local")
