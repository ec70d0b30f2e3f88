"""Engine's message handlers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chalicelib.engine.use_cases import completion, learners
from pixcore.consumer import Handlers
from pixcore.messages.catalog import AssessmentCompleted, LearnerReconciled

if TYPE_CHECKING:
    from chalicelib.engine.bootstrap import Engine


def handlers(deps: Engine) -> Handlers:
    return {
        LearnerReconciled: lambda m: learners.record_reconciliation(deps.learners, m),
        AssessmentCompleted: lambda m: completion.archive_completed(
            deps.assessments, deps.publisher, deps.max_level, m
        ),
    }
