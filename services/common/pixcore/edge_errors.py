"""Chalice's own error answers (`{"Code", "Message"}` in English) in the API's error format."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pixcore.errors import Internal, Invalid, MethodNotAllowed, PixError, UnsupportedMediaType


def translate_chalice_error(
    status: int, body: Any, headers: Mapping[str, Any]
) -> tuple[PixError, dict[str, Any]] | None:
    """The error to answer instead, with the headers to keep; None for any other answer."""
    if not (isinstance(body, dict) and set(body) == {"Code", "Message"}):
        return None
    kept = {k: v for k, v in headers.items() if k.lower().startswith("access-control-")}
    code, message = body["Code"], str(body["Message"])
    if status == 405:
        allowed = str(headers.get("Allow", ""))
        kept["Allow"] = allowed
        return MethodNotAllowed(
            details={"allowed": [m.strip() for m in allowed.split(",") if m]}
        ), kept
    if status == 415:
        sent = message.partition(": ")[2]
        return (
            UnsupportedMediaType(
                "Ce type de contenu n'est pas accepté pour cette adresse.",
                details={"content_type": sent},
            ),
            kept,
        )
    if status == 400 and code == "BadRequest":
        return (
            Invalid(
                "Cette adresse renvoie un fichier : précisez son type dans l'en-tête Accept.",
                code="ACCEPT_REQUIRED",
            ),
            kept,
        )
    if status >= 500:
        return Internal(), kept
    return Invalid(code=f"REQUEST_{status}"), kept
