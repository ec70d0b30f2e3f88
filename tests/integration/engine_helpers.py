"""Helpers for engine tests through HTTP: a learner's headers and a simulated learner's answers."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime
from typing import Any

from pixcore.messages import Message
from pixcore.messages.catalog import CampaignCreated, CampaignJoined
from pixcore.principal import Principal
from tests.integration.conftest import body, drain, token_for
from tests.integration.test_consumers import lambda_event


def headers_for(user_id: str) -> dict[str, str]:
    return {
        "Authorization": f"Bearer {token_for(Principal(user_id))}",
        "Content-Type": "application/json",
    }


def post(client, path: str, payload: Any, headers: dict[str, str]):  # noqa: ANN001, ANN201
    return client("engine").http.post(path, headers=headers, body=json.dumps(payload))


def start(client, headers: dict[str, str], competence: str = "1.1") -> dict:  # noqa: ANN001
    reply = post(client, "/competence-evaluations", {"competence": competence}, headers)
    assert reply.status_code == 201, reply.body
    return body(reply)


def first_challenge(client, headers: dict[str, str], assessment_id: str) -> dict:  # noqa: ANN001
    reply = client("engine").http.get(f"/assessments/{assessment_id}/next", headers=headers)
    assert reply.status_code == 200, reply.body
    return body(reply)


def play(
    client,
    headers: dict[str, str],
    assessment_id: str,
    content,
    learner,  # noqa: ANN001
    rng: random.Random,
) -> int:
    """Answers until the end, one round trip per question; returns how many were answered."""
    shown = client("engine").http.get(f"/assessments/{assessment_id}/next", headers=headers)
    current = body(shown) if shown.status_code == 200 else None
    answered = 0
    while current is not None:
        value = learner.answer(content, content.challenge(current["challenge_id"]), rng)
        payload = {"challenge_id": current["challenge_id"]}
        payload.update({"skip": True} if value is None else {"value": value})
        reply = post(client, f"/assessments/{assessment_id}/answers", payload, headers)
        assert reply.status_code == 201, reply.body
        answered += 1
        current = body(reply)["next"]
    return answered


def run_engine(apps) -> list[dict]:  # noqa: ANN001
    """Plays engine's own queue into its Lambda handler, as the local pump would (a completed
    evaluation's archive, a course's announcement); returns what it held."""
    messages = drain("engine")
    for message in messages:
        apps["engine"].on_message(lambda_event(json.dumps(message)), None)
    return messages


def deliver(apps, *messages: Message) -> None:  # noqa: ANN001
    """Hands messages to engine's queue handler, as SQS would."""
    for message in messages:
        apps["engine"].on_message(lambda_event(message.to_json()), None)


def open_campaign(
    apps,  # noqa: ANN001
    code: str,
    targets: list[str],
    participants: tuple[str, ...] = ("zoe",),
    kind: str = "ASSESSMENT",
) -> None:
    """Orga created a campaign and these accounts joined it: engine got the messages."""
    now = datetime.now(UTC)
    deliver(
        apps,
        CampaignCreated(
            campaign_id=f"campaign-{code}",
            code=code,
            organization_id="school-1",
            campaign_type=kind,
            target_skill_ids=targets,
            created_at=now,
        ),
        *(
            CampaignJoined(
                campaign_id=f"campaign-{code}",
                code=code,
                organization_id="school-1",
                student_id=f"student-{user_id}",
                user_id=user_id,
                joined_at=now,
            )
            for user_id in participants
        ),
    )
