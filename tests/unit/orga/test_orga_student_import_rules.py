"""The import rules on records: skips, every error collected with its student, all or nothing."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.orga.domain.student_fields import (
    department_of_city,
    insee_country_code,
    is_valid_city_code,
    is_valid_ine,
    parse_birthdate,
)
from chalicelib.orga.domain.student_import import check_student, decide_import, skip_reason
from chalicelib.orga.domain.student_records import SkipReason, StudentRecord
from chalicelib.orga.importing.siecle import SIECLE_RULES

RULES = SIECLE_RULES


def record(**fields) -> StudentRecord:
    base = dict(
        line=10,
        source_id="4242",
        ine="1234567890A",
        last_name="LEFÈVRE",
        preferred_last_name=None,
        first_name="Zoé",
        middle_name=None,
        third_name=None,
        sex_code="2",
        birthdate="02/03/2008",
        birth_country_code="100",
        birth_department_code="075",
        birth_city_code="75056",
        birth_city=None,
        mef_code="10310019110",
        status="ST",
        leaving_date=None,
        division="3E1",
    )
    base.update(fields)
    return StudentRecord(**base)


def codes(outcome):
    return [(error.code, error.line) for error in outcome.errors]


def test_a_clean_student_is_kept_with_normalised_fields():
    outcome = decide_import([record(ine=" 1234567890a ", last_name=" LEFÈVRE ")], RULES)
    assert outcome.ok
    (student,) = outcome.students
    assert student.ine == student.national_student_id == "1234567890A"
    assert student.last_name == "LEFÈVRE" and student.birthdate == date(2008, 3, 2)
    assert (student.birth_country_code, student.line, student.source_id) == ("99100", 10, "4242")


@pytest.mark.parametrize(
    "fields, reason",
    [
        (dict(ine=None), SkipReason.NO_INE),
        (dict(leaving_date="15/10/2020"), SkipReason.LEFT),
        (dict(division=None), SkipReason.NO_DIVISION),
        (dict(division="  "), SkipReason.NO_DIVISION),
        (dict(ine=None, sex_code=None, birthdate="31/02/2008"), SkipReason.NO_INE),
        (dict(ine="", leaving_date="01/09/2020"), SkipReason.LEFT),
    ],
)
def test_skipped_students_are_counted_never_reported(fields, reason):
    rec = record(**fields)
    assert skip_reason(rec, RULES) is reason
    outcome = decide_import([record(ine="2222222222B", line=1), rec], RULES)
    assert outcome.ok and outcome.skipped[reason.value] == 1 and len(outcome.students) == 1


def test_an_empty_ine_element_is_an_error_not_a_skip():
    outcome = decide_import([record(ine="")], RULES)
    assert codes(outcome) == [("INE_REQUIRED", 10)]
    error = outcome.errors[0]
    assert error.field == "ID_NATIONAL" and error.source_id == "4242"
    assert error.last_name == "LEFÈVRE" and error.first_name == "Zoé"
    assert error.message.startswith("LEFÈVRE Zoé (ligne 10) : l'INE")
    assert "SIECLE" in error.message


def warned(outcome):
    return [(w.code, w.line, w.field) for w in outcome.warnings]


@pytest.mark.parametrize("ine", ["123456789", "1234567890AB", "12345-7890A", "1234567890É"])
def test_an_ine_of_an_unusual_shape_warns_and_the_student_is_imported(ine):
    outcome = decide_import([record(ine=ine)], RULES)
    assert outcome.ok and [s.ine for s in outcome.students] == [ine.upper()]
    assert warned(outcome) == [("INE_INVALID", 10, "ID_NATIONAL")]
    assert ine.upper() in outcome.warnings[0].message
    assert outcome.warnings[0].ine == ine.upper()
    assert "L'élève est importé" in outcome.warnings[0].message


def test_twins_sharing_an_ine_are_both_reported_and_nothing_is_imported():
    # GIVEN twins typed with the same INE, among other correct students
    twins = [
        record(line=10, source_id="1", first_name="Léa"),
        record(line=20, source_id="2", ine="9999999999Z", first_name="Paul"),
        record(line=30, source_id="3", first_name="Léo", sex_code="1"),
    ]

    outcome = decide_import(twins, RULES)

    # THEN both twins are reported, each naming the other, and no student is imported
    assert codes(outcome) == [("INE_UNIQUE", 10), ("INE_UNIQUE", 30)]
    assert "LEFÈVRE Léo (ligne 30)" in outcome.errors[0].message
    assert "LEFÈVRE Léa (ligne 10)" in outcome.errors[1].message
    assert outcome.students == ()


def test_a_duplicate_ine_with_a_student_who_left_is_not_a_conflict():
    rows = [record(line=1), record(line=2, leaving_date="01/10/2020")]
    assert decide_import(rows, RULES).ok


def test_every_error_of_every_student_is_collected_at_once():
    rows = [
        record(line=3, sex_code=None, birthdate="31/04/2008"),
        record(line=7, ine="2222222222B", last_name=" ", first_name=None),
        record(line=9, ine="3333333333C", birth_city_code=None),
        record(line=11, ine="4444444444D", birth_country_code="352", birth_city=None),
        record(line=12, ine="5555555555E"),
    ]
    outcome = decide_import(rows, RULES)
    assert codes(outcome) == [
        ("SEX_REQUIRED", 3),
        ("BIRTHDATE_INVALID", 3),
        ("LAST_NAME_REQUIRED", 7),
        ("FIRST_NAME_REQUIRED", 7),
        ("BIRTH_CITY_CODE_REQUIRED", 9),
    ]
    assert warned(outcome) == [("BIRTH_CITY_REQUIRED", 11, "VILLE_NAISS")]
    assert outcome.students == () and outcome.read == 5


@pytest.mark.parametrize(
    "fields, code, field",
    [
        (dict(sex_code="3"), "SEX_INVALID", "CODE_SEXE"),
        (dict(birthdate=None), "BIRTHDATE_REQUIRED", "DATE_NAISS"),
        (dict(birthdate="2008-03-02"), "BIRTHDATE_INVALID", "DATE_NAISS"),
        (dict(birthdate="29/02/2007"), "BIRTHDATE_INVALID", "DATE_NAISS"),
        (dict(birthdate="١٢/١٢/٢٠٠٨"), "BIRTHDATE_INVALID", "DATE_NAISS"),  # Arabic-Indic
        (dict(birthdate="１２/１２/２００８"), "BIRTHDATE_INVALID", "DATE_NAISS"),  # full-width
        (dict(last_name="X" * 101), "FIELD_TOO_LONG", "NOM_DE_FAMILLE"),
        (dict(first_name="É" * 350_000), "FIELD_TOO_LONG", "PRENOM"),
        (dict(ine="1" * 21), "FIELD_TOO_LONG", "ID_NATIONAL"),
        (dict(birth_city_code="7505"), "BIRTH_CITY_CODE_INVALID", "CODE_COMMUNE_INSEE_NAISS"),
        (dict(birth_city_code="2C004"), "BIRTH_CITY_CODE_INVALID", "CODE_COMMUNE_INSEE_NAISS"),
    ],
)
def test_field_errors_name_the_siecle_field(fields, code, field):
    outcome = decide_import([record(**fields)], RULES)
    assert [(e.code, e.field) for e in outcome.errors] == [(code, field)]
    assert outcome.errors[0].message.endswith(RULES.fix_hint)


@pytest.mark.parametrize(
    "fields, code, field",
    [
        (dict(birthdate="12/12/1850"), "BIRTHDATE_IMPLAUSIBLE", "DATE_NAISS"),
        (dict(birth_country_code=None), "BIRTH_COUNTRY_REQUIRED", "CODE_PAYS"),
        (dict(birth_country_code="FR"), "BIRTH_COUNTRY_INVALID", "CODE_PAYS"),
        (dict(birth_country_code="352", birth_city=None), "BIRTH_CITY_REQUIRED", "VILLE_NAISS"),
        (dict(last_name="LEFÈ\u200bVRE"), "NAME_CLEANED", "NOM_DE_FAMILLE"),
        (dict(first_name="Zo\u202eé"), "NAME_CLEANED", "PRENOM"),
        (dict(first_name="Zoé\r\nMarie"), "NAME_CLEANED", "PRENOM"),
    ],
)
def test_data_quality_findings_warn_and_the_student_is_imported(fields, code, field):
    outcome = decide_import([record(**fields)], RULES)
    assert outcome.ok and len(outcome.students) == 1
    assert warned(outcome) == [(code, 10, field)]
    assert outcome.warnings[0].ine == "1234567890A"


def test_names_are_stored_nfc_without_invisible_characters_or_line_breaks():
    decomposed = "Zoe\u0301"  # « Zoé » with a combining accent
    (student,) = decide_import(
        [record(first_name=f"{decomposed}\u200d\r\nMarie", last_name="LEF\x00ÈVRE")], RULES
    ).students
    assert student.first_name == "Zoé Marie" and student.last_name == "LEFÈVRE"


def test_a_field_of_megabytes_is_reported_by_its_length_not_quoted():
    (error,) = decide_import([record(last_name="X" * 350_000)], RULES).errors
    assert "350000 caractères, 100 au plus" in error.message and len(error.message) < 400
    assert len(error.last_name) < 50


def test_a_leap_day_birthdate_is_fine_in_a_leap_year():
    (student,) = decide_import([record(birthdate="29/02/2008")], RULES).students
    assert student.birthdate == date(2008, 2, 29)


def test_a_birthdate_in_the_future_warns_when_today_is_known():
    rows = [record(birthdate="02/03/2030")]
    assert decide_import(rows, RULES).warnings == ()
    outcome = decide_import(rows, RULES, today=date(2021, 1, 4))
    assert outcome.ok and warned(outcome) == [("BIRTHDATE_IMPLAUSIBLE", 10, "DATE_NAISS")]


def test_corsica_and_overseas_departments_follow_from_the_commune_when_missing():
    rows = [
        record(line=1, ine="1111111111A", birth_department_code=None, birth_city_code="2a004"),
        record(line=2, ine="2222222222B", birth_department_code=None, birth_city_code="97411"),
        record(line=3, ine="3333333333C", birth_department_code=None, birth_city_code="13055"),
    ]
    students = decide_import(rows, RULES).students
    assert [(s.birth_department_code, s.birth_city_code) for s in students] == [
        ("02A", "2A004"),
        ("974", "97411"),
        ("013", "13055"),
    ]


def test_a_foreign_born_student_needs_a_city_but_no_commune_code():
    (student,) = decide_import(
        [record(birth_country_code="352", birth_city_code="99352", birth_city="ORAN")], RULES
    ).students
    assert (student.birth_country_code, student.birth_city_code, student.birth_city) == (
        "99352",
        None,
        "ORAN",
    )


def test_nothing_to_import_is_reported_as_empty():
    outcome = decide_import([record(ine=None), record(leaving_date="01/01/2021")], RULES)
    assert codes(outcome) == [("EMPTY", None)]
    assert outcome.read == 2


def test_check_student_returns_every_problem_of_one_student():
    student, problems, _ = check_student(
        record(ine="", sex_code="X", birthdate="00/00/0000"), RULES
    )
    assert student is None
    assert [p.code for p in problems] == ["INE_REQUIRED", "SEX_INVALID", "BIRTHDATE_INVALID"]


def test_problems_serialise_without_empty_fields():
    (error,) = decide_import([record(ine="")], RULES).errors
    assert error.to_dict() == {
        "code": "INE_REQUIRED",
        "message": error.message,
        "line": 10,
        "source_id": "4242",
        "last_name": "LEFÈVRE",
        "first_name": "Zoé",
        "field": "ID_NATIONAL",
    }


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_any_real_day_written_jj_mm_aaaa_parses_back(day):
    assert parse_birthdate(day.strftime("%d/%m/%Y")) == day


@given(st.integers(1, 31), st.integers(1, 12), st.integers(1900, 2100))
def test_impossible_days_never_parse(day, month, year):
    try:
        expected = date(year, month, day)
    except ValueError:
        expected = None
    assert parse_birthdate(f"{day:02d}/{month:02d}/{year}") == expected


def test_field_rules():
    assert is_valid_ine("1234567890A") and is_valid_ine("123456789AB")
    assert not is_valid_ine("1234567890") and not is_valid_ine("1234567890a ")
    assert insee_country_code("100") == "99100" and insee_country_code("99352") == "99352"
    assert insee_country_code("1000") is None and insee_country_code("FRA") is None
    assert all(is_valid_city_code(c) for c in ("75056", "2A004", "2B033", "97411", "98735"))
    assert not any(is_valid_city_code(c) for c in ("2a004", "750560", "ABCDE", ""))
    assert department_of_city("98735") == "987" and department_of_city("01053") == "001"


def test_the_outcome_reports_as_json():
    outcome = decide_import([record(), record(line=11, ine=None)], RULES)
    assert outcome.to_dict() == {
        "read": 2,
        "kept": 1,
        "skipped": {"NO_INE": 1, "LEFT": 0, "NO_DIVISION": 0},
        "errors": [],
        "warnings": [],
    }
