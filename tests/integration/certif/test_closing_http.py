"""Printed documents and finalisation through HTTP on moto."""

from __future__ import annotations

import io

import boto3
from pypdf import PdfReader

from chalicelib.certif.use_cases import course_events
from pixcore.messages.catalog import CertificationCompleted, CertificationCourseReady
from tests.integration.conftest import body, drain

ZOE = {"first_name": "Zoé", "last_name": "Lefèvre", "birthdate": "2011-02-28"}
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def pdf(certif):  # noqa: ANN001, ANN201
    """A binary answer needs an Accept header naming its type (as API Gateway wants)."""
    return {**certif.admin, "Accept": "application/pdf"}


def started(certif, session, seat_student="s-zoe"):  # noqa: ANN001, ANN201
    student = certif.student(seat_student)
    seat = certif.json("POST", f"/sessions/{session['id']}/join", student, ZOE)
    examiner = certif.examiner(session)
    certif.json("POST", f"/sessions/{session['id']}/candidates/{seat['id']}/authorize", examiner)
    course = certif.json(
        "POST",
        f"/sessions/{session['id']}/start",
        student,
        {"access_code": session["access_code"]},
        status=202,
    )
    return seat, course["course_id"]


def test_the_attendance_sheet_is_a_pdf_with_every_candidate_and_kept_for_two_years(certif, ready):
    session, candidates = ready()
    zoe = next(c for c in candidates if c["first_name"] == "Zoé")
    certif.json(
        "PATCH",
        f"/sessions/{session['id']}/candidates/{zoe['id']}",
        payload={"extra_time_percentage": 33},
    )
    reply = certif.call("GET", f"/sessions/{session['id']}/attendance-sheet.pdf", pdf(certif))
    assert reply.status_code == 200 and reply.headers["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(reply.body)).pages[0].extract_text()
    assert f"N° de session : {session['id']}" in text and "10/03/2026" in text
    for name in ("Çağla", "Öztürk", "Nguyễn", "Łukasz", "Wójcik", "Lefèvre"):
        assert name in text
    assert "28/02/2011" in text and "16:35" in text and "33\u202f%" in text
    stored = boto3.client("s3").list_objects_v2(
        Bucket="pixcert-certif-documents", Prefix=f"sessions/{session['id']}/"
    )
    assert [o["Key"].rsplit("/", 1)[1][:17] for o in stored["Contents"]] == ["attendance-sheet-"]
    again = certif.call("GET", f"/sessions/{session['id']}/attendance-sheet.pdf", pdf(certif))
    assert again.body == reply.body


def test_the_incident_report_lists_the_reports_of_the_draft(certif, ready):
    session, candidates = ready()
    zoe = next(c for c in candidates if c["first_name"] == "Zoé")
    draft = {
        "candidates": [
            {
                "candidate_id": zoe["id"],
                "issue_reports": [
                    {
                        "category": "IN_CHALLENGE",
                        "subcategory": "IMAGE_NOT_DISPLAYING",
                        "question_number": 12,
                    }
                ],
            }
        ],
        "has_incident": True,
        "comment": "Coupure du réseau de 10 minutes.",
    }
    certif.json("PUT", f"/sessions/{session['id']}/finalization", payload=draft)
    reply = certif.call("GET", f"/sessions/{session['id']}/incident-report.pdf", pdf(certif))
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(reply.body)).pages)
    assert "Coupure du réseau de 10 minutes." in text and "Lefèvre Zoé" in text
    assert "E1" in text and "12" in text and "Codes des signalements" in text


def test_a_draft_with_a_malformed_report_is_refused_field_by_field(certif, ready):
    session, candidates = ready()
    draft = {
        "candidates": [
            {
                "candidate_id": candidates[0]["id"],
                "issue_reports": [
                    {"category": "IN_CHALLENGE", "subcategory": "IMAGE_NOT_DISPLAYING"},
                    {"category": "OTHER"},
                ],
            }
        ]
    }
    reply = certif.call("PUT", f"/sessions/{session['id']}/finalization", payload=draft)
    problems = body(reply)["error"]["details"]["problems"]
    assert reply.status_code == 400 and [p["field"] for p in problems] == [
        "issue_reports[0].question_number",
        "issue_reports[1].description",
    ]
    too_long = certif.call(
        "PUT", f"/sessions/{session['id']}/finalization", payload={"comment": "x" * 5001}
    )
    assert too_long.status_code == 400


def test_finalising_needs_an_abort_reason_for_an_unfinished_test_and_happens_once(certif, ready):
    session, _ = ready()
    seat, course_id = started(certif, session)
    course_events.course_ready(
        certif.ports,
        CertificationCourseReady(
            course_id=course_id,
            session_id=session["id"],
            candidate_id=seat["id"],
            user_id="u",
            verification_code="P-2B3C4D6F",
            max_level=6,
            question_count=30,
            profile=[],
        ),
    )
    missing = certif.call("POST", f"/sessions/{session['id']}/finalize")
    error = body(missing)["error"]
    assert missing.status_code == 422 and error["code"] == "FINALIZATION_INCOMPLETE"
    assert [(m["code"], m["candidate_id"]) for m in error["details"]["missing"]] == [
        ("ABORT_REASON_REQUIRED", seat["id"])
    ]
    assert "Zoé Lefèvre n'a pas terminé son test" in error["details"]["missing"][0]["message"]
    certif.json(
        "PUT",
        f"/sessions/{session['id']}/finalization",
        payload={
            "candidates": [
                {"candidate_id": seat["id"], "abort_reason": "technical", "end_screen_seen": False}
            ]
        },
    )
    drain("jury")
    done = certif.json("POST", f"/sessions/{session['id']}/finalize")
    assert done["status"] == "finalized"
    twice = certif.call("POST", f"/sessions/{session['id']}/finalize")
    assert twice.status_code == 409 and body(twice)["error"]["code"] == "SESSION_ALREADY_FINALIZED"
    # the refused repeat sent the jury the same message again (a lost first send is made good)
    message, again = [m for m in drain("jury") if m["type"] == "SessionFinalized"]
    assert again["message_id"] == message["message_id"]  # a consumer that had it skips it
    assert again["candidates"] == message["candidates"]
    assert again["finalized_at"] == message["finalized_at"]
    zoe = next(c for c in message["candidates"] if c["candidate_id"] == seat["id"])
    assert (zoe["first_name"], zoe["course_id"], zoe["abort_reason"], zoe["division"]) == (
        "Zoé",
        course_id,
        "technical",
        "3E1",
    )
    assert len(message["candidates"]) == 4 and message["center_name"] == "Collège Jean-Moulin"


def test_a_finalised_session_cannot_be_joined_nor_edited(certif, ready):
    session, candidates = ready()
    certif.json("POST", f"/sessions/{session['id']}/finalize")
    student = certif.student("s-zoe")
    reply = certif.call("POST", f"/sessions/{session['id']}/join", student, ZOE)
    assert reply.status_code == 404 and body(reply)["error"]["code"] == "CANDIDATE_NOT_FOUND"
    edit = certif.call("PATCH", f"/sessions/{session['id']}", payload={"room": "B"})
    assert edit.status_code == 409 and body(edit)["error"]["code"] == "SESSION_ALREADY_FINALIZED"
    again = certif.session()
    assert again["access_code"]  # the code of the finalised session is free again


def test_a_completed_course_needs_no_abort_reason(certif, ready):
    from datetime import UTC, datetime

    session, _ = ready()
    seat, course_id = started(certif, session)
    now = datetime(2026, 3, 10, 14, 50, tzinfo=UTC)
    course_events.course_completed(
        certif.ports,
        CertificationCompleted(
            course_id=course_id,
            session_id=session["id"],
            candidate_id=seat["id"],
            user_id="u",
            verification_code="P-2B3C4D6F",
            max_level=6,
            state="completed",
            started_at=now,
            completed_at=now,
            profile=[],
            answers=[],
        ),
    )
    assert certif.json("POST", f"/sessions/{session['id']}/finalize")["status"] == "finalized"


def test_documents_are_pdf_only_checked_by_content_and_bounded(certif, ready):
    session, _ = ready()
    path = f"/sessions/{session['id']}/documents?filename=pv-scanne.pdf"
    pdf_headers = {**certif.admin, "Content-Type": "application/pdf"}
    stored = certif.http.post(path, headers=pdf_headers, body=PDF)
    assert stored.status_code == 201 and body(stored)["size"] == len(PDF)
    fake = certif.http.post(path, headers=pdf_headers, body=b"MZ\x90\x00 not a pdf at all")
    assert fake.status_code == 415 and body(fake)["error"]["code"] == "NOT_A_PDF"
    scripted = certif.http.post(
        path,
        headers=pdf_headers,
        body=PDF.replace(
            b"/Catalog", b"/Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >>"
        ),
    )
    assert scripted.status_code == 415 and body(scripted)["error"]["code"] == "PDF_ACTIVE_CONTENT"
    huge = certif.http.post(
        path, headers=pdf_headers, body=PDF[:-7] + b" " * (10 * 1024 * 1024) + b"%%EOF\n"
    )
    assert huge.status_code == 413
    documents = certif.json("GET", f"/sessions/{session['id']}/finalization")["documents"]
    assert [d["filename"] for d in documents] == ["pv-scanne.pdf"]
