"""Rules on single student fields: INE, sex, birthdate, birthplace codes."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache

FRANCE = "99100"
MIN_BIRTH_YEAR = 1900

# The longest value each field of a student file may hold: a longer one is an error of the file,
# found before anything is written (names: 100 characters, as on the platform).
FIELD_LIMITS: dict[str, int] = {
    "ine": 20,
    "last_name": 100,
    "preferred_last_name": 100,
    "first_name": 100,
    "middle_name": 100,
    "third_name": 100,
    "sex_code": 10,
    "birthdate": 20,
    "birth_country_code": 10,
    "birth_department_code": 10,
    "birth_city_code": 10,
    "birth_city": 100,
    "mef_code": 30,
    "status": 20,
    "division": 50,
}
NAME_FIELDS = ("last_name", "preferred_last_name", "first_name", "middle_name", "third_name")

_INE = re.compile(r"[0-9A-Z]{11}")
# ASCII digits only: `\d` would take Arabic-Indic or full-width digits for a date.
_DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
# Control characters (line breaks included), bidirectional overrides and isolates, zero-width
# characters and BOM: invisible in a name, and a way to make one look like another.
_INVISIBLE = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]"
)
_BREAKS = re.compile(r"[\t\n\r]")
_CITY_CODE = re.compile(r"(?:\d{2}|2[AB])\d{3}")
_SEXES = {"1": "M", "2": "F", "M": "M", "F": "F"}


def normalize_ine(text: str) -> str:
    return text.strip().upper()


def is_valid_ine(ine: str) -> bool:
    """An INE is 11 letters or digits (10 digits + a letter, or 9 digits + 2 letters in practice).

    We accept any 11 alphanumerics so that every real shape (INE-RNIE, INE-BEA, INE-base 99,
    agricultural INA) goes through; the national registry is the one that guarantees the key.
    """
    return _INE.fullmatch(ine) is not None


def sex_from_code(code: str) -> str | None:
    """SIECLE says 1 for male and 2 for female; the agricultural file may say M or F."""
    return _SEXES.get(code.strip().upper())


def clean_name(text: str) -> str:
    """A name as stored: NFC, without invisible or control characters, single spaces."""
    if text.isascii() and text.isprintable() and "  " not in text:
        return text  # nearly every name: nothing to do
    text = unicodedata.normalize("NFC", _BREAKS.sub(" ", _INVISIBLE.sub("", text)))
    return " ".join(text.split())


@lru_cache(maxsize=8192)
def parse_birthdate(text: str) -> date | None:
    """A birthdate is written JJ/MM/AAAA with ASCII digits and must be a real day of the calendar.

    29/02 exists only in leap years: 29/02/2008 is fine, 29/02/2007 is not.
    """
    match = _DATE.fullmatch(text.strip())
    if match is None:
        return None
    day, month, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def is_plausible_birthdate(day: date, today: date | None) -> bool:
    """A birthdate from 1900 on, and not in the future."""
    return day.year >= MIN_BIRTH_YEAR and (today is None or day <= today)


@lru_cache(maxsize=1024)
def insee_country_code(code: str) -> str | None:
    """The INSEE country code is 99 followed by the 3-digit SIECLE code: France (100) is 99100.

    A file that already gives the 5-digit INSEE code (99xxx) is taken as is.
    """
    code = code.strip()
    if not code.isdigit():
        return None
    if len(code) == 3:
        return "99" + code
    if len(code) == 5 and code.startswith("99"):
        return code
    return None


def is_valid_city_code(code: str) -> bool:
    """A commune INSEE code is 5 characters: 2 digits or 2A/2B (Corsica) then 3 digits.

    Overseas communes start with their 3-digit code: 97411 is Saint-Denis (La Réunion).
    """
    return _CITY_CODE.fullmatch(code) is not None


def department_of_city(city_code: str) -> str:
    """The department of a commune, on 3 characters as SIECLE writes it: 075, 02A, 974."""
    if city_code[:2] in ("97", "98"):
        return city_code[:3]
    return "0" + city_code[:2]
