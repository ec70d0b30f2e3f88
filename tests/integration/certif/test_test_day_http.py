"""The test day through HTTP on moto: joining, authorisation, the access code and its lockout,
the examiner's space, what reaches the engine."""

from __future__ import annotations

from pixcore.principal import Principal
from tests.integration.certif.conftest import headers
from tests.integration.conftest import body, drain

ZOE = {"first_name": "Zoé", "last_name": "Lefèvre", "birthdate": "2011-02-28"}


def joined(certif, ready):  # noqa: ANN001, ANN201
    session, candidates = ready()
    student = certif.student("s-zoe")
    seat = certif.json("POST", f"/sessions/{session['id']}/join", student, ZOE)
    return session, seat, student


def test_a_candidate_joins_with_names_typed_differently_and_joining_again_is_harmless(
    certif, ready
):
    session, _ = ready()
    student = certif.student("s-zoe")
    typed = {"first_name": "  zoe ", "last_name": "LEFEVRE", "birthdate": "2011-02-28"}
    first = certif.json("POST", f"/sessions/{session['id']}/join", student, typed)
    again = certif.json("POST", f"/sessions/{session['id']}/join", student, ZOE)
    assert first["id"] == again["id"] and first["state"] == "waiting_for_authorization"
    assert certif.json("GET", f"/sessions/{session['id']}/me", student)["authorized_at"] is None


def test_wrong_names_an_unknown_and_a_closed_session_get_the_same_answer(certif, ready):
    session, _ = ready()
    student = certif.student("s-zoe")
    answers = [
        certif.call(
            "POST", f"/sessions/{session['id']}/join", student, {**ZOE, "last_name": "Lefebvre"}
        ),
        certif.call(
            "POST", f"/sessions/{session['id']}/join", student, {**ZOE, "birthdate": "2011-03-01"}
        ),
        certif.call("POST", "/sessions/99999999/join", student, ZOE),
    ]
    assert {(r.status_code, r.body) for r in answers} == {(404, answers[0].body)}
    error = body(answers[0])["error"]
    assert error["code"] == "CANDIDATE_NOT_FOUND" and "feuille d'émargement" in error["message"]
    assert "Lefèvre" not in error["message"] and "Zoé" not in answers[0].body.decode()


def test_joining_is_throttled_per_account(certif, ready):
    session, _ = ready()
    student = certif.student("s-zoe")
    for _ in range(10):
        certif.call("POST", f"/sessions/{session['id']}/join", student, {**ZOE, "last_name": "X"})
    reply = certif.call("POST", f"/sessions/{session['id']}/join", student, ZOE)
    assert reply.status_code == 429 and body(reply)["error"]["code"] == "TOO_MANY_ATTEMPTS"
    assert int(reply.headers["Retry-After"]) >= 1


def test_a_profile_not_certifiable_gets_the_message_and_nothing_else(certif, ready):
    session, _ = ready()
    certif.link("s-zoe", "user-not-yet")
    certif.profile("user-not-yet", certifiable=False)
    reply = certif.call(
        "POST", f"/sessions/{session['id']}/join", headers(Principal("user-not-yet")), ZOE
    )
    error = body(reply)["error"]
    assert reply.status_code == 422 and error["code"] == "NOT_CERTIFIABLE"
    assert error["message"].startswith("Votre profil n'est pas encore certifiable.")


def test_only_the_account_linked_to_the_student_can_take_the_candidate(certif, ready):
    session, _ = ready()
    certif.link("s-zoe", "user-zoe")
    intruder = "user-intruder"
    certif.profile(intruder)
    reply = certif.call(
        "POST", f"/sessions/{session['id']}/join", headers(Principal(intruder)), ZOE
    )
    assert reply.status_code == 403 and body(reply)["error"]["code"] == "ACCOUNT_NOT_LINKED"


def test_start_waits_for_the_examiner_then_wrong_codes_lock_until_unlocked(certif, ready):
    session, seat, student = joined(certif, ready)
    start = f"/sessions/{session['id']}/start"
    early = certif.call("POST", start, student, {"access_code": session["access_code"]})
    assert early.status_code == 409 and body(early)["error"]["code"] == "NOT_AUTHORIZED_YET"
    examiner = certif.examiner(session)
    certif.json("POST", f"/sessions/{session['id']}/candidates/{seat['id']}/authorize", examiner)
    codes = [certif.call("POST", start, student, {"access_code": "BBBB22"}) for _ in range(5)]
    assert [r.status_code for r in codes] == [400, 400, 400, 400, 429]
    assert body(codes[0])["error"]["details"]["attempts_left"] == 4
    assert body(codes[4])["error"]["code"] == "CANDIDATE_LOCKED"
    locked = certif.call("POST", start, student, {"access_code": session["access_code"]})
    assert locked.status_code == 429
    certif.json("POST", f"/sessions/{session['id']}/candidates/{seat['id']}/unlock", examiner)
    started = certif.json(
        "POST", start, student, {"access_code": session["access_code"].lower()}, status=202
    )
    resumed = certif.json(
        "POST", start, student, {"access_code": session["access_code"]}, status=202
    )
    assert started["course_id"] == resumed["course_id"]
    requests = [m for m in drain("engine") if m["type"] == "CertificationStartRequested"]
    assert [r["course_id"] for r in requests] == [started["course_id"]] * 2
    assert requests[0]["window_starts_at"].startswith("2026-03-10T14:00:00+01:00")


def test_the_examiner_space_opens_with_the_session_password_only(certif, ready):
    session, _ = ready()
    path = f"/sessions/{session['id']}/supervise"
    wrong = certif.call("POST", path, {}, {"examiner_password": "XXXXX"})
    assert wrong.status_code == 401 and body(wrong)["error"]["code"] == "WRONG_EXAMINER_PASSWORD"
    unknown = certif.call(
        "POST", "/sessions/99999998/supervise", {}, {"examiner_password": "XXXXX"}
    )
    assert unknown.body == wrong.body
    examiner = certif.examiner(session)
    view = certif.json("GET", f"/sessions/{session['id']}/supervision", examiner)
    assert {c["state"] for c in view["candidates"]} == {"not_joined"} and len(
        view["candidates"]
    ) == 4
    other = certif.session()
    refused = certif.call("GET", f"/sessions/{other['id']}/supervision", examiner)
    assert refused.status_code == 403 and body(refused)["error"]["code"] == "EXAMINER_ONLY"
    as_centre = certif.call("GET", f"/centers/{certif.center_id}/sessions", examiner)
    assert as_centre.status_code == 403


def test_the_examiner_password_is_throttled_like_a_login(certif, ready):
    session, _ = ready()
    path = f"/sessions/{session['id']}/supervise"
    for _ in range(5):
        certif.call("POST", path, {}, {"examiner_password": "XXXXX"})
    reply = certif.call("POST", path, {}, {"examiner_password": session["examiner_password"]})
    assert reply.status_code == 429 and body(reply)["error"]["code"] == "TOO_MANY_ATTEMPTS"


def test_the_examiner_sees_each_state_ends_a_test_and_ticks_the_end_screen(certif, ready):
    from chalicelib.certif.use_cases import course_events
    from pixcore.messages.catalog import CertificationCourseReady

    session, seat, student = joined(certif, ready)
    examiner = certif.examiner(session)
    base = f"/sessions/{session['id']}/candidates/{seat['id']}"
    early = certif.call("POST", f"{base}/end-test", examiner, {"reason": "Fraude"})
    assert early.status_code == 409 and body(early)["error"]["code"] == "TEST_NOT_STARTED"
    assert certif.json("POST", f"{base}/authorize", examiner)["state"] == "authorized"
    started = certif.json(
        "POST",
        f"/sessions/{session['id']}/start",
        student,
        {"access_code": session["access_code"]},
        status=202,
    )
    course_events.course_ready(
        certif.ports,
        CertificationCourseReady(
            course_id=started["course_id"],
            session_id=session["id"],
            candidate_id=seat["id"],
            user_id="u",
            verification_code="P-2B3C4D6F",
            max_level=6,
            question_count=32,
            profile=[],
        ),
    )
    states = {
        c["id"]: c["state"]
        for c in certif.json("GET", f"/sessions/{session['id']}/supervision", examiner)[
            "candidates"
        ]
    }
    assert states[seat["id"]] == "in_test" and list(states.values()).count("not_joined") == 3
    no_reason = certif.call("POST", f"{base}/end-test", examiner, {"reason": ""})
    assert no_reason.status_code == 400
    ended = certif.json("POST", f"{base}/end-test", examiner, {"reason": "A quitté la salle"})
    assert ended["state"] == "ended_by_examiner"
    [command] = [m for m in drain("engine") if m["type"] == "CertificationEndRequested"]
    assert (command["course_id"], command["reason"]) == (started["course_id"], "A quitté la salle")
    assert certif.json("POST", f"{base}/end-screen-seen", examiner)["state"] == "ended_by_examiner"
    again = certif.call(
        "POST", f"/sessions/{session['id']}/start", student, {"access_code": session["access_code"]}
    )
    assert again.status_code == 409 and body(again)["error"]["code"] == "TEST_ENDED"
