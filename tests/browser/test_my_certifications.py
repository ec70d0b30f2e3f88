"""« Mes certifications » on faked jury and engine routes: a published result with its levels, its
verification code and the signed attestation to download; nothing published yet says so."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.fakes import referential, signed_in
from tests.browser.harness import FakeApi

pytestmark = [pytest.mark.browser]
COURSE = "course-1"


def result(**changes: Any) -> dict[str, Any]:
    return {
        "course_id": COURSE,
        "session_id": "1042",
        "center_name": "Collège Victor-Hugo",
        "session_date": "2027-03-15",
        "published_at": "2027-03-22T09:00:00Z",
        "status": "validated",
        "pix": 96,
        "competences": [
            {"competence": "1.1", "level": 3, "pix": 24},
            {"competence": "2.1", "level": 2, "pix": 16},
            {"competence": "3.1", "level": 0, "pix": 0},
        ],
        "comment_for_candidate": None,
        "verification_code": "P-B2C3D4F6",
        "attestation_available": True,
        **changes,
    }


def open_page(page, web_url, certifications) -> FakeApi:  # noqa: ANN001
    api = FakeApi().install(page)
    api.on("GET", "/engine/referential", referential())
    api.on("GET", "/jury/users/me/certifications", {"certifications": certifications})
    signed_in(page)
    page.goto(f"{web_url}/student/#/certifications")
    page.get_by_role("heading", name="Mes certifications").wait_for()
    return api


def test_a_published_result_shows_its_levels_and_its_attestation_downloads(
    page, web_url, axe, look
):
    open_page(page, web_url, [result()])
    page.route(
        f"**/jury/certifications/{COURSE}/attestation.pdf",
        lambda route: route.fulfill(
            status=200, content_type="application/pdf", body=b"%PDF-1.7\n%attestation\n"
        ),
    )
    page.get_by_role("heading", name="Certification validée").wait_for()
    assert page.get_by_text("96 pix").is_visible()
    rows = page.get_by_role("table", name="Niveaux certifiés").get_by_role("row")
    assert rows.count() == 3  # the header and the two certified competences (not 3.1, level 0)
    assert "1.1 Mener une recherche et une veille d'information" in rows.nth(1).inner_text()
    assert page.get_by_text("P-B2C3D4F6").is_visible()
    axe(page, "mes certifications")
    look(page, "student-my-certifications", full_page=True)
    with page.expect_download() as downloaded:
        page.get_by_role("button", name="Télécharger mon attestation (PDF)").click()
    assert downloaded.value.suggested_filename == f"attestation-pix-{COURSE}.pdf"
    assert Path(downloaded.value.path()).read_bytes().startswith(b"%PDF")


def test_nothing_published_yet_says_when_a_result_comes(page, web_url, axe):
    open_page(page, web_url, [])
    page.get_by_text("Aucun résultat de certification pour l'instant").wait_for()
    axe(page, "mes certifications, aucun résultat")


def test_a_cancelled_certification_has_no_levels_nor_attestation(page, web_url):
    cancelled = result(
        status="cancelled",
        pix=0,
        competences=[],
        verification_code=None,
        attestation_available=False,
        comment_for_candidate="Un problème technique a empêché un score fiable.",
    )
    open_page(page, web_url, [cancelled])
    page.get_by_role("heading", name="Certification annulée").wait_for()
    assert page.get_by_text("Message du jury : Un problème technique").is_visible()
    assert page.get_by_role("button", name="Télécharger mon attestation (PDF)").count() == 0
