"""Pagination cursors: opaque to clients, signed, and bound to the list they continue."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any

from pixcore.errors import Invalid

_INVALID = "Le curseur de pagination est invalide ; reprenez la liste depuis le début."


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def encode_cursor(position: dict[str, Any] | None, secret: bytes, scope: str) -> str | None:
    """`position` (e.g. DynamoDB's LastEvaluatedKey) signed for one list (`scope`: the school,
    the filter…); None when the list is over."""
    if not position:
        return None
    payload = json.dumps(position, sort_keys=True, separators=(",", ":")).encode()
    mac = hmac.new(secret, scope.encode() + b"\0" + payload, hashlib.sha256).digest()[:16]
    return f"{_b64(payload)}.{_b64(mac)}"


def decode_cursor(cursor: str | None, secret: bytes, scope: str) -> dict[str, Any] | None:
    """The position a cursor of this list carries; a forged, altered or foreign one is a 400."""
    if not cursor:
        return None
    try:
        payload_text, mac_text = cursor.split(".")
        payload, mac = _unb64(payload_text), _unb64(mac_text)
        expected = hmac.new(secret, scope.encode() + b"\0" + payload, hashlib.sha256).digest()
        if not hmac.compare_digest(mac, expected[:16]):
            raise ValueError("bad signature")
        position = json.loads(payload)
        if not isinstance(position, dict):
            raise ValueError("not a position")
        return position
    except (ValueError, TypeError, UnicodeDecodeError) as exc:
        raise Invalid(_INVALID, code="INVALID_CURSOR") from exc


def cursor_secret(signing_key: str) -> bytes:
    """A key for cursors derived from the platform's token key (one secret to rotate)."""
    return hmac.new(signing_key.encode(), b"pixcert pagination cursor", hashlib.sha256).digest()
