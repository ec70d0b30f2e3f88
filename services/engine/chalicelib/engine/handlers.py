"""Engine's message handlers: message class → use case."""

from __future__ import annotations

from chalicelib.engine.ports import Ports
from chalicelib.engine.use_cases import completion, learners
from pixcore.consumer import Handlers
from pixcore.messages.catalog import AssessmentCompleted, LearnerReconciled


def handlers(ports: Ports) -> Handlers:
    return {
        LearnerReconciled: lambda m: learners.record_reconciliation(ports, m),
        AssessmentCompleted: lambda m: completion.archive_completed(ports, m),
    }
