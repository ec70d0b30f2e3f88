"""Reading SIECLE exports: encodings, zip archives, structures, nested homonyms, the UAI check."""

from __future__ import annotations

import io
from datetime import date

import pytest

from chalicelib.orga.importing.payload import ReadLimits
from chalicelib.orga.importing.siecle import import_siecle, read_siecle
from infra.samples.siecle_builder import (
    DEFAULT_UAI,
    Eleve,
    school_eleves,
    siecle_xml,
    zipped,
)
from infra.samples.siecle_generator import students_xml


def _by_ine(outcome):
    return {student.ine: student for student in outcome.students}


def test_a_realistic_latin9_export_keeps_the_right_students_with_accents_intact():
    # GIVEN a school export in ISO-8859-15 with skipped students among the kept ones
    data = siecle_xml(school_eleves())
    assert "Ÿ".encode("iso8859-15") in data  # really latin-9, not latin-1

    # WHEN it is imported
    outcome = import_siecle(data, expected_uai=DEFAULT_UAI)

    # THEN the 4 students with an INE, no leaving date and a real division are kept
    assert outcome.ok, outcome.errors
    assert outcome.read == 7
    assert dict(outcome.skipped) == {"NO_INE": 1, "LEFT": 1, "NO_DIVISION": 1}
    students = _by_ine(outcome)
    assert set(students) == {"1234567890A", "0987654321B", "123456789CD", "2345678901E"}
    zoe = students["1234567890A"]
    assert (zoe.last_name, zoe.first_name, zoe.middle_name) == ("LEFÈVRE", "Zoé", "Ÿvette")
    assert zoe.birthdate == date(2008, 2, 29)
    assert zoe.sex == "F" and zoe.division == "3E1" and zoe.source_id == "100001"
    loic = students["0987654321B"]
    assert (loic.last_name, loic.preferred_last_name, loic.sex) == ("N'DIAYE", "CŒUR", "M")


def test_birthplaces_in_corsica_overseas_and_abroad():
    students = _by_ine(import_siecle(siecle_xml(school_eleves()), expected_uai=DEFAULT_UAI))

    ajaccio = students["0987654321B"]
    assert (ajaccio.birth_country_code, ajaccio.birth_department_code, ajaccio.birth_city_code) == (
        "99100",
        "02A",
        "2A004",
    )
    saint_denis = students["123456789CD"]
    assert (saint_denis.birth_department_code, saint_denis.birth_city_code) == ("974", "97411")
    algiers = students["2345678901E"]
    assert (algiers.birth_country_code, algiers.birth_city, algiers.birth_city_code) == (
        "99352",
        "ALGER",
        None,
    )


def test_each_student_carries_the_line_of_its_element():
    data = siecle_xml(school_eleves())
    outcome = import_siecle(data, expected_uai=DEFAULT_UAI)
    lines = data.decode("iso8859-15").splitlines()
    for student in outcome.students:
        assert f'ELEVE_ID="{student.source_id}"' in lines[student.line - 1]


def test_utf8_with_bom_and_crlf_reads_the_same_as_latin9():
    latin9 = import_siecle(siecle_xml(school_eleves()), expected_uai=DEFAULT_UAI)
    utf8 = import_siecle(
        siecle_xml(school_eleves(), encoding="UTF-8", bom=True, crlf=True),
        expected_uai=DEFAULT_UAI,
    )
    assert utf8.ok
    assert [(s.ine, s.last_name, s.first_name, s.birthdate, s.division) for s in utf8.students] == [
        (s.ine, s.last_name, s.first_name, s.birthdate, s.division) for s in latin9.students
    ]


def test_nested_homonyms_of_last_year_schooling_are_not_the_students_own():
    # GIVEN last year's schooling nests fields named like the student's, before and after theirs
    nested = (
        "<SCOLARITE_AN_DERNIER><ID_NATIONAL>9999999999Z</ID_NATIONAL>"
        "<NOM_DE_FAMILLE>AUTRE</NOM_DE_FAMILLE><PRENOM>Personne</PRENOM>"
        "<DATE_NAISS>01/01/1990</DATE_NAISS><DATE_SORTIE>30/06/2020</DATE_SORTIE>"
        "<CODE_MEF>99999999999</CODE_MEF></SCOLARITE_AN_DERNIER>"
    )
    eleve = Eleve("1", ine="1234567890A", last_name="MARTIN", first_name="Chloé", extra_xml=nested)

    outcome = import_siecle(siecle_xml([eleve]), expected_uai=DEFAULT_UAI)

    # THEN only direct children count: kept (the nested DATE_SORTIE is not hers), her own names
    assert outcome.ok, outcome.errors
    (student,) = outcome.students
    assert (student.ine, student.last_name, student.first_name) == (
        "1234567890A",
        "MARTIN",
        "Chloé",
    )
    assert student.birthdate == date(2008, 3, 2) and student.mef_code == "10310019110"


def test_the_division_is_the_d_structure_and_never_inactifs():
    eleves = [
        Eleve("1", ine="1111111111A", divisions=("Inactifs", "3E4")),
        Eleve("2", ine="2222222222B", divisions=(), groups=("3E1-LV2",)),
        Eleve("3", ine="3333333333C", divisions=("INACTIFS",)),
    ]
    outcome = import_siecle(siecle_xml(eleves), expected_uai=DEFAULT_UAI)
    assert [(s.ine, s.division) for s in outcome.students] == [("1111111111A", "3E4")]
    assert outcome.skipped["NO_DIVISION"] == 2


def test_a_zip_is_recognised_by_content_and_mac_junk_is_ignored():
    xml = siecle_xml(school_eleves())
    archive = zipped(
        {
            "ElevesSansAdresses.xml": xml,
            "__MACOSX/._ElevesSansAdresses.xml": b"\x00\x05\x16\x07 mac resource fork",
            ".DS_Store": b"junk",
            "LISEZMOI.txt": b"hello",
        }
    )

    outcome = import_siecle(io.BytesIO(archive), expected_uai=DEFAULT_UAI)

    assert outcome.ok and len(outcome.students) == 4


def test_a_zip_with_two_xml_files_or_none_is_invalid():
    xml = siecle_xml(school_eleves())
    for archive in (
        zipped({"a.xml": xml, "b/ElevesSansAdresses.xml": xml}),
        zipped({"a.txt": xml}),
    ):
        outcome = import_siecle(archive, expected_uai=DEFAULT_UAI)
        assert [e.code for e in outcome.errors] == ["INVALID_FILE"]
        assert "un seul fichier .xml" in outcome.errors[0].message


def test_a_broken_zip_is_invalid():
    archive = zipped({"ElevesSansAdresses.xml": siecle_xml(school_eleves())})
    outcome = import_siecle(archive[: len(archive) // 2], expected_uai=DEFAULT_UAI)
    assert [e.code for e in outcome.errors] == ["INVALID_FILE"]


def test_a_zip_whose_data_is_corrupted_is_invalid():
    archive = bytearray(zipped({"ElevesSansAdresses.xml": students_xml(200)}))
    middle = len(archive) // 2
    archive[middle : middle + 64] = bytes(64)
    outcome = import_siecle(bytes(archive), expected_uai=DEFAULT_UAI)
    assert [e.code for e in outcome.errors] == ["INVALID_FILE"]


class _Flaky(io.RawIOBase):
    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        raise ConnectionResetError("network hiccup")


def test_a_transient_read_error_propagates_so_the_job_is_retried():
    with pytest.raises(ConnectionResetError):
        import_siecle(_Flaky(), expected_uai=DEFAULT_UAI)


def test_a_zip_bomb_is_refused_before_inflating_it():
    bomb = zipped({"ElevesSansAdresses.xml": b"<BEE_ELEVES>" + b" " * (20 * 1024 * 1024)})
    assert len(bomb) < 100_000
    outcome = import_siecle(bomb, expected_uai=DEFAULT_UAI)
    assert [e.code for e in outcome.errors] == ["INVALID_FILE"]
    assert "anormalement compressée" in outcome.errors[0].message


def test_an_entry_larger_than_the_limit_is_refused():
    archive = zipped({"ElevesSansAdresses.xml": students_xml(50)})
    outcome = import_siecle(
        archive, expected_uai=DEFAULT_UAI, limits=ReadLimits(max_file_bytes=10_000)
    )
    assert [e.code for e in outcome.errors] == ["FILE_TOO_LARGE"]


def test_a_plain_file_larger_than_the_limit_is_refused_while_streaming():
    outcome = import_siecle(
        students_xml(50), expected_uai=DEFAULT_UAI, limits=ReadLimits(max_file_bytes=10_000)
    )
    assert [e.code for e in outcome.errors] == ["FILE_TOO_LARGE"]


class _PipeLike(io.RawIOBase):
    """A stream that cannot seek, like an HTTP body or an S3 download."""

    def __init__(self, data: bytes) -> None:
        self._inner = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def read(self, size: int = -1) -> bytes:
        return self._inner.read(min(size, 1000) if size and size > 0 else size)


@pytest.mark.parametrize("as_zip", [False, True])
def test_non_seekable_streams_are_read_whole(as_zip):
    data = siecle_xml(school_eleves())
    if as_zip:
        data = zipped({"export/ElevesSansAdresses.xml": data})
    outcome = import_siecle(_PipeLike(data), expected_uai=DEFAULT_UAI)
    assert outcome.ok and len(outcome.students) == 4


def test_the_uai_of_another_school_is_refused_before_reading_students():
    outcome = import_siecle(siecle_xml(school_eleves(), uai="0750655E"), expected_uai="0751234j ")
    assert [e.code for e in outcome.errors] == ["UAI_MISMATCHED"]
    assert "0750655E" in outcome.errors[0].message and "0751234J" in outcome.errors[0].message


def test_a_file_without_uai_is_refused():
    outcome = import_siecle(siecle_xml(school_eleves(), uai=None), expected_uai=DEFAULT_UAI)
    assert [e.code for e in outcome.errors] == ["UAI_MISMATCHED"]


def test_another_kind_of_xml_is_invalid():
    for data in (
        b"<?xml version='1.0'?><FACTURES><UAJ>0751234J</UAJ></FACTURES>",
        b"<?xml version='1.0'?><FACTURES/>",
    ):
        outcome = import_siecle(data, expected_uai=DEFAULT_UAI)
        assert [e.code for e in outcome.errors] == ["INVALID_FILE"]


def test_read_siecle_gives_the_uai_and_records_in_file_order():
    export = read_siecle(siecle_xml(school_eleves()), expected_uai=DEFAULT_UAI)
    assert export.uai == DEFAULT_UAI and len(export) == 7
    records = list(export.records())
    assert [r.source_id for r in records] == [f"10000{i}" for i in range(1, 8)]
    assert records[4].ine is None and records[6].division is None
    assert records[0].division == "3E1"


def test_an_empty_export_says_there_is_nothing_to_import():
    outcome = import_siecle(siecle_xml([]), expected_uai=DEFAULT_UAI)
    assert [e.code for e in outcome.errors] == ["EMPTY"]


def test_the_generator_writes_distinct_kept_students_in_many_divisions():
    outcome = import_siecle(students_xml(300), expected_uai=DEFAULT_UAI)
    assert outcome.ok and len(outcome.students) == 300
    assert len({s.division for s in outcome.students}) == 10
