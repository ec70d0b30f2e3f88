"""Human codes with unambiguous alphabets, drawn from a cryptographic random source."""

from __future__ import annotations

import secrets
from collections.abc import Callable

from pixcore.errors import Conflict

ACCESS_CODE_LETTERS = "BCDFGHJKMPQRTVWXY"
ACCESS_CODE_DIGITS = "2346789"
VERIFICATION_ALPHABET = "2346789BCDFGHJKMPQRTVWXY"
CAMPAIGN_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
CAMPAIGN_DIGITS = "123456789"


def _draw(alphabet: str, length: int) -> str:
    return "".join(secrets.choice(alphabet) for _ in range(length))


def session_access_code() -> str:
    """A session access code is 4 letters then 2 digits, e.g. `BCDF23`."""
    return _draw(ACCESS_CODE_LETTERS, 4) + _draw(ACCESS_CODE_DIGITS, 2)


def verification_code() -> str:
    """A certificate verification code is `P-` then 8 characters, e.g. `P-2B3C4D6F`."""
    return "P-" + _draw(VERIFICATION_ALPHABET, 8)


def campaign_code() -> str:
    """A campaign code is 6 letters (no I, no O) then 3 digits from 1 to 9, e.g. `ABCDEF123`."""
    return _draw(CAMPAIGN_LETTERS, 6) + _draw(CAMPAIGN_DIGITS, 3)


def is_session_access_code(code: str) -> bool:
    return (
        len(code) == 6
        and all(c in ACCESS_CODE_LETTERS for c in code[:4])
        and all(c in ACCESS_CODE_DIGITS for c in code[4:])
    )


def is_verification_code(code: str) -> bool:
    return (
        len(code) == 10
        and code.startswith("P-")
        and all(c in VERIFICATION_ALPHABET for c in code[2:])
    )


def is_campaign_code(code: str) -> bool:
    return (
        len(code) == 9
        and all(c in CAMPAIGN_LETTERS for c in code[:6])
        and all(c in CAMPAIGN_DIGITS for c in code[6:])
    )


def unique_code(
    generate: Callable[[], str], claim: Callable[[str], bool], attempts: int = 20
) -> str:
    """Draw codes until `claim` accepts one (it reserves the code atomically and says if it was free)."""
    for _ in range(attempts):
        code = generate()
        if claim(code):
            return code
    raise Conflict(
        "Impossible de générer un code unique, veuillez réessayer.", code="CODE_EXHAUSTED"
    )
