"""The certification course through HTTP on moto: generation on the start message, the test
question by question, the server's clock, the end screen, the messages to certif and jury."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.engine import bootstrap
from chalicelib.engine.domain.course_clock import AcceleratedClockRefused
from infra.samples.simulated_learner import right_value
from pixcore.clock import FixedClock
from pixcore.codes import is_verification_code
from pixcore.ids import new_id
from pixcore.principal import EXAMINER, Principal
from tests.integration.conftest import body, drain, token_for
from tests.integration.engine.certification_helpers import (
    answer,
    course_path,
    deliver,
    get,
    seed_profile,
    shown,
    start_message,
)
from tests.integration.engine_helpers import headers_for, run_engine


def started(client, apps, user_id: str = "zoe", extra: int = 0) -> tuple[str, dict]:  # noqa: ANN001
    seed_profile(user_id)
    course_id = new_id()
    deliver(apps, start_message(user_id, course_id, extra))
    return course_id, headers_for(user_id)


def test_the_screen_polls_generating_then_reads_the_started_course(client, apps):
    seed_profile("zoe")
    course_id, headers = new_id(), headers_for("zoe")
    polled = get(client, course_path(course_id), headers)
    assert polled.status_code == 200 and body(polled)["state"] == "generating"
    assert body(polled)["retry_after_seconds"] == 1
    deliver(apps, start_message("zoe", course_id, extra=33))
    course = body(get(client, course_path(course_id), headers))
    assert course["state"] == "started" and course["question_count"] == 48
    deadline = datetime.fromisoformat(course["deadline"])
    started_at = datetime.fromisoformat(course["started_at"])
    assert deadline - started_at == timedelta(minutes=105) * 1.33
    for service in ("certif", "jury"):
        [ready] = [m for m in drain(service) if m["type"] == "CertificationCourseReady"]
        assert ready["course_id"] == course_id and ready["question_count"] == 48
        assert is_verification_code(ready["verification_code"])


def test_a_profile_not_certifiable_is_refused_and_the_candidate_reads_why(client, apps):
    seed_profile("ines", {"1.1": 2, "2.1": 1})
    course_id = new_id()
    deliver(apps, start_message("ines", course_id))
    reply = body(get(client, course_path(course_id), headers_for("ines")))
    assert reply["state"] == "refused" and reply["refusal"]["code"] == "NOT_CERTIFIABLE"
    assert reply["refusal"]["message"].startswith("Votre profil n'est pas encore certifiable.")
    [refused] = [m for m in drain("certif") if m["type"] == "CertificationStartRefused"]
    assert refused["code"] == "NOT_CERTIFIABLE" and refused["course_id"] == course_id


def test_a_candidate_takes_the_test_to_the_end_screen(client, apps):
    course_id, headers = started(client, apps)
    drain("certif"), drain("jury")
    content, rng = bootstrap.content(), random.Random(3)
    current, answered = shown(client, course_id, headers), 0
    while current is not None:
        assert current["question_number"] == answered + 1 and current["question_count"] == 48
        assert current["remaining_seconds"] > 0 and "solution" not in str(current)
        challenge = content.challenge(current["challenge"]["challenge_id"])
        payload = {"challenge_id": challenge.id}
        payload.update(
            {"skip": True} if answered % 5 == 4 else {"value": right_value(challenge, rng)}
        )
        reply = answer(client, course_id, payload, headers)
        assert reply.status_code == 201, reply.body
        assert "result" not in body(reply)  # the candidate never learns if an answer was right
        answered += 1
        current = body(reply)["next"]
    assert answered == 48 and shown(client, course_id, headers) is None
    view = body(get(client, course_path(course_id), headers))
    assert view["state"] == "completed" and view["end_screen"] and not view["end_screen_confirmed"]
    assert [m["type"] for m in run_engine(apps)] == ["CertificationCourseEnded"]
    for service in ("certif", "jury"):
        [done] = [m for m in drain(service) if m["type"] == "CertificationCompleted"]
        assert len(done["answers"]) == 48 and done["state"] == "completed"
        assert {a["result"] for a in done["answers"]} == {"ok", "aband"}
    ticked = client("engine").http.post(course_path(course_id, "/end-screen"), headers=headers)
    assert ticked.status_code == 200 and body(ticked)["end_screen_confirmed"] is True
    assert [m["type"] for m in drain("certif")] == ["CertificationEndScreenConfirmed"]


def test_only_the_candidate_reads_or_answers_and_bad_input_is_refused(client, apps):
    course_id, headers = started(client, apps)
    question = shown(client, course_id, headers)
    assert question is not None
    challenge_id = question["challenge"]["challenge_id"]
    examiner = {
        "Authorization": f"Bearer {token_for(Principal('ex', EXAMINER, session_id='session-7'))}"
    }
    for intruder, code in (
        (headers_for("mallory"), "COURSE_NOT_OWNED"),
        (examiner, "EXAMINER_TOKEN"),
    ):
        for reply in (
            get(client, course_path(course_id), intruder),
            get(client, course_path(course_id, "/next"), intruder),
            answer(client, course_id, {"challenge_id": challenge_id, "skip": True}, intruder),
        ):
            assert reply.status_code == 403 and body(reply)["error"]["code"] == code
    anonymous = get(client, course_path(course_id), {})
    assert anonymous.status_code == 401
    for payload in (
        {"challenge_id": challenge_id},
        {"challenge_id": challenge_id, "value": "x" * 501},
        {"challenge_id": challenge_id, "value": "1", "skip": True},
        {"challenge_id": challenge_id, "skip": True, "extra": 1},
    ):
        reply = answer(client, course_id, payload, headers)
        assert reply.status_code == 400 and body(reply)["error"]["details"]["fields"]
    malformed = get(client, course_path("x" * 200), headers)
    assert malformed.status_code == 404 and body(malformed)["error"]["code"] == "COURSE_NOT_FOUND"
    assert body(get(client, course_path(course_id), headers))["answered_count"] == 0


def test_one_answer_per_question_in_order(client, apps):
    course_id, headers = started(client, apps)
    first = shown(client, course_id, headers)
    assert first is not None
    challenge_id = first["challenge"]["challenge_id"]
    given = answer(client, course_id, {"challenge_id": challenge_id, "value": "1"}, headers)
    again = answer(client, course_id, {"challenge_id": challenge_id, "value": "1"}, headers)
    assert given.status_code == again.status_code == 201 and body(again) == body(given)
    other = answer(client, course_id, {"challenge_id": challenge_id, "value": "2"}, headers)
    assert other.status_code == 409 and body(other)["error"]["code"] == "ANSWER_ALREADY_GIVEN"
    ahead = bootstrap.ports().courses.get(course_id).questions[5].challenge_id
    skipped = answer(client, course_id, {"challenge_id": ahead, "skip": True}, headers)
    assert skipped.status_code == 409 and body(skipped)["error"]["code"] == "CHALLENGE_NOT_CURRENT"


def test_the_server_clock_ends_the_test_and_a_new_start_resumes_it(client, apps):
    clock = FixedClock(datetime.now(UTC))
    bootstrap.ports().clock = clock
    course_id, headers = started(client, apps)
    for _ in range(3):
        current = shown(client, course_id, headers)
        assert current is not None
        skip = {"challenge_id": current["challenge"]["challenge_id"], "skip": True}
        assert answer(client, course_id, skip, headers).status_code == 201
    clock.advance(minutes=30)  # a disconnection, then the access code again
    deliver(apps, start_message("zoe", course_id))
    resumed = shown(client, course_id, headers)
    assert resumed is not None and resumed["question_number"] == 4
    assert resumed["remaining_seconds"] == 75 * 60
    clock.advance(minutes=75)
    late = answer(
        client,
        course_id,
        {"challenge_id": resumed["challenge"]["challenge_id"], "value": "1"},
        headers,
    )
    assert late.status_code == 409 and body(late)["error"]["code"] == "CERTIFICATION_TIME_OVER"
    assert shown(client, course_id, headers) is None
    view = body(get(client, course_path(course_id), headers))
    assert view["state"] == "completed" and view["timed_out"] and view["answered_count"] == 3
    run_engine(apps)
    [done] = [m for m in drain("jury") if m["type"] == "CertificationCompleted"]
    assert done["timed_out"] and sum(a["answered"] for a in done["answers"]) == 3


def test_a_shortened_test_is_honoured_on_the_local_stage_only(client, apps, monkeypatch):
    monkeypatch.setenv("PIXCERT_ENGINE_TEST_DURATION_SECONDS", "90")
    bootstrap.reset()
    course_id, headers = started(client, apps)
    course = body(get(client, course_path(course_id), headers))
    started_at, deadline = (datetime.fromisoformat(course[k]) for k in ("started_at", "deadline"))
    assert deadline - started_at == timedelta(seconds=90)
    for stage in ("dev", "prod"):  # the container refuses to run with it
        monkeypatch.setenv("PIXCERT_STAGE", stage)
        bootstrap.reset()
        with pytest.raises(AcceleratedClockRefused):
            bootstrap.ports()
    monkeypatch.delenv("PIXCERT_ENGINE_TEST_DURATION_SECONDS")
    bootstrap.reset()
    assert bootstrap.ports().test_duration == timedelta(minutes=105)
