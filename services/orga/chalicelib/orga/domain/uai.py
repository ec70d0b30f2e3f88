"""The UAI (ex-RNE), a school's national identifier: 7 digits and a check letter, e.g. 0750655E."""

from __future__ import annotations

import re

from pixcore.errors import Invalid

CHECK_ALPHABET = "ABCDEFGHJKLMNPRSTUVWXYZ"  # 23 letters: no I, O or Q
_UAI = re.compile(r"\d{7}[A-Z]")
# The UAI has no letter in its department part: Corsica uses 620 (Corse-du-Sud, 2A) and 720
# (Haute-Corse, 2B) instead, so the check letter is computed on digits everywhere.
_CORSICA = {"620": "02A", "720": "02B"}


def normalize_uai(text: str) -> str:
    """UAIs are compared without surrounding spaces and without regard to case."""
    return text.strip().upper()


def check_letter(digits: str) -> str:
    """The check letter is the number formed by the 7 digits, modulo 23, read in the 23-letter
    alphabet without I, O and Q: 0951099 mod 23 = 3, hence D."""
    if len(digits) != 7 or not digits.isdigit():
        raise ValueError(f"a UAI number has 7 digits, not {digits!r}")
    return CHECK_ALPHABET[int(digits) % 23]


def is_valid_uai(text: str) -> bool:
    """A UAI is 7 digits followed by the check letter computed from them."""
    uai = normalize_uai(text)
    return _UAI.fullmatch(uai) is not None and check_letter(uai[:7]) == uai[7]


def validated_uai(text: str) -> str:
    """The normalised UAI, or `Invalid` (UAI_INVALID) with a message saying what is wrong."""
    uai = normalize_uai(text)
    if _UAI.fullmatch(uai) is None:
        raise Invalid(
            f"L'UAI « {text.strip()} » n'est pas valide : il compte 7 chiffres suivis d'une "
            "lettre (par exemple 0750655E).",
            code="UAI_INVALID",
            details={"uai": text},
        )
    if check_letter(uai[:7]) != uai[7]:
        raise Invalid(
            f"L'UAI « {uai} » n'est pas valide : sa lettre de contrôle devrait être "
            f"{check_letter(uai[:7])}. Vérifiez qu'aucun chiffre n'a été mal recopié.",
            code="UAI_INVALID",
            details={"uai": text},
        )
    return uai


def uai_department(uai: str) -> str:
    """The department of a school, written like SIECLE writes birth departments: 075, 02A, 974."""
    prefix = normalize_uai(uai)[:3]
    return _CORSICA.get(prefix, prefix)
