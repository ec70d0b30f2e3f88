"""Races on moto, in threads: two tabs answering one question, a burst of start requests; and
what a course costs in DynamoDB requests."""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from pynamodb.connection.base import Connection

from chalicelib.engine import bootstrap
from chalicelib.engine.adapters.dynamo_assessments import DynamoAssessmentStore
from chalicelib.engine.adapters.dynamo_courses import DynamoCourseStore
from pixcore.ids import new_id
from tests.integration.conftest import body, drain
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
from tests.integration.moto_atomic import atomic_dynamodb


@pytest.fixture
def dynamodb_calls(monkeypatch: pytest.MonkeyPatch) -> Counter:
    calls: Counter = Counter()
    original = Connection._make_api_call

    def counting(self, operation_name, operation_kwargs):  # noqa: ANN001, ANN202
        calls[operation_name] += 1
        return original(self, operation_name, operation_kwargs)

    monkeypatch.setattr(Connection, "_make_api_call", counting)
    return calls


def reads_meet(monkeypatch: pytest.MonkeyPatch, parties: int, store: type, read: str) -> None:
    """The first `read` by each of `parties` threads waits for the others: they all act on what
    they read at the same moment, as requests landing together would. DynamoDB then decides
    each conditional write atomically (moto too, once locked)."""
    atomic_dynamodb(monkeypatch)
    barrier, original, seen = threading.Barrier(parties, timeout=10), getattr(store, read), set()

    def meeting(self, *args):  # noqa: ANN001, ANN002, ANN202
        found = original(self, *args)
        me = threading.get_ident()
        if me not in seen and len(seen) < parties:
            seen.add(me)
            barrier.wait()
        return found

    monkeypatch.setattr(store, read, meeting)


def test_two_tabs_answering_the_same_question_store_one_answer(client, apps, monkeypatch):
    seed_profile("zoe")
    course_id, headers = new_id(), headers_for("zoe")
    deliver(apps, start_message("zoe", course_id))
    current = shown(client, course_id, headers)
    assert current is not None
    challenge_id = current["challenge"]["challenge_id"]
    reads_meet(monkeypatch, 2, DynamoCourseStore, "get")
    with ThreadPoolExecutor(2) as pool:
        replies = list(
            pool.map(
                lambda value: answer(
                    client, course_id, {"challenge_id": challenge_id, "value": value}, headers
                ),
                ["1", "2"],
            )
        )
    assert sorted(r.status_code for r in replies) == [201, 409]
    [refused] = [r for r in replies if r.status_code == 409]
    assert body(refused)["error"]["code"] == "ANSWER_ALREADY_GIVEN"
    course = bootstrap.ports().courses.get(course_id)
    assert course is not None and len(course.answers) == 1


def test_a_burst_of_start_requests_gives_one_course(client, apps, monkeypatch):
    seed_profile("zoe")
    course_id = new_id()
    reads_meet(monkeypatch, 6, DynamoAssessmentStore, "knowledge")
    burst = [start_message("zoe", course_id) for _ in range(6)]  # six message ids
    with ThreadPoolExecutor(6) as pool:
        list(pool.map(lambda m: deliver(apps, m), burst))
    readies = [m for m in drain("certif") if m["type"] == "CertificationCourseReady"]
    assert len(readies) == 6 and len({r["verification_code"] for r in readies}) == 1
    assert len({(r["started_at"], r["deadline"]) for r in readies}) == 1
    from chalicelib.engine.adapters.course_items import VerificationCodeItem

    held = [i for i in VerificationCodeItem.scan() if i.pk.startswith("VERIFICATION#")]
    assert [i.course_id for i in held] == [course_id]  # the losers freed the codes they drew


def test_an_answer_is_two_dynamodb_requests_and_a_course_three(client, apps, dynamodb_calls):
    seed_profile("zoe")
    course_id, headers = new_id(), headers_for("zoe")
    dynamodb_calls.clear()
    assert body(get(client, course_path(course_id), headers))["state"] == "generating"
    assert dynamodb_calls == {"BatchGetItem": 1}  # a poll: the course and any refusal
    dynamodb_calls.clear()
    deliver(apps, start_message("zoe", course_id))
    # the learner's knowledge read, the code's claim, the course; plus the message's claim
    # (PutItem) and completion (UpdateItem)
    assert dynamodb_calls == {"GetItem": 1, "PutItem": 3, "UpdateItem": 1}
    current, per_answer = shown(client, course_id, headers), []
    while current is not None:
        dynamodb_calls.clear()
        skip = {"challenge_id": current["challenge"]["challenge_id"], "skip": True}
        reply = answer(client, course_id, skip, headers)
        per_answer.append(dict(dynamodb_calls))
        current = body(reply)["next"]
    assert len(per_answer) == 48
    # the last one too: it leaves the announcement to engine's own queue, whose consumer reads
    # the course, sends CertificationCompleted and marks it announced (plus the message's claim
    # and its completion)
    assert all(calls == {"GetItem": 1, "PutItem": 1} for calls in per_answer)
    dynamodb_calls.clear()
    assert [m["type"] for m in run_engine(apps)] == ["CertificationCourseEnded"]
    assert dynamodb_calls == {"GetItem": 1, "PutItem": 1, "UpdateItem": 2}
