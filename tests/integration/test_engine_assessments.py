"""Engine assessments through HTTP on moto: resume, one answer per challenge, ownership, time."""

from __future__ import annotations

from datetime import UTC, datetime

from chalicelib.engine import bootstrap
from infra.samples.simulated_learner import right_value, wrong_value
from pixcore.clock import FixedClock
from tests.integration.conftest import body
from tests.integration.engine_helpers import (
    first_challenge,
    headers_for,
    open_campaign,
    post,
    start,
)


def answer(client, headers, assessment_id, payload):  # noqa: ANN001, ANN201
    return post(client, f"/assessments/{assessment_id}/answers", payload, headers)


def test_the_referential_lists_competences_and_skill_counts_without_solutions(client):
    reply = client("engine").http.get("/referential", headers=headers_for("zoe"))
    data = body(reply)
    competences = [c for area in data["areas"] for c in area["competences"]]
    assert reply.status_code == 200 and len(data["areas"]) == 5 and len(competences) == 16
    assert competences[0]["skills_per_level"]["1"] >= 1
    assert all(t["skill_count"] >= 1 for c in competences for t in c["tubes"])
    assert b"solution" not in reply.body


def test_a_student_resumes_the_started_evaluation_of_a_competence(client):
    headers = headers_for("zoe")
    first = start(client, headers, "2.1")
    again = start(client, headers, "2.1")
    other = start(client, headers, "2.2")
    assert again["assessment_id"] == first["assessment_id"] and again["resumed"] is True
    assert other["assessment_id"] != first["assessment_id"]


def test_next_serves_the_question_without_solutions_and_again_on_resume(client):
    headers = headers_for("zoe")
    assessment_id = start(client, headers)["assessment_id"]
    shown = first_challenge(client, headers, assessment_id)
    assert set(shown) >= {"challenge_id", "type", "instruction", "proposals", "fields", "timer"}
    assert not any("solution" in key for key in shown)
    assert first_challenge(client, headers, assessment_id) == shown


def test_a_resubmission_is_idempotent_and_a_different_answer_is_refused(client):
    headers = headers_for("zoe")
    assessment_id = start(client, headers)["assessment_id"]
    shown = first_challenge(client, headers, assessment_id)
    challenge = bootstrap.content().challenge(shown["challenge_id"])
    right = {"challenge_id": challenge.id, "value": right_value(challenge, _rng())}
    first = answer(client, headers, assessment_id, right)
    again = answer(client, headers, assessment_id, right)
    assert first.status_code == 201 and body(first)["result"] == "ok"
    assert again.status_code == 201 and body(again) == body(first)
    wrong = {"challenge_id": challenge.id, "value": wrong_value(challenge, _rng())}
    refused = answer(client, headers, assessment_id, wrong)
    assert refused.status_code == 409
    assert body(refused)["error"]["code"] == "ANSWER_ALREADY_GIVEN"


def test_an_answer_to_another_challenge_than_the_current_one_is_refused(client):
    headers = headers_for("zoe")
    assessment_id = start(client, headers)["assessment_id"]
    shown = first_challenge(client, headers, assessment_id)
    other = next(c for c in bootstrap.content().challenges if c != shown["challenge_id"])
    refused = answer(client, headers, assessment_id, {"challenge_id": other, "skip": True})
    assert refused.status_code == 409 and body(refused)["error"]["code"] == "CHALLENGE_NOT_CURRENT"


def test_only_the_owner_may_see_or_answer_an_assessment(client):
    owner, intruder = headers_for("zoe"), headers_for("mallory")
    assessment_id = start(client, owner)["assessment_id"]
    shown = first_challenge(client, owner, assessment_id)
    for reply in (
        client("engine").http.get(f"/assessments/{assessment_id}", headers=intruder),
        client("engine").http.get(f"/assessments/{assessment_id}/next", headers=intruder),
        answer(
            client, intruder, assessment_id, {"challenge_id": shown["challenge_id"], "skip": True}
        ),
    ):
        assert reply.status_code == 403
        assert body(reply)["error"]["code"] == "ASSESSMENT_NOT_OWNED"


def test_a_timed_challenge_answered_late_is_timed_out(client, apps):
    clock = FixedClock(datetime(2026, 3, 10, 9, 0, tzinfo=UTC))
    bootstrap.ports().clock = clock
    content = bootstrap.content()
    timed_skills = sorted({c.skill_id for c in content.challenges.values() if c.timer})
    headers = headers_for("zoe")
    open_campaign(apps, "TIMEDX123", timed_skills)
    created = post(client, "/assessments", {"campaign_code": "TIMEDX123"}, headers)
    assessment_id = body(created)["assessment_id"]
    current = first_challenge(client, headers, assessment_id)
    while not current["timer"]:
        current = body(
            answer(
                client,
                headers,
                assessment_id,
                {"challenge_id": current["challenge_id"], "skip": True},
            )
        )["next"]
    challenge = content.challenge(current["challenge_id"])
    # a reload 10 s later shows the same question with 10 s less on its own clock
    clock.advance(seconds=10)
    again = client("engine").http.get(f"/assessments/{assessment_id}/next", headers=headers)
    assert body(again)["challenge_id"] == challenge.id
    assert body(again)["timer_remaining_seconds"] == challenge.timer - 10
    clock.advance(seconds=challenge.timer)
    gone = client("engine").http.get(f"/assessments/{assessment_id}/next", headers=headers)
    assert body(gone)["timer_remaining_seconds"] == 0
    late = answer(
        client,
        headers,
        assessment_id,
        {"challenge_id": challenge.id, "value": right_value(challenge, _rng())},
    )
    assert body(late)["result"] == "timedout"


def test_an_unknown_assessment_or_a_malformed_answer_is_refused(client):
    headers = headers_for("zoe")
    missing = client("engine").http.get("/assessments/nope/next", headers=headers)
    assert missing.status_code == 404 and body(missing)["error"]["code"] == "ASSESSMENT_NOT_FOUND"
    assessment_id = start(client, headers)["assessment_id"]
    shown = first_challenge(client, headers, assessment_id)
    empty = answer(client, headers, assessment_id, {"challenge_id": shown["challenge_id"]})
    assert empty.status_code == 400
    unknown = post(client, "/competence-evaluations", {"competence": "9.9"}, headers)
    assert unknown.status_code == 404


def _rng():  # noqa: ANN202
    import random

    return random.Random(3)


def test_an_examiners_session_token_opens_no_learners_route(client):
    from pixcore.principal import EXAMINER, Principal
    from tests.integration.conftest import token_for

    examiner = {
        "Authorization": f"Bearer {token_for(Principal('exam-1', EXAMINER, session_id='7'))}",
        "Content-Type": "application/json",
    }
    assessment_id = start(client, headers_for("zoe"))["assessment_id"]
    engine = client("engine").http
    for reply in (
        post(client, "/competence-evaluations", {"competence": "1.1"}, examiner),
        post(client, "/assessments", {"campaign_code": "PARCRS123"}, examiner),
        engine.get(f"/assessments/{assessment_id}", headers=examiner),
        engine.get(f"/assessments/{assessment_id}/next", headers=examiner),
        post(client, f"/assessments/{assessment_id}/answers", {"challenge_id": "x", "skip": True},
             examiner),
        engine.get("/users/me/profile", headers=examiner),
    ):  # fmt: skip
        assert reply.status_code == 403 and body(reply)["error"]["code"] == "EXAMINER_TOKEN"
