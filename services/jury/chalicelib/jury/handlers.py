"""Jury's message handlers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pixcore.consumer import Handler

from chalicelib.jury.use_cases import stats

if TYPE_CHECKING:
    from chalicelib.jury.bootstrap import Jury


def handlers(deps: Jury) -> dict[str, Handler]:
    return {"OrganizationRegistered": lambda m: stats.record_school(deps.schools, m)}
