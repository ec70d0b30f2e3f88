"""The birthplace rule: a commune code for the French-born, a city name for the foreign-born."""

from __future__ import annotations

from typing import NamedTuple

from .student_fields import FRANCE, department_of_city, insee_country_code, is_valid_city_code
from .student_records import ImportErrorCode

E = ImportErrorCode


class Birthplace(NamedTuple):
    country_code: str
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
) -> Birthplace | FieldError:
    """Country (INSEE, 99xxx), department, commune code and city. Born in France needs the commune
    code, the department following from it when missing (2A004 gives 02A, 97411 gives 974); born
    abroad needs the city name, the commune code being meaningless there."""
    if country is None:
        return FieldError(E.BIRTH_COUNTRY_REQUIRED, "birth_country_code")
    insee_country = insee_country_code(country)
    if insee_country is None:
        return FieldError(E.BIRTH_COUNTRY_INVALID, "birth_country_code", country)
    if insee_country != FRANCE:
        if city is None:
            return FieldError(E.BIRTH_CITY_REQUIRED, "birth_city")
        return Birthplace(insee_country, department, None, city)
    if city_code is None:
        return FieldError(E.BIRTH_CITY_CODE_REQUIRED, "birth_city_code")
    city_code = city_code.upper()
    if not is_valid_city_code(city_code):
        return FieldError(E.BIRTH_CITY_CODE_INVALID, "birth_city_code", city_code)
    return Birthplace(insee_country, department or department_of_city(city_code), city_code, city)
