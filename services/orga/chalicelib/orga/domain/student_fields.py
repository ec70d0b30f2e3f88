"""Rules on single student fields: INE, sex, birthdate, birthplace codes."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

FRANCE = "99100"
MIN_BIRTH_YEAR = 1900

_INE = re.compile(r"[0-9A-Z]{11}")
_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
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


@lru_cache(maxsize=8192)
def parse_birthdate(text: str) -> date | None:
    """A birthdate is written JJ/MM/AAAA and must be a real day of the calendar from 1900 on.

    29/02 exists only in leap years: 29/02/2008 is fine, 29/02/2007 is not.
    """
    match = _DATE.fullmatch(text.strip())
    if match is None:
        return None
    day, month, year = (int(part) for part in match.groups())
    if year < MIN_BIRTH_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


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
