"""Driving jury on moto: messages in through its queue handler (each record its own id), HTTP
through chalice's test client."""

from __future__ import annotations

import json

from pixcore.messages.base import Message
from pixcore.principal import ADMIN, JURY, Principal
from tests.integration.conftest import token_for


def lambda_event(body: str) -> dict:
    return {
        "Records": [
            {
                "messageId": "sqs-1",
                "receiptHandle": "r1",
                "body": body,
                "attributes": {},
                "messageAttributes": {},
                "md5OfBody": "",
                "eventSource": "aws:sqs",
                "eventSourceARN": "arn:aws:sqs:eu-west-3:123456789012:pixcert-jury-messages",
                "awsRegion": "eu-west-3",
            }
        ]
    }


def send(apps: dict, *messages: Message) -> None:
    for m in messages:
        apps["jury"].on_message(lambda_event(m.to_json()), None)


def headers(principal: Principal) -> dict[str, str]:
    return {"Authorization": f"Bearer {token_for(principal)}", "Content-Type": "application/json"}


JUROR = Principal("juror-1", JURY)
ADMIN_OF_CENTER = Principal("admin-1", memberships={"center-1": ADMIN})


def body(response) -> dict:  # noqa: ANN001
    return json.loads(response.body) if response.body else {}
