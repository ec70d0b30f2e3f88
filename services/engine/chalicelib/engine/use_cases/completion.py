"""A completed assessment, off the answer's path: its history archived, then the profile published."""

from __future__ import annotations

from datetime import datetime, timedelta

from chalicelib.engine.ports import Ports
from chalicelib.engine.use_cases.progress import publish_profile
from pixcore.messages.catalog import AssessmentCompleted
from pixcore.ports import Publisher

LOST_AFTER = timedelta(minutes=5)


def announce(publisher: Publisher, user_id: str, assessment_id: str, at: datetime) -> None:
    publisher.publish(
        AssessmentCompleted(user_id=user_id, assessment_id=assessment_id, completed_at=at)
    )


def archive_completed(ports: Ports, message: AssessmentCompleted) -> None:
    """Idempotent: the history goes out in idempotent puts and the profile is published before
    the learner's state lets go of it, so a crash in between only repeats the work."""
    store = ports.assessments
    knowledge = store.archive(message.assessment_id, message.user_id)
    if knowledge is None:
        return
    publish_profile(ports, knowledge, message.completed_at)
    store.forget_archived(message.assessment_id, message.user_id)


def is_lost(completed_at: datetime | None, now: datetime) -> bool:
    """A completion still unarchived long after SQS would have retried it lost its message
    (a crash between the learner's write and the send)."""
    return completed_at is None or now - completed_at > LOST_AFTER


def announce_lost(ports: Ports, user_id: str) -> None:
    now = ports.clock.now()
    for pending in ports.assessments.pending_completions(user_id):
        if is_lost(pending.completed_at, now):
            announce(ports.publisher, user_id, pending.assessment_id, pending.completed_at or now)
