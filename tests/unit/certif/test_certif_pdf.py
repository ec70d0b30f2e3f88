"""The printed documents read back through their text (pypdf): pages, every field, the header
on every page, each candidate's end time; and the font parsed once, reused safely."""

from __future__ import annotations

import io
from datetime import date, time

import pytest
from pypdf import PdfReader

from chalicelib.certif.adapters.pdf_documents import Fpdf2DocumentRenderer
from chalicelib.certif.domain.candidates import Candidate
from chalicelib.certif.domain.documents import attendance_sheet, incident_report
from chalicelib.certif.domain.finalization import (
    CandidateFinalization,
    Finalization,
    IssueReportDraft,
)
from chalicelib.certif.domain.sessions import Schedule, Session

NAMES = (
    ("Çağla", "Öztürk"),
    ("Thị Lan", "Nguyễn"),
    ("Łukasz", "Wójcik"),
    ("Zoé", "Lefèvre"),
    ("Aïcha", "Ben Saïd"),
)
SESSION = Session(
    "10001",
    "o",
    Schedule(
        "Collège Victor-Hugo", "Salle B12", date(2026, 3, 10), time(14, 0), "M. Martin, Mme Nguyễn"
    ),
    "BCDF23",
    "BCD23",
)


def roster(n: int) -> list[Candidate]:
    return [
        Candidate(
            id=f"c{i:03d}",
            session_id="10001",
            center_id="o",
            student_id=f"s{i}",
            first_name=NAMES[i % 5][0],
            last_name=f"{NAMES[i % 5][1]} {i:03d}",
            birthdate=date(2010, 1 + i % 12, 1 + i % 28),
            birth_city="Kraków" if i % 5 == 2 else None,
            birth_city_code="75056",
            birth_department_code="75" if i % 5 != 2 else "99",
            birth_country_code="99122" if i % 5 == 2 else "99100",
            external_id=f"E-{i:04d}",
            email=f"eleve{i}@college.fr" if i == 0 else None,
            extra_time_percentage=33 if i == 3 else 0,
        )
        for i in range(n)
    ]


def pages(content: bytes) -> list[str]:
    return [p.extract_text() for p in PdfReader(io.BytesIO(content)).pages]


@pytest.fixture(scope="module")
def sheet40() -> list[str]:
    return pages(
        Fpdf2DocumentRenderer().attendance_sheet(
            attendance_sheet(SESSION, "Collège Jean-Moulin", roster(40))
        )
    )


def test_a_40_candidate_sheet_has_3_pages_with_the_header_on_each(sheet40):
    assert len(sheet40) == 3
    for number, text in enumerate(sheet40, 1):
        for field in (
            "Feuille d'émargement",
            "N° de session : 10001",
            "Date : 10/03/2026",
            "14:00 – 16:00",
            "Salle B12",
            "Collège Victor-Hugo",
            "M. Martin, Mme Nguyễn",
            "Signature du ou des surveillants",
            "Nom de naissance",
            f"Page {number} / 3",
        ):
            assert field in text, (number, field)


def test_every_candidate_row_has_its_fields_and_own_end_time(sheet40):
    text = "\n".join(sheet40)
    for i, c in enumerate(roster(40)):
        assert c.last_name in text and f"E-{i:04d}" in text
    line = next(line for line in text.splitlines() if "Lefèvre 003" in line)
    assert "33\u202f%" in line and "16:35" in line and "Zoé" in line and "04/04/2010" in line
    kraków = next(line for line in text.splitlines() if "Wójcik 002" in line)
    assert "Kraków" in kraków and "Pologne" in kraków and "99" in kraków
    assert "eleve0@college.fr" in text and text.count("16:00") >= 39


def test_a_300_candidate_sheet_spreads_over_20_pages_in_order():
    texts = pages(
        Fpdf2DocumentRenderer().attendance_sheet(attendance_sheet(SESSION, "Collège", roster(300)))
    )
    assert len(texts) == 20 and all("N° de session : 10001" in t for t in texts)
    assert "Page 20 / 20" in texts[-1] and "Wójcik 297" in texts[-1]


def test_the_incident_report_has_the_comment_the_reports_and_the_codes():
    cs = roster(3)
    draft = Finalization(
        "10001",
        {
            cs[1].id: CandidateFinalization(
                cs[1].id,
                False,
                None,
                (
                    IssueReportDraft("r1", "IN_CHALLENGE", "IMAGE_NOT_DISPLAYING", None, 12),
                    IssueReportDraft("r2", "OTHER", None, "Malaise, sortie accompagnée à 14 h 40."),
                ),
            )
        },
        True,
        "Coupure du réseau de 10 minutes à 14 h 35.",
    )
    [text] = pages(
        Fpdf2DocumentRenderer().incident_report(incident_report(SESSION, "Collège", cs, draft))
    )
    assert "Procès-verbal d'incident" in text and "N° de session : 10001" in text
    assert "Coupure du réseau de 10 minutes à 14 h 35." in text and "Nguyễn 001 Thị Lan" in text
    assert "Malaise, sortie accompagnée" in text and "12" in text
    for code in ("C1", "C6", "E1", "E8", "A1", "A2"):
        assert code in text


def test_the_font_is_parsed_once_and_two_documents_in_a_row_both_embed_their_glyphs(monkeypatch):
    from fontTools.ttLib import TTFont
    from fpdf.fonts import TTFFont

    from pixcore import pdf

    pdf.parsed_fonts.cache_clear()
    parses = []
    original = TTFFont.__init__
    monkeypatch.setattr(
        TTFFont, "__init__", lambda self, *a, **k: (parses.append(1), original(self, *a, **k))[1]
    )
    renderer = Fpdf2DocumentRenderer()
    first = renderer.attendance_sheet(attendance_sheet(SESSION, "Collège", roster(5)[:1]))
    wojcik = roster(5)[2]
    report = IssueReportDraft("r", "FRAUD")
    draft = Finalization(
        "10001", {wojcik.id: CandidateFinalization(wojcik.id, issue_reports=(report,))}
    )
    second = renderer.incident_report(incident_report(SESSION, "Collège", [wojcik], draft))
    assert len(parses) == 2  # regular and bold, once for the container
    for content, name in ((first, "Öztürk"), (second, "Wójcik 002 Łukasz")):
        reader = PdfReader(io.BytesIO(content))
        assert name in reader.pages[0].extract_text()
        for font in _embedded_fonts(reader):
            glyphs = TTFont(io.BytesIO(font)).getGlyphOrder()
            assert len(glyphs) > 20  # each document carries its own subset, not the first's


def _embedded_fonts(reader: PdfReader) -> list[bytes]:
    found = []
    for font in reader.pages[0]["/Resources"]["/Font"].values():
        descendant = font.get_object()["/DescendantFonts"][0].get_object()
        found.append(
            descendant["/FontDescriptor"].get_object()["/FontFile2"].get_object().get_data()
        )
    return found
