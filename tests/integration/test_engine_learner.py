"""A simulated learner through HTTP on moto: to a certifiable profile, in two DynamoDB requests
per answer (the last one too: the history is archived by engine's consumer)."""

from __future__ import annotations

import json
import random
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from pynamodb.connection.base import Connection

from chalicelib.engine import bootstrap
from chalicelib.engine.adapters.assessment_items import AnswerItem
from chalicelib.engine.use_cases import completion
from infra.samples.simulated_learner import SimulatedLearner
from pixcore.clock import FixedClock
from pixcore.errors import ConcurrentUpdate
from pixcore.referential import COMPETENCE_CODES
from tests.integration.conftest import body, drain
from tests.integration.engine_helpers import (
    first_challenge,
    headers_for,
    open_campaign,
    play,
    post,
    run_engine,
    start,
)
from tests.integration.test_consumers import lambda_event


@pytest.fixture
def dynamodb_calls(monkeypatch: pytest.MonkeyPatch) -> Counter:
    """Every request PynamoDB sends to DynamoDB, by operation."""
    calls: Counter = Counter()
    original = Connection._make_api_call

    def counting(self, operation_name, operation_kwargs):  # noqa: ANN001, ANN202
        calls[operation_name] += 1
        return original(self, operation_name, operation_kwargs)

    monkeypatch.setattr(Connection, "_make_api_call", counting)
    return calls


def test_an_answer_costs_two_dynamodb_requests_the_last_one_too(client, apps, dynamodb_calls):
    headers = headers_for("zoe")
    assessment_id = start(client, headers, "3.4")["assessment_id"]
    current = first_challenge(client, headers, assessment_id)
    content, rng = bootstrap.content(), random.Random(5)
    learner = SimulatedLearner({"3.4": 3.0})
    per_answer = []
    while current is not None:
        dynamodb_calls.clear()
        value = learner.answer(content, content.challenge(current["challenge_id"]), rng)
        payload = {"challenge_id": current["challenge_id"]}
        payload.update({"skip": True} if value is None else {"value": value})
        reply = post(client, f"/assessments/{assessment_id}/answers", payload, headers)
        assert reply.status_code == 201
        per_answer.append(dict(dynamodb_calls))
        current = body(reply)["next"]
    assert len(per_answer) >= 3
    assert all(calls == {"GetItem": 1, "PutItem": 1} for calls in per_answer), per_answer
    dynamodb_calls.clear()
    assert [m["type"] for m in run_engine(apps)] == ["AssessmentCompleted"]
    # The consumer: the learner's item read, history + snapshot written, the pending history
    # dropped; plus the message's claim (PutItem) and completion (UpdateItem) of idempotency.
    assert dynamodb_calls == {"GetItem": 1, "BatchWriteItem": 1, "UpdateItem": 2, "PutItem": 1}


def test_starting_an_evaluation_reads_the_learner_once(client, dynamodb_calls):
    headers = headers_for("ines")
    start(client, headers, "1.1")  # the learner's item is created
    dynamodb_calls.clear()
    start(client, headers, "1.2")
    # One read of the learner's item, the assessment's snapshot, the learner's item updated.
    assert dynamodb_calls == {"GetItem": 1, "PutItem": 1, "UpdateItem": 1}
    dynamodb_calls.clear()
    start(client, headers, "1.2")  # resumed: a read only
    assert dynamodb_calls == {"GetItem": 1}


def test_the_answers_are_kept_once_the_completion_is_handled(client, apps):
    headers = headers_for("zoe")
    assessment_id = start(client, headers, "2.3")["assessment_id"]
    current = first_challenge(client, headers, assessment_id)
    skipped = post(
        client,
        f"/assessments/{assessment_id}/answers",
        {"challenge_id": current["challenge_id"], "skip": True},
        headers,
    )
    assert _history(assessment_id) == []
    rest = play(
        client,
        headers,
        assessment_id,
        bootstrap.content(),
        SimulatedLearner({"2.3": 2.5}),
        random.Random(8),
    )
    assert _history(assessment_id) == []
    assert [m["type"] for m in run_engine(apps)] == ["AssessmentCompleted"]
    kept = _history(assessment_id)
    assert skipped.status_code == 201 and len(kept) == 1 + rest
    assert {a.challenge_id for a in kept} == set(_asked(assessment_id))
    first = next(a for a in kept if a.challenge_id == current["challenge_id"])
    assert first.result == "aband" and first.value == "null" and first.user_id == "zoe"
    assert all(json.loads(a.knowledge_elements) for a in kept)


def test_a_finished_evaluation_answers_204_and_publishes_the_profile_once_archived(client, apps):
    headers = headers_for("zoe")
    assessment_id = start(client, headers, "1.2")["assessment_id"]
    play(
        client,
        headers,
        assessment_id,
        bootstrap.content(),
        SimulatedLearner({"1.2": 4.0}),
        random.Random(2),
    )
    done = client("engine").http.get(f"/assessments/{assessment_id}/next", headers=headers)
    state = body(client("engine").http.get(f"/assessments/{assessment_id}", headers=headers))
    assert done.status_code == 204 and state["state"] == "completed"
    assert [m for m in drain("certif") if m["type"] == "ProfileUpdated"] == []
    [completed] = run_engine(apps)
    assert completed["assessment_id"] == assessment_id and completed["user_id"] == "zoe"
    assert run_engine(apps) == []
    again_state = client("engine").http.get(f"/assessments/{assessment_id}", headers=headers)
    assert body(again_state)["state"] == "completed"
    for service in ("orga", "certif"):
        updates = [m for m in drain(service) if m["type"] == "ProfileUpdated"]
        assert [m["user_id"] for m in updates] == ["zoe"]
        marks = {m["competence"]: m for m in updates[0]["competences"]}
        assert marks["1.2"]["level"] >= 1 and updates[0]["certifiable"] is False
    again = start(client, headers, "1.2")
    assert again["assessment_id"] != assessment_id and again["resumed"] is False


def test_a_completion_delivered_twice_publishes_the_profile_once(client, apps):
    headers = headers_for("zoe")
    assessment_id = start(client, headers, "1.3")["assessment_id"]
    play(
        client, headers, assessment_id, bootstrap.content(), SimulatedLearner({}), random.Random(6)
    )
    [completed] = drain("engine")
    again = {**completed, "message_id": f"{completed['message_id']}-again"}
    for message in (completed, again):
        apps["engine"].on_message(lambda_event(json.dumps(message)), None)
    assert len([m for m in drain("certif") if m["type"] == "ProfileUpdated"]) == 1
    assert len(_history(assessment_id)) >= 1
    store = bootstrap.ports().assessments
    assert store.pending_completions("zoe") == []
    store.forget_archived(assessment_id, "zoe")  # its condition fails: already forgotten


def test_a_write_from_a_stale_read_is_a_concurrent_update(client):
    headers = headers_for("zoe")
    assessment_id = start(client, headers, "4.1")["assessment_id"]
    store = bootstrap.ports().assessments
    assessment, knowledge = store.load(assessment_id, "zoe")
    store.save(assessment, knowledge)
    with pytest.raises(ConcurrentUpdate):
        store.save(assessment, knowledge)


def test_a_simulated_learner_becomes_certifiable_through_http(client, apps):
    headers = headers_for("lea")
    content, rng = bootstrap.content(), random.Random(11)
    learner = SimulatedLearner({code: 3.0 for code in COMPETENCE_CODES})
    profile = body(client("engine").http.get("/users/me/profile", headers=headers))
    assert profile["certifiable"] is False and profile["message"].startswith("Votre profil")
    for code in COMPETENCE_CODES:
        assessment_id = start(client, headers, code)["assessment_id"]
        assert play(client, headers, assessment_id, content, learner, rng) >= 1
    assert len(run_engine(apps)) == 16
    profile = body(client("engine").http.get("/users/me/profile", headers=headers))
    assert profile["certifiable"] is True and profile["message"] is None
    assert profile["certifiable_competence_count"] >= 5 and profile["total_pix"] > 100
    assert all(c["level"] <= profile["max_level"] for c in profile["competences"])
    updates = [m for m in drain("certif", max_messages=100) if m["type"] == "ProfileUpdated"]
    assert len(updates) == 16 and updates[-1]["certifiable"] is True


def test_a_campaign_assessment_runs_over_its_target_skills(client, apps):
    headers = headers_for("zoe")
    targets = [s.id for s in bootstrap.content().skills_of_competence("4.2")][:6]
    open_campaign(apps, "SCBADE123", targets)
    created = post(client, "/assessments", {"campaign_code": "SCBADE123"}, headers)
    resumed = post(client, "/assessments", {"campaign_code": "scbade123"}, headers)
    assessment_id = body(created)["assessment_id"]
    assert created.status_code == 201 and body(resumed)["assessment_id"] == assessment_id
    play(
        client,
        headers,
        assessment_id,
        bootstrap.content(),
        SimulatedLearner({"4.2": 2.0}),
        random.Random(4),
    )
    asked_ids = set(_asked(assessment_id))
    asked = {c.skill_id for c in bootstrap.content().challenges.values() if c.id in asked_ids}
    assert asked and asked <= set(targets)


def _asked(assessment_id: str) -> list[str]:
    return bootstrap.ports().assessments.get(assessment_id, "zoe").asked_challenge_ids


def _history(assessment_id: str) -> list[AnswerItem]:
    return list(
        AnswerItem.query(
            f"ASSESSMENT#{assessment_id}", AnswerItem.sk.startswith("ANSWER#"), consistent_read=True
        )
    )


def test_a_lost_completion_is_announced_again_by_the_profile_route(client, apps):
    # GIVEN a finished evaluation whose AssessmentCompleted never reached the queue
    headers = headers_for("zoe")
    assessment_id = start(client, headers, "2.1")["assessment_id"]
    play(
        client, headers, assessment_id, bootstrap.content(), SimulatedLearner({}), random.Random(9)
    )
    assert len(drain("engine")) == 1
    # WHEN the learner opens their profile well after SQS would have retried it
    later = datetime.now(UTC) + completion.LOST_AFTER + timedelta(minutes=1)
    bootstrap.ports().clock = FixedClock(later)
    assert client("engine").http.get("/users/me/profile", headers=headers).status_code == 200
    # THEN the completion is sent again, and handling it archives the history
    assert [m["assessment_id"] for m in run_engine(apps)] == [assessment_id]
    assert len(_history(assessment_id)) >= 1
    assert [m["type"] for m in drain("orga")] == ["ProfileUpdated"]
