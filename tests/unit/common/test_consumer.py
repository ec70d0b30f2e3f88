"""Consuming: one effect per message, permanent errors dropped, transient errors retried."""

import pytest

from pixcore.consumer import MessageConsumer
from pixcore.errors import RuleViolation
from pixcore.idempotency import MessageInProgress
from pixcore.memory import InMemoryProcessedMessages
from pixcore.messages.catalog import LearnerReconciled


def sqs_event(*bodies: str) -> dict:
    return {"Records": [{"messageId": f"sqs-{i}", "body": b} for i, b in enumerate(bodies)]}


def message() -> LearnerReconciled:
    return LearnerReconciled(organization_id="o", student_id="s", user_id="u")


def test_a_message_delivered_twice_has_one_effect():
    effects = []
    consumer = MessageConsumer(
        "engine", {LearnerReconciled: effects.append}, InMemoryProcessedMessages()
    )
    body = message().to_json()
    assert consumer.handle_event(sqs_event(body, body)) == ["handled", "duplicate"]
    assert consumer.handle_event(sqs_event(body)) == ["duplicate"]
    assert len(effects) == 1


def test_a_transient_failure_releases_the_claim_so_a_retry_can_succeed():
    attempts = []

    def flaky(m):  # noqa: ANN001, ANN202
        attempts.append(m)
        if len(attempts) == 1:
            raise ConnectionError("table unavailable")

    consumer = MessageConsumer("engine", {LearnerReconciled: flaky}, InMemoryProcessedMessages())
    body = message().to_json()
    with pytest.raises(ConnectionError):
        consumer.handle_body(body)
    assert consumer.handle_body(body) == "handled"
    assert len(attempts) == 2


def test_a_business_refusal_is_recorded_and_not_retried():
    calls = []

    def refuse(m):  # noqa: ANN001, ANN202
        calls.append(m)
        raise RuleViolation(code="SESSION_CLOSED")

    consumer = MessageConsumer("engine", {LearnerReconciled: refuse}, InMemoryProcessedMessages())
    body = message().to_json()
    assert consumer.handle_body(body) == "rejected"
    assert consumer.handle_body(body) == "duplicate"
    assert len(calls) == 1


def test_a_concurrent_delivery_in_progress_is_retried_later():
    processed = InMemoryProcessedMessages()
    consumer = MessageConsumer("engine", {LearnerReconciled: lambda m: None}, processed)
    m = message()
    processed.claim(m.message_id, lease_seconds=60)
    with pytest.raises(MessageInProgress):
        consumer.handle_body(m.to_json())


def test_unreadable_and_unhandled_messages_are_dropped():
    consumer = MessageConsumer("orga", {}, InMemoryProcessedMessages())
    assert consumer.handle_body("{garbage") == "dropped"
    assert consumer.handle_body(message().to_json()) == "ignored"
