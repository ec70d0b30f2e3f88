"""Certification courses through HTTP on moto: profiles seeded in engine's table, start requests
delivered to engine's Lambda handler with unique ids."""

from __future__ import annotations

import json
from typing import Any

import boto3

from chalicelib.engine import bootstrap
from infra.samples import seeded_profiles
from pixcore.messages.catalog import CertificationStartRequested
from pixcore.referential import COMPETENCE_CODES
from tests.integration.conftest import body
from tests.integration.test_consumers import lambda_event

STRONG = {code: 4 for code in COMPETENCE_CODES}


def seed_profile(user_id: str, levels: dict[str, int] | None = None) -> None:
    """The learner's item as placement leaves it: the knowledge of every skill up to a level."""
    seeded_profiles.seed_profile(
        boto3.client("dynamodb"), user_id, levels or STRONG, bootstrap.content()
    )


def start_message(
    user_id: str, course_id: str, extra: int = 0, session_id: str = "session-7"
) -> CertificationStartRequested:
    from datetime import UTC, date, datetime

    return CertificationStartRequested(
        course_id=course_id,
        session_id=session_id,
        center_id="center-3",
        candidate_id=f"cand-{user_id}",
        user_id=user_id,
        extra_time_percentage=extra,
        session_date=date(2026, 3, 10),
        window_starts_at=datetime(2026, 3, 10, 8, 0, tzinfo=UTC),
    )


def deliver(apps: dict, *messages: Any) -> None:
    for message in messages:
        apps["engine"].on_message(lambda_event(message.to_json()), None)


def course_path(course_id: str, tail: str = "") -> str:
    return f"/certification-courses/{course_id}{tail}"


def get(client, path: str, headers: dict[str, str]):  # noqa: ANN001, ANN201
    return client("engine").http.get(path, headers=headers)


def answer(client, course_id: str, payload: dict, headers: dict[str, str]):  # noqa: ANN001, ANN201
    return client("engine").http.post(
        course_path(course_id, "/answers"), headers=headers, body=json.dumps(payload)
    )


def shown(client, course_id: str, headers: dict[str, str]) -> dict | None:  # noqa: ANN001
    reply = get(client, course_path(course_id, "/next"), headers)
    assert reply.status_code in (200, 204), reply.body
    return body(reply) if reply.status_code == 200 else None
