"""Building blocks of every service's HTTP schemas: strict bodies, clean names, bounded text,
plausible dates. Field errors carry a stable code and a French message (see `http.py`)."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

# Control characters, bidirectional overrides and isolates, zero-width characters and BOM.
_FORBIDDEN = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
_FORBIDDEN_IN_TEXT = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]"
)
EARLIEST_BIRTHDATE = date(1900, 1, 1)


class Body(BaseModel):
    """A request body: unknown fields refused, surrounding spaces trimmed."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def clean_name(value: str) -> str:
    """A person's or a place's name: NFC, no invisible or control characters, single spaces."""
    value = unicodedata.normalize("NFC", value)
    if _FORBIDDEN.search(value):
        raise PydanticCustomError(
            "invisible_character",
            "Ce champ contient un caractère invisible ou de contrôle.",
        )
    value = " ".join(value.split())
    if not value:
        raise PydanticCustomError("required", "Ce champ est obligatoire.")
    return value


def clean_text(value: str) -> str:
    """Free text (a comment, a description): NFC, line breaks allowed, no control characters."""
    value = unicodedata.normalize("NFC", value)
    if _FORBIDDEN_IN_TEXT.search(value):
        raise PydanticCustomError(
            "invisible_character",
            "Ce texte contient un caractère invisible ou de contrôle.",
        )
    return value


def plausible_birthdate(value: date) -> date:
    """A birthdate between 1 January 1900 and today."""
    if not EARLIEST_BIRTHDATE <= value <= date.today():
        raise PydanticCustomError(
            "implausible_date",
            "La date de naissance doit être comprise entre le 01/01/1900 et aujourd'hui.",
        )
    return value


Name = Annotated[str, Field(min_length=1, max_length=100), AfterValidator(clean_name)]
Label = Annotated[str, Field(min_length=1, max_length=255), AfterValidator(clean_name)]
Text = Annotated[str, Field(max_length=5000), AfterValidator(clean_text)]
Birthdate = Annotated[date, AfterValidator(plausible_birthdate)]
Identifier = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:#-]+$")]
