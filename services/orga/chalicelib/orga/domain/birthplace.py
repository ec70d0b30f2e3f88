"""The birthplace rule: a commune code for the French-born, a city name for the foreign-born."""

from __future__ import annotations

from typing import NamedTuple

from .student_fields import FRANCE, department_of_city, insee_country_code, is_valid_city_code
from .student_records import ImportErrorCode

E = ImportErrorCode


class Birthplace(NamedTuple):
    country_code: str | None
    department_code: str | None
    city_code: str | None
    city: str | None


class FieldError(NamedTuple):
    """What is wrong with one field of a student: the code, the field, the value if any."""

    code: ImportErrorCode
    attribute: str
    value: str | None = None


def birthplace_of(
    country: str | None, department: str | None, city_code: str | None, city: str | None
) -> tuple[Birthplace | FieldError, FieldError | None]:
    """Country (INSEE, 99xxx), department, commune code and city, and a warning if any. Born in
    France needs the commune code (an error without it), the department following from it when
    missing (2A004 gives 02A, 97411 gives 974). The rest only warns, the student is imported: a
    foreign-born student without a city name, a missing or unknown country (the place is then
    kept as the file gives it)."""
    insee_country = insee_country_code(country) if country is not None else None
    if insee_country is None:
        warning = (
            FieldError(E.BIRTH_COUNTRY_REQUIRED, "birth_country_code")
            if country is None
            else FieldError(E.BIRTH_COUNTRY_INVALID, "birth_country_code", country)
        )
        code = city_code.upper() if city_code else None
        if code and is_valid_city_code(code):
            return Birthplace(None, department or department_of_city(code), code, city), warning
        return Birthplace(None, department, city_code, city), warning
    if insee_country != FRANCE:
        no_city = FieldError(E.BIRTH_CITY_REQUIRED, "birth_city") if city is None else None
        return Birthplace(insee_country, department, None, city), no_city
    if city_code is None:
        return FieldError(E.BIRTH_CITY_CODE_REQUIRED, "birth_city_code"), None
    city_code = city_code.upper()
    if not is_valid_city_code(city_code):
        return FieldError(E.BIRTH_CITY_CODE_INVALID, "birth_city_code", city_code), None
    place = Birthplace(insee_country, department or department_of_city(city_code), city_code, city)
    return place, None
