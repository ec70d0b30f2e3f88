"""Queue consumers on moto: a message delivered twice has one effect; claims are conditional writes."""

from __future__ import annotations

import json

import pytest

from pixcore.dynamo import DynamoProcessedMessages, processed_message_model
from pixcore.idempotency import MessageInProgress
from pixcore.messages.catalog import OrganizationRegistered


def lambda_event(*bodies: str) -> dict:
    """Each record gets its own SQS id, as SQS does for a redelivered duplicate."""
    return {
        "Records": [
            {
                "messageId": f"sqs-{i}",
                "receiptHandle": f"r{i}",
                "body": b,
                "attributes": {},
                "messageAttributes": {},
                "md5OfBody": "",
                "eventSource": "aws:sqs",
                "eventSourceARN": "arn:aws:sqs:eu-west-3:123456789012:q",
                "awsRegion": "eu-west-3",
            }
            for i, b in enumerate(bodies)
        ]
    }


def registered() -> OrganizationRegistered:
    return OrganizationRegistered(
        organization_id="org-1",
        uai="0750001U",
        name="Collège",
        organization_type="COLLEGE",
        sector="PUBLIC",
        academie="Paris",
        is_certification_center=True,
    )


def test_a_message_delivered_twice_is_handled_once(apps, monkeypatch):
    module = apps["jury"]
    consumer = module.bootstrap.consumer()
    calls = []
    original = consumer.handlers["OrganizationRegistered"]
    consumer.handlers["OrganizationRegistered"] = lambda m: (calls.append(m), original(m))
    body = registered().to_json()
    module.on_message(lambda_event(body), None)
    module.on_message(lambda_event(body), None)
    assert len(calls) == 1
    assert module.bootstrap.ports().stats.school("org-1") is not None
    figures = module.bootstrap.ports().stats.figures("Paris")["PUBLIC"]
    assert (figures.schools, figures.certification_centers) == (1, 1)


def test_processed_message_claims_on_dynamodb(aws):
    import os

    store = DynamoProcessedMessages(
        processed_message_model(os.environ["PIXCERT_JURY_PROCESSED_TABLE"])
    )
    assert store.claim("m1", lease_seconds=60) is True
    with pytest.raises(MessageInProgress):
        store.claim("m1", lease_seconds=60)
    store.release("m1")
    assert store.claim("m1", lease_seconds=60) is True
    store.complete("m1")
    assert store.claim("m1", lease_seconds=60) is False


def test_an_expired_lease_can_be_taken_over(aws):
    import os

    store = DynamoProcessedMessages(
        processed_message_model(os.environ["PIXCERT_ORGA_PROCESSED_TABLE"])
    )
    assert store.claim("m2", lease_seconds=-1) is True
    assert store.claim("m2", lease_seconds=60) is True


def test_certif_keeps_the_centre_read_model(apps):
    apps["certif"].on_message(lambda_event(registered().to_json()), None)
    center = apps["certif"].bootstrap.ports().centers.get("org-1")
    assert center.name == "Collège" and center.is_certification_center
    assert json.loads(registered().to_json())["type"] == "OrganizationRegistered"
