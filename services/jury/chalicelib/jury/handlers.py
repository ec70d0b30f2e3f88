"""Jury's message handlers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chalicelib.jury.use_cases import privacy, stats
from pixcore.consumer import Handlers
from pixcore.messages.catalog import (
    LearnerDataRequested,
    LearnerErasureRequested,
    OrganizationRegistered,
)

if TYPE_CHECKING:
    from chalicelib.jury.bootstrap import Jury


def handlers(deps: Jury) -> Handlers:
    return {
        OrganizationRegistered: lambda m: stats.record_school(deps.schools, m),
        LearnerErasureRequested: lambda m: privacy.erase_learner(deps.publisher, deps.claims, m),
        LearnerDataRequested: lambda m: privacy.gather_learner(deps.publisher, m),
    }
