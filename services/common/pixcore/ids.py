"""Identifiers: time-ordered, random, URL-safe."""

from __future__ import annotations

import os
import time


def new_id() -> str:
    """A 26-character id that sorts by creation time (48-bit ms timestamp + 80 random bits)."""
    value = (int(time.time() * 1000) << 80) | int.from_bytes(os.urandom(10), "big")
    alphabet = "0123456789abcdefghjkmnpqrstvwxyz"
    chars = []
    for _ in range(26):
        value, digit = divmod(value, 32)
        chars.append(alphabet[digit])
    return "".join(reversed(chars))
