"""Jury through HTTP on moto: review, publication, attestations (text, QR code, signature),
verification, the académie's figures."""

from __future__ import annotations

import io
import json
import subprocess

import pytest

from chalicelib.jury.adapters.signing import outside_any_event_loop
from pixcore.messages import catalog as c
from pixcore.principal import ACADEMIE, Principal
from tests.integration.conftest import drain
from tests.integration.jury.helpers import ADMIN_OF_CENTER, JUROR, body, headers, send
from tests.unit.jury.builders import (
    candidate,
    completed,
    course_ready,
    finalized,
    registered,
    report,
    session_updated,
)

IMAGE = c.ChallengeFeatures(has_image=True)


def pdf_headers(principal: Principal) -> dict[str, str]:
    return {**headers(principal), "Accept": "application/pdf"}


@pytest.fixture
def jury(client, apps):
    """Session s1: k1 clean, k2 with a link report on a wrong answer (waits for the jury), k3
    rejected. Names outside Windows-1252."""
    send(
        apps,
        registered(members=[c.Member(user_id="admin-1", role="ADMIN")]),
        session_updated(candidate_count=3),
        course_ready("k1", verification_code="P-BCDF2346"),
        course_ready("k2", verification_code="P-BCDF2347"),
        course_ready("k3", verification_code="P-BCDF2348"),
        completed("k1", verification_code="P-BCDF2346"),
        completed("k2", verification_code="P-BCDF2347", results={4: "ko"}),
        completed("k3", verification_code="P-BCDF2348", results={n: "ko" for n in range(1, 9)}),
        finalized(
            candidates=[
                candidate("k1", first_name="Çağla", last_name="Yılmaz"),
                candidate(
                    "k2",
                    first_name="Mathis",
                    last_name="Nguyễn",
                    division="3E2",
                    issue_reports=[report("E2", 4, issue_report_id="link")],
                ),
                candidate("k3"),
            ]
        ),
    )
    drain("certif"), drain("orga")
    return client("jury")


def test_the_jury_reviews_neutralises_and_publishes(jury):
    jh = headers(JUROR)
    listed = body(jury.http.get("/sessions?status=needs_action", headers=jh))
    assert [s["session_id"] for s in listed["sessions"]] == ["s1"]
    assert listed["sessions"][0]["reasons"] == ["UNRESOLVED_ISSUE_REPORT"]
    detail = body(jury.http.get("/sessions/s1", headers=jh))
    k2 = next(x for x in detail["certifications"] if x["course_id"] == "k2")
    assert k2["answers"][3] | {"features": None} == {
        "question_number": 4, "challenge_id": "rec4", "competence": "1.2", "skill": "@tube4",
        "challenge_type": "QCU", "result": "ko", "answered": True, "neutralized": False,
        "features": None,
    }  # fmt: skip
    assert body(jury.http.post("/sessions/s1/assign", headers=jh))["assigned_to"] == "juror-1"
    assert [m["status"] for m in drain("certif")] == ["in_process"]

    version = k2["version"]
    move = {"version": version, "question_number": 4}
    neutralised = jury.http.post("/certifications/k2/neutralize", headers=jh, body=json.dumps(move))
    assert neutralised.status_code == 200
    assert body(neutralised)["result"]["rate"] == 100
    stale = jury.http.post(
        "/certifications/k2/cancel", headers=jh, body=json.dumps({"version": version})
    )
    assert (stale.status_code, body(stale)["error"]["code"]) == (409, "STALE_VERSION")

    early = jury.http.post("/sessions/s1/publish", headers=jh)
    assert (early.status_code, body(early)["error"]["code"]) == (422, "UNRESOLVED_ISSUE_REPORTS")
    resolve = {
        "certification_id": "k2",
        "version": version + 1,
        "comment": "Lien cassé : question neutralisée.",
    }
    assert (
        jury.http.post(
            "/issue-reports/link/resolve", headers=jh, body=json.dumps(resolve)
        ).status_code
        == 200
    )
    patch = {"version": version + 2, "comment_for_organization": "Vu avec le centre."}
    assert (
        jury.http.patch("/certifications/k2", headers=jh, body=json.dumps(patch)).status_code == 200
    )

    history = body(jury.http.get("/certifications/k2/history", headers=jh))["history"]
    assert [(h["emitter"], h["action"], h["by"]) for h in history] == [
        ("algorithm", "course_completed", None),
        ("auto-jury", "auto_jury", None),
        ("neutralization", "neutralize", "juror-1"),
        ("jury", "resolve_issue_report", "juror-1"),
        ("jury", "comment", "juror-1"),
    ]

    assert jury.http.post("/sessions/s1/publish", headers=jh).status_code == 200
    again = jury.http.post("/sessions/s1/publish", headers=jh)
    assert (again.status_code, body(again)["error"]["code"]) == (409, "SESSION_ALREADY_PUBLISHED")
    [published] = [m for m in drain("orga") if m["type"] == "SessionPublished"]
    statuses = {
        r["course_id"]: (r["status"], r["comment_for_organization"]) for r in published["results"]
    }
    assert statuses == {
        "k1": ("validated", None),
        "k2": ("validated", "Vu avec le centre."),
        "k3": ("rejected", None),
    }
    assert [m["status"] for m in drain("certif")] == ["processed"]
    assert [m["type"] for m in drain("engine")] == ["SessionPublished"]

    mine = body(jury.http.get("/users/me/certifications", headers=headers(Principal("user-k2"))))
    assert [
        (m["course_id"], m["status"], m["attestation_available"]) for m in mine["certifications"]
    ] == [("k2", "validated", True)]


def publish(jury) -> None:  # noqa: ANN001
    jh = headers(JUROR)
    k2 = next(
        x
        for x in body(jury.http.get("/sessions/s1", headers=jh))["certifications"]
        if x["course_id"] == "k2"
    )
    resolve = {
        "certification_id": "k2",
        "version": k2["version"],
        "comment": "Réponse fausse conservée.",
    }
    jury.http.post("/issue-reports/link/resolve", headers=jh, body=json.dumps(resolve))
    assert jury.http.post("/sessions/s1/publish", headers=jh).status_code == 200


def png_of(pdf: bytes, tmp_path, dpi: int = 150) -> str:  # noqa: ANN001
    source = tmp_path / "a.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1", str(source), str(tmp_path / "page")], check=True)  # fmt: skip
    return str(next(tmp_path.glob("page*.png")))


def test_the_attestation_reads_scans_and_verifies(jury, tmp_path):
    import zxingcpp
    from PIL import Image
    from pypdf import PdfReader

    publish(jury)
    response = jury.http.get(
        "/certifications/k1/attestation.pdf", headers=pdf_headers(Principal("user-k1"))
    )
    assert response.status_code == 200, response.body
    assert response.headers["Content-Type"] == "application/pdf"
    pdf = response.body
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    for expected in (
        "Çağla Yılmaz", "28/02/2011", "Lyon (69)", "Collège Victor-Hugo", "10/03/2021",
        "Certification valable trois ans", "130", "P-BCDF2346", "Mener une recherche",
        "Informations et données", "niveau 3", "(sur 6)",
    ):  # fmt: skip
        assert expected in text, expected
    [qr] = zxingcpp.read_barcodes(Image.open(png_of(pdf, tmp_path)))
    assert qr.text == "http://localhost:8000/verify/?code=P-BCDF2346"

    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    offline = ValidationContext(trust_roots=[], allow_fetching=False)

    [signature] = PdfFileReader(io.BytesIO(pdf)).embedded_signatures
    # (a worker that ran the browser tests has Playwright's event loop running in this thread)
    status = outside_any_event_loop(lambda: validate_pdf_signature(signature, offline))
    assert status.intact and status.valid
    verdict = body(
        jury.http.post("/verify/document", body=pdf, headers={"Content-Type": "application/pdf"})
    )
    assert verdict["authentic"] is True
    assert [x["full_name"] for x in verdict["certificates"]] == ["Çağla Yılmaz"]

    changed = bytearray(pdf)
    changed[len(pdf) // 3] ^= 0x01
    [broken] = PdfFileReader(io.BytesIO(bytes(changed)), strict=False).embedded_signatures
    assert not outside_any_event_loop(lambda: validate_pdf_signature(broken, offline)).intact
    verdict = body(
        jury.http.post(
            "/verify/document", body=bytes(changed), headers={"Content-Type": "application/pdf"}
        )
    )
    assert verdict["authentic"] is False and verdict["certificates"] == []

    # Rendered once per result version: the second download is the stored file, byte for byte.
    again = jury.http.get(
        "/certifications/k1/attestation.pdf", headers=pdf_headers(ADMIN_OF_CENTER)
    )
    assert again.body == pdf
    other = jury.http.get(
        "/certifications/k1/attestation.pdf", headers=pdf_headers(Principal("user-k2"))
    )
    assert other.status_code == 403
    rejected = jury.http.get("/certifications/k3/attestation.pdf", headers=pdf_headers(JUROR))
    assert rejected.status_code == 404


def test_a_session_prints_in_one_signed_file(jury):
    from pypdf import PdfReader

    publish(jury)
    whole = jury.http.get("/sessions/s1/attestations.pdf", headers=pdf_headers(ADMIN_OF_CENTER))
    pages = PdfReader(io.BytesIO(whole.body)).pages
    assert [("Yılmaz" in p.extract_text(), "Nguyễn" in p.extract_text()) for p in pages] == [
        (False, True),
        (True, False),
    ]
    one_class = jury.http.get(
        "/sessions/s1/attestations.pdf?division=3E2", headers=pdf_headers(JUROR)
    )
    assert len(PdfReader(io.BytesIO(one_class.body)).pages) == 1
    refused = jury.http.get(
        "/sessions/s1/attestations.pdf", headers=pdf_headers(Principal("user-k1"))
    )
    assert refused.status_code == 403


def test_verification_by_code(jury):
    publish(jury)
    found = jury.http.get("/verify/p-bcdf 2346")
    assert found.status_code == 200
    assert body(found)["full_name"] == "Çağla Yılmaz"
    encoded = jury.http.get("/verify/p-bcdf%202346")  # as a browser sends the space
    assert encoded.status_code == 200 and encoded.body == found.body
    misread = jury.http.get("/verify/P-BCDF234b")  # lower case b is B
    assert misread.status_code == 404
    unknown, rejected = jury.http.get("/verify/P-BCDF2349"), jury.http.get("/verify/P-BCDF2348")
    assert unknown.status_code == rejected.status_code == 404
    assert unknown.body == rejected.body
    assert jury.http.get("/verify/P-12").status_code == 400


def test_verification_is_throttled_with_retry_after(jury, apps):
    from datetime import UTC, datetime

    from pixcore.clock import FixedClock

    # One window for the whole test, however slow the machine (a window is 60 s).
    apps["jury"].bootstrap.ports().clock = FixedClock(datetime(2021, 3, 20, 10, 0, 5, tzinfo=UTC))
    for _ in range(20):
        jury.http.get("/verify/P-BCDF2349")
    throttled = jury.http.get("/verify/P-BCDF2346")
    assert throttled.status_code == 429
    assert body(throttled)["error"]["details"]["retry_after_seconds"] > 0
    assert int(throttled.headers["Retry-After"]) > 0


def test_an_uploaded_document_is_checked_by_content(jury):
    not_pdf = jury.http.post(
        "/verify/document", body=b"GIF89a" + b"0" * 100, headers={"Content-Type": "application/pdf"}
    )
    assert (not_pdf.status_code, body(not_pdf)["error"]["code"]) == (400, "NOT_A_PDF")
    garbage = jury.http.post(
        "/verify/document",
        body=b"%PDF-1.7\nnot really",
        headers={"Content-Type": "application/pdf"},
    )
    assert garbage.status_code == 400
    big = jury.http.post(
        "/verify/document",
        body=b"%PDF-" + b"0" * (3 * 1024 * 1024),
        headers={"Content-Type": "application/pdf"},
    )
    assert big.status_code == 413


def test_the_academie_figures(jury, apps):
    publish(jury)
    paris = headers(Principal("dane-1", ACADEMIE, academie="Paris"))
    figures = body(jury.http.get("/stats", headers=paris))
    assert figures["academie"] == "Paris"
    assert figures["by_sector"]["PUBLIC"] | {} == {
        "schools": 1, "certification_centers": 1, "schools_with_sessions": 1,
        "sessions_created": 1, "sessions_finalized": 1, "candidates_enrolled": 3,
        "candidates_took_part": 3, "certified": 2, "schools_with_active_students": 0,
    }  # fmt: skip
    assert figures["total"]["certified"] == 2
    assert jury.http.get("/stats?academie=Lyon", headers=paris).status_code == 403
    assert (
        body(jury.http.get("/stats?academie=Lyon", headers=headers(JUROR)))["total"]["schools"] == 0
    )


def test_the_academie_figures_week_by_week(jury, apps):
    from datetime import UTC, datetime

    from pixcore.clock import FixedClock

    # GIVEN session s1 created and finalised on Wednesday 10 March 2021 (week 10), published on
    # Wednesday 24 March (week 12)
    apps["jury"].bootstrap.ports().clock = FixedClock(datetime(2021, 3, 24, 9, 0, tzinfo=UTC))
    publish(jury)
    # WHEN the académie reads its figures
    paris = headers(Principal("dane-1", ACADEMIE, academie="Paris"))
    weeks = body(jury.http.get("/stats", headers=paris))["weeks"]
    # THEN week by week, without holes, and the weeks add up to the season
    zero = {
        "sessions_created": 0,
        "sessions_finalized": 0,
        "candidates_enrolled": 0,
        "certified": 0,
    }
    assert [(w["week"], w["week_start"]) for w in weeks] == [
        ("2021-W10", "2021-03-08"),
        ("2021-W11", "2021-03-15"),
        ("2021-W12", "2021-03-22"),
    ]
    assert weeks[0]["by_sector"] == {
        "PUBLIC": zero | {"sessions_created": 1, "sessions_finalized": 1, "candidates_enrolled": 3},
        "PRIVATE": zero,
    }
    assert weeks[1]["total"] == zero
    assert weeks[2]["total"] == zero | {"certified": 2}
    national = body(jury.http.get("/stats", headers=headers(JUROR)))
    assert [w["total"] for w in national["weeks"]] == [w["total"] for w in weeks]
    assert body(jury.http.get("/stats?academie=Lyon", headers=headers(JUROR)))["weeks"] == []


JURY_ROUTES = [
    ("GET", "/sessions"),
    ("GET", "/sessions/s1"),
    ("POST", "/sessions/s1/assign"),
    ("POST", "/sessions/s1/publish"),
    ("POST", "/sessions/publish"),
    ("POST", "/issue-reports/link/resolve"),
    ("POST", "/certifications/k1/neutralize"),
    ("POST", "/certifications/k1/deneutralize"),
    ("POST", "/certifications/k1/cancel"),
    ("POST", "/certifications/k1/uncancel"),
    ("PATCH", "/certifications/k1"),
    ("GET", "/certifications/k1/history"),
]
BODIES = {
    "/sessions/publish": {"session_ids": ["s1"]},
    "/issue-reports/link/resolve": {"certification_id": "k2", "version": 1, "comment": "x"},
    "/certifications/k1": {"version": 1},
    "/certifications/k1/cancel": {"version": 1},
    "/certifications/k1/uncancel": {"version": 1},
}


def test_every_jury_route_refuses_others(client):
    jury = client("jury")
    for method, path in JURY_ROUTES:
        payload = BODIES.get(path, {"version": 1, "question_number": 1})
        for who, status in ((None, 401), (Principal("user-k1"), 403), (ADMIN_OF_CENTER, 403)):
            h = headers(who) if who else {"Content-Type": "application/json"}
            response = jury.http.request(method, path, headers=h, body=json.dumps(payload))
            assert response.status_code == status, (method, path, who, response.body)
            if status == 403:
                assert body(response)["error"]["code"] == "JURY_ONLY"
