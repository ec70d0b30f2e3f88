"""Engine's message handlers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chalicelib.engine.use_cases import completion, learners
from pixcore.consumer import Handler

if TYPE_CHECKING:
    from chalicelib.engine.bootstrap import Engine


def handlers(deps: Engine) -> dict[str, Handler]:
    return {
        "LearnerReconciled": lambda m: learners.record_reconciliation(deps.learners, m),
        "AssessmentCompleted": lambda m: completion.archive_completed(
            deps.assessments, deps.publisher, deps.max_level, m
        ),
    }
