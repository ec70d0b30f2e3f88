"""Jury's message handlers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chalicelib.jury.use_cases import stats
from pixcore.consumer import Handlers
from pixcore.messages.catalog import OrganizationRegistered

if TYPE_CHECKING:
    from chalicelib.jury.bootstrap import Jury


def handlers(deps: Jury) -> Handlers:
    return {OrganizationRegistered: lambda m: stats.record_school(deps.schools, m)}
