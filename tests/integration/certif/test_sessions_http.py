"""Sessions through HTTP on moto: who may act, numbers and codes, editing, deleting."""

from __future__ import annotations

from pixcore.codes import is_session_access_code
from pixcore.principal import ADMIN, MEMBER, Principal
from tests.integration.certif.conftest import SESSION, headers
from tests.integration.conftest import body


def test_a_centre_admin_creates_a_session_with_a_number_a_code_and_an_examiner_password(certif):
    first, second = certif.session(), certif.session(room="Salle C4")
    assert first["id"].isdigit() and int(second["id"]) > int(first["id"])
    assert (
        is_session_access_code(first["access_code"])
        and first["access_code"] != second["access_code"]
    )
    assert len(first["examiner_password"]) == 5 and first["status"] == "created"
    assert (first["date"], first["time"], first["candidate_count"]) == ("2026-03-10", "14:00:00", 0)


def test_sessions_are_listed_by_date_and_paginated_with_a_signed_cursor(certif):
    for day in ("2026-03-12", "2026-03-09", "2026-03-10"):
        certif.session(date=day)
    page = certif.json("GET", f"/centers/{certif.center_id}/sessions?limit=2")
    assert [s["date"] for s in page["sessions"]] == ["2026-03-09", "2026-03-10"]
    rest = certif.json(
        "GET", f"/centers/{certif.center_id}/sessions?limit=2&cursor={page['next_cursor']}"
    )
    assert [s["date"] for s in rest["sessions"]] == ["2026-03-12"] and rest["next_cursor"] is None
    forged = certif.call("GET", f"/centers/{certif.center_id}/sessions?cursor=eyJ4IjoxfQ.AAAA")
    assert forged.status_code == 400 and body(forged)["error"]["code"] == "INVALID_CURSOR"


def test_a_member_of_another_school_or_a_student_is_refused(certif):
    other = headers(Principal("admin-other", memberships={"org-other": ADMIN}))
    reply = certif.call("POST", f"/centers/{certif.center_id}/sessions", other, SESSION)
    assert reply.status_code == 403 and body(reply)["error"]["code"] == "NOT_A_MEMBER"
    session = certif.session()
    for who in (other, headers(Principal("student-1"))):
        reply = certif.call("GET", f"/sessions/{session['id']}", who)
        assert reply.status_code == 403 and body(reply)["error"]["code"] == "NOT_A_MEMBER"
    member = headers(Principal("teacher-1", memberships={certif.center_id: MEMBER}))
    assert certif.call("GET", f"/sessions/{session['id']}", member).status_code == 200


def test_a_school_that_is_not_a_certification_centre_cannot_create_sessions(certif):
    from chalicelib.certif.domain.centers import CertificationCenter

    certif.ports.centers.save(
        CertificationCenter("org-3", "0750003C", "École", "COLLEGE", "PUBLIC", "Paris", False)
    )
    admin = headers(Principal("admin-3", memberships={"org-3": ADMIN}))
    reply = certif.call("POST", "/centers/org-3/sessions", admin, SESSION)
    assert reply.status_code == 403 and body(reply)["error"]["code"] == "NOT_A_CERTIFICATION_CENTER"


def test_the_calendar_refuses_a_date_outside_the_window_naming_it(certif):
    reply = certif.call(
        "POST", f"/centers/{certif.center_id}/sessions", payload={**SESSION, "date": "2026-05-15"}
    )
    error = body(reply)["error"]
    assert reply.status_code == 422 and error["code"] == "SESSION_OUTSIDE_WINDOW"
    assert "du 08/03/2026 au 12/05/2026" in error["message"]


def test_before_the_opening_date_the_centre_is_closed(certif):
    from datetime import UTC, datetime

    certif.ports.clock.at = datetime(2026, 2, 10, 9, tzinfo=UTC)
    reply = certif.call("POST", f"/centers/{certif.center_id}/sessions", payload=SESSION)
    assert reply.status_code == 403 and body(reply)["error"]["code"] == "CERTIFICATION_NOT_OPEN"
    assert "22/02/2026" in body(reply)["error"]["message"]


def test_field_errors_are_listed_in_french(certif):
    reply = certif.call(
        "POST",
        f"/centers/{certif.center_id}/sessions",
        payload={
            "address": "",
            "room": "B12\u202e",
            "date": "10/03/2026",
            "time": "14h",
            "surprise": 1,
        },
    )
    error = body(reply)["error"]
    assert reply.status_code == 400 and error["code"] == "VALIDATION_ERROR"
    fields = {f["field"] for f in error["details"]["fields"]}
    assert {"address", "room", "date", "time", "examiner", "surprise"} <= fields


def test_a_session_is_edited_and_deleted_while_nobody_started(certif):
    session = certif.session()
    edited = certif.json(
        "PATCH", f"/sessions/{session['id']}", payload={"room": "Salle D1", "time": "08:30"}
    )
    assert (edited["room"], edited["time"], edited["address"]) == (
        "Salle D1",
        "08:30:00",
        SESSION["address"],
    )
    empty = certif.call("PATCH", f"/sessions/{session['id']}", payload={})
    assert empty.status_code == 400
    assert certif.call("DELETE", f"/sessions/{session['id']}").status_code == 204
    reply = certif.call("GET", f"/sessions/{session['id']}")
    assert reply.status_code == 404 and body(reply)["error"]["code"] == "SESSION_NOT_FOUND"


def test_every_schedule_change_is_announced_to_the_jury_with_a_revision(certif):
    from tests.integration.conftest import drain

    session = certif.session()
    certif.json("PATCH", f"/sessions/{session['id']}", payload={"room": "Salle D1"})
    certif.enroll(session["id"], ["s-zoe"])
    certif.call("DELETE", f"/sessions/{session['id']}")
    updates = [m for m in drain("jury") if m["type"] == "SessionUpdated"]
    assert [(u["revision"], u["candidate_count"], u["deleted"]) for u in updates] == [
        (1, 0, False),
        (2, 0, False),
        (3, 1, False),
        (4, 1, True),
    ]
