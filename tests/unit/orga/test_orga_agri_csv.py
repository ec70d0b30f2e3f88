"""The agricultural schools' CSV: encodings, header checks, the same rules as SIECLE."""

from __future__ import annotations

from datetime import date

import pytest

from chalicelib.orga.importing.agri_csv import COLUMNS, decode, import_agri_csv, read_agri_csv
from infra.samples.siecle_builder import zipped

HEADER = [name for _, name, _ in COLUMNS]
ZOE = [
    "1234567890A",
    "Zoé",
    "Ÿvette",
    "",
    "LEFÈVRE",
    "CŒUR",
    "F",
    "29/02/2008",
    "75056",
    "Paris",
    "075",
    "99100",
    "AP",
    "27621000000",
    "2NDE A",
]
LOIC = [
    "123456789BC",
    "Loïc",
    "",
    "",
    "N'DIAYE",
    "",
    "",
    "14/07/2007",
    "2A004",
    "Ajaccio",
    "02A",
    "99100",
    "ST",
    "27621000000",
    "2NDE B",
]
AICHA = [
    "2345678901E",
    "Aïcha",
    "",
    "",
    "BENALI",
    "",
    "2",
    "03/11/2007",
    "",
    "ALGER",
    "099",
    "99352",
    "ST",
    "27621000000",
    "2NDE A",
]


def csv_bytes(rows, header=HEADER, encoding="utf-8", bom=False, newline="\r\n") -> bytes:
    text = newline.join(";".join(cells) for cells in [header, *rows]) + newline
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding)


def codes(outcome):
    return [(error.code, error.line, error.field) for error in outcome.errors]


@pytest.mark.parametrize(
    "encoding, bom", [("utf-8", True), ("utf-8", False), ("iso8859-15", False), ("cp1252", False)]
)
def test_students_are_imported_whatever_the_encoding(encoding, bom):
    outcome = import_agri_csv(csv_bytes([ZOE, LOIC, AICHA], encoding=encoding, bom=bom))
    assert outcome.ok, outcome.errors
    zoe, loic, aicha = outcome.students
    assert (zoe.first_name, zoe.middle_name, zoe.last_name, zoe.preferred_last_name) == (
        "Zoé",
        "Ÿvette",
        "LEFÈVRE",
        "CŒUR",
    )
    assert zoe.birthdate == date(2008, 2, 29) and zoe.sex == "F" and zoe.line == 2
    assert (zoe.status, zoe.mef_code, zoe.division, zoe.source_id) == (
        "AP",
        "27621000000",
        "2NDE A",
        None,
    )
    assert (loic.sex, loic.birth_city_code, loic.birth_department_code) == (None, "2A004", "02A")
    assert (aicha.birth_country_code, aicha.birth_city, aicha.sex) == ("99352", "ALGER", "F")


def test_cp1252_and_latin9_are_told_apart():
    assert decode("Cœur l’été".encode("cp1252")) == "Cœur l’été"
    assert decode("Cœur €".encode("iso8859-15")) == "Cœur €"
    assert decode(b"\xef\xbb\xbfZo\xc3\xa9") == "Zoé"


def test_columns_are_found_by_name_in_any_order_and_case():
    order = list(reversed(range(len(HEADER))))
    header = [HEADER[i].upper().replace("*", "") for i in order]
    outcome = import_agri_csv(csv_bytes([[ZOE[i] for i in order]], header=header))
    assert outcome.ok and outcome.students[0].first_name == "Zoé"


def test_optional_columns_may_be_absent():
    keep = [i for i, (_, _, required) in enumerate(COLUMNS) if required]
    outcome = import_agri_csv(
        csv_bytes([[LOIC[i] for i in keep]], header=[HEADER[i] for i in keep])
    )
    assert outcome.ok and outcome.students[0].middle_name is None


def test_every_missing_or_duplicated_column_is_reported_together():
    header = [name for name in HEADER if name not in ("Division*", "Statut*")] + ["Code MEF*"]
    outcome = import_agri_csv(csv_bytes([], header=header))
    assert sorted(codes(outcome)) == [
        ("COLUMN_DUPLICATED", 1, "Code MEF*"),
        ("COLUMN_MISSING", 1, "Division*"),
        ("COLUMN_MISSING", 1, "Statut*"),
    ]
    assert all("modèle" in error.message for error in outcome.errors)


def test_a_comma_separated_file_gets_a_clear_message():
    text = ",".join(HEADER) + "\n" + ",".join(ZOE) + "\n"
    outcome = import_agri_csv(text.encode())
    assert [e.code for e in outcome.errors] == ["INVALID_FILE"]
    assert "points-virgules" in outcome.errors[0].message


def test_an_empty_file_is_invalid():
    assert [e.code for e in import_agri_csv(b"").errors] == ["INVALID_FILE"]


def test_a_header_without_students_is_empty():
    assert [e.code for e in import_agri_csv(csv_bytes([])).errors] == ["EMPTY"]


def test_cell_errors_are_collected_with_their_line_and_column_and_nothing_is_imported():
    rows = [
        ZOE,
        [*LOIC[:7], "31/02/2007", *LOIC[8:12], "", "", ""],
        ["", *AICHA[1:9], "", *AICHA[10:]],
        [*ZOE[:1], "Léo", *ZOE[2:]],
    ]
    outcome = import_agri_csv(csv_bytes(rows))
    assert codes(outcome) == [
        ("INE_UNIQUE", 2, "Identifiant unique*"),
        ("BIRTHDATE_INVALID", 3, "Date de naissance (jj/mm/aaaa)*"),
        ("DIVISION_REQUIRED", 3, "Division*"),
        ("MEF_CODE_REQUIRED", 3, "Code MEF*"),
        ("STATUS_REQUIRED", 3, "Statut*"),
        ("INE_REQUIRED", 4, "Identifiant unique*"),
        ("INE_UNIQUE", 5, "Identifiant unique*"),
    ]
    assert [(w.code, w.line) for w in outcome.warnings] == [("BIRTH_CITY_REQUIRED", 4)]
    assert "Corrigez cette ligne du fichier" in outcome.errors[1].message
    assert outcome.students == ()


def test_blank_lines_are_ignored_and_quoted_cells_are_read():
    rows = [ZOE, [""] * len(HEADER), [*LOIC[:4], '"N\'DIAYE; dit ""Loulou"""', *LOIC[5:]]]
    outcome = import_agri_csv(csv_bytes(rows, newline="\n"))
    assert outcome.ok and outcome.students[1].last_name == 'N\'DIAYE; dit "Loulou"'


def test_short_rows_are_read_as_empty_cells():
    (record,) = read_agri_csv(csv_bytes([ZOE[:-1]]))
    assert record.division == "" and record.ine == "1234567890A"
    assert codes(import_agri_csv(csv_bytes([ZOE[:-1]]))) == [
        (
            "DIVISION_REQUIRED",
            2,
            "Division*",
        )
    ]


def test_a_zipped_csv_is_accepted():
    outcome = import_agri_csv(
        zipped({"eleves.csv": csv_bytes([ZOE]), "__MACOSX/._eleves.csv": b"x"})
    )
    assert outcome.ok and len(outcome.students) == 1
