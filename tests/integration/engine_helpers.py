"""Helpers for engine tests through HTTP: a learner's headers and a simulated learner's answers."""

from __future__ import annotations

import json
import random
from typing import Any

from pixcore.principal import Principal
from tests.integration.conftest import body, token_for


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
