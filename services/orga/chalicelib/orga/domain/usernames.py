"""Generated usernames for students without an email: prenom.nom and the birth day and month."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from pixcore.errors import Conflict
from pixcore.text import fold

MAX_SUFFIX = 10_000
_PLACEHOLDER = "eleve"


def _ascii_part(name: str) -> str:
    folded = "".join(ch for ch in fold(name) if ch.isascii())
    return folded or _PLACEHOLDER


def base_username(first_name: str, last_name: str, birthdate: date) -> str:
    """The username is the first name, a dot, the last name, then the birth day and month (DDMM),
    all in lower-case ASCII without accents, spaces or punctuation: Zoé N'Diaye born on 2 March
    becomes zoe.ndiaye0203. A name with no Latin letter at all is written « eleve »."""
    return f"{_ascii_part(first_name)}.{_ascii_part(last_name)}{birthdate:%d%m}"


def generate_username(
    first_name: str, last_name: str, birthdate: date, is_taken: Callable[[str], bool]
) -> str:
    """The base username if free, else the same followed by 2, 3, … — the first one not taken."""
    base = base_username(first_name, last_name, birthdate)
    if not is_taken(base):
        return base
    for suffix in range(2, MAX_SUFFIX):
        candidate = f"{base}{suffix}"
        if not is_taken(candidate):
            return candidate
    raise Conflict(
        "Impossible de générer un identifiant libre : utilisez une adresse e-mail.",
        code="USERNAME_UNAVAILABLE",
    )
