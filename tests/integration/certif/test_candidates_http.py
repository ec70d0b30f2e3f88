"""Enrolling candidates through HTTP on moto: the picker, all or nothing, duplicates, edits,
removal until joined; readiness warnings."""

from __future__ import annotations

from tests.integration.certif.conftest import STUDENTS
from tests.integration.conftest import body, drain


def test_the_picker_lists_active_students_with_class_link_and_certifiability(certif):
    certif.student("s-zoe")
    certif.link("s-cagla", "user-cagla")
    certif.profile("user-cagla", certifiable=False)
    session = certif.session()
    certif.enroll(session["id"], ["s-lan"])
    listed = certif.json(
        "GET", f"/centers/{certif.center_id}/students?division=3E1&session_id={session['id']}"
    )["students"]
    assert [
        (s["last_name"], s["reconciled"], s["certifiable"], s["certifiable_competence_count"])
        for s in listed
    ] == [
        ("Lefèvre", True, True, 6),
        ("Öztürk", True, False, 3),
    ]
    everyone = certif.json(
        "GET", f"/centers/{certif.center_id}/students?session_id={session['id']}"
    )
    assert [(s["last_name"], s["enrolled"]) for s in everyone["students"]] == [
        ("Lefèvre", False),
        ("Nguyễn", True),
        ("Öztürk", False),
        ("Wójcik", False),
    ]
    found = certif.json("GET", f"/centers/{certif.center_id}/students?search=wojcik")["students"]
    assert [s["first_name"] for s in found] == ["Łukasz"]


def test_the_picker_paginates_and_a_cursor_belongs_to_its_list(certif):
    page = certif.json("GET", f"/centers/{certif.center_id}/students?limit=3")
    assert len(page["students"]) == 3 and page["next_cursor"]
    rest = certif.json(
        "GET", f"/centers/{certif.center_id}/students?limit=3&cursor={page['next_cursor']}"
    )
    assert [s["last_name"] for s in rest["students"]] == ["Wójcik"]
    other_list = certif.call(
        "GET", f"/centers/{certif.center_id}/students?division=3E1&cursor={page['next_cursor']}"
    )
    assert other_list.status_code == 400 and body(other_list)["error"]["code"] == "INVALID_CURSOR"


def test_a_selection_is_enrolled_as_enrolled_identity(certif):
    session = certif.session()
    enrolled = certif.enroll(session["id"], ["s-cagla", "s-lan"])
    assert {(c["first_name"], c["last_name"], c["birthdate"], c["state"]) for c in enrolled} == {
        ("Çağla", "Öztürk", "2010-11-03", "not_joined"),
        ("Thị Lan", "Nguyễn", "2011-06-14", "not_joined"),
    }
    assert certif.json("GET", f"/sessions/{session['id']}")["candidate_count"] == 2


def test_duplicates_are_refused_with_the_list_and_nothing_is_enrolled(certif):
    certif.import_students([*STUDENTS, ("s-zoe-bis", "ZOE", "LEFEVRE", "2011-02-28", "3E2")])
    session = certif.session()
    certif.enroll(session["id"], ["s-zoe"])
    reply = certif.call(
        "POST",
        f"/sessions/{session['id']}/candidates",
        payload={"student_ids": ["s-lan", "s-zoe-bis"]},
    )
    error = body(reply)["error"]
    assert reply.status_code == 409 and error["code"] == "DUPLICATE_CANDIDATES"
    assert [(d["student_id"], d["birthdate"]) for d in error["details"]["duplicates"]] == [
        ("s-zoe-bis", "28/02/2011")
    ]
    listed = certif.json("GET", f"/sessions/{session['id']}/candidates")["candidates"]
    assert [c["last_name"] for c in listed] == ["Lefèvre"]


def test_unknown_or_disabled_students_cannot_be_enrolled(certif):
    from datetime import timedelta

    from tests.integration.certif.conftest import TODAY

    certif.import_students(STUDENTS[1:], at=TODAY + timedelta(hours=1), disabled=["s-zoe"])
    session = certif.session()
    reply = certif.call(
        "POST", f"/sessions/{session['id']}/candidates", payload={"student_ids": ["s-zoe", "s-lan"]}
    )
    assert reply.status_code == 404 and body(reply)["error"]["details"]["student_ids"] == ["s-zoe"]
    assert certif.json("GET", f"/sessions/{session['id']}")["candidate_count"] == 0


def test_extra_time_and_birth_data_are_edited_and_validated(certif):
    session = certif.session()
    [candidate] = certif.enroll(session["id"], ["s-zoe"])
    path = f"/sessions/{session['id']}/candidates/{candidate['id']}"
    edited = certif.json(
        "PATCH",
        path,
        payload={
            "extra_time_percentage": 33,
            "birth_city": "Ajaccio",
            "birth_department_code": "2A",
            "external_id": "E-042",
        },
    )
    assert (edited["extra_time_label"], edited["birth_city"], edited["external_id"]) == (
        "33\u202f%",
        "Ajaccio",
        "E-042",
    )
    bad = certif.call(
        "PATCH", path, payload={"extra_time_percentage": 150, "birth_country_code": "FR"}
    )
    fields = {f["field"] for f in body(bad)["error"]["details"]["fields"]}
    assert bad.status_code == 400 and fields == {"extra_time_percentage", "birth_country_code"}


def test_a_candidate_is_removed_until_joined(certif):
    session = certif.session()
    zoe, lan = certif.enroll(session["id"], ["s-zoe", "s-lan"])
    assert (
        certif.call("DELETE", f"/sessions/{session['id']}/candidates/{lan['id']}").status_code
        == 204
    )
    student = certif.student("s-zoe")
    certif.json(
        "POST",
        f"/sessions/{session['id']}/join",
        student,
        {"first_name": "Zoé", "last_name": "Lefèvre", "birthdate": "2011-02-28"},
    )
    reply = certif.call("DELETE", f"/sessions/{session['id']}/candidates/{zoe['id']}")
    assert reply.status_code == 409 and body(reply)["error"]["code"] == "CANDIDATE_ALREADY_JOINED"
    assert certif.json("GET", f"/sessions/{session['id']}")["candidate_count"] == 1


def test_the_session_read_warns_of_what_is_not_ready(certif):
    certif.student("s-zoe")
    certif.link("s-cagla", "user-cagla-2")
    session = certif.session(examiner="M. Martin")
    certif.enroll(session["id"], ["s-zoe", "s-cagla", "s-lan"])
    warnings = {w["code"]: w for w in certif.json("GET", f"/sessions/{session['id']}")["warnings"]}
    assert set(warnings) == {"CANDIDATES_WITHOUT_ACCOUNT", "CANDIDATES_NOT_CERTIFIABLE"}
    assert len(warnings["CANDIDATES_WITHOUT_ACCOUNT"]["candidate_ids"]) == 1
    drain("jury")
