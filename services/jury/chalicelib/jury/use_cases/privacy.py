"""A learner's erasure and export in jury: jury's table holds schools only (the académie
dashboard's counts), no learner data: nothing to erase or export, and its answers say so."""

from __future__ import annotations

from pixcore.claim_scrub import scrubbed_claims
from pixcore.clock import SystemClock
from pixcore.logs import get_logger
from pixcore.messages.catalog import (
    LearnerDataGatheredByJury,
    LearnerDataRequested,
    LearnerErasedByJury,
    LearnerErasureRequested,
)
from pixcore.ports import DocumentStore, Publisher

log = get_logger("jury.erasure")


def erase_learner(
    publisher: Publisher, claims: DocumentStore | None, message: LearnerErasureRequested
) -> None:
    ids = {message.user_id or "", *(s.student_id for s in message.students)}
    lines = scrubbed_claims(claims, "jury", ids)
    publisher.publish(
        LearnerErasedByJury(
            erasure_id=message.erasure_id, lines=lines, erased_at=SystemClock().now()
        )
    )
    log.info("erasure.done", erasure_id=message.erasure_id)


def gather_learner(publisher: Publisher, message: LearnerDataRequested) -> None:
    publisher.publish(
        LearnerDataGatheredByJury(
            export_id=message.export_id, data={}, gathered_at=SystemClock().now()
        )
    )
