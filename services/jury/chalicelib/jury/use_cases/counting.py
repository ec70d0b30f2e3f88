"""The académie figures, kept as counters moved by the facts jury hears about, each counted once."""

from __future__ import annotations

from datetime import datetime

from chalicelib.jury.domain import stats
from chalicelib.jury.domain.stats import (
    NATIONAL,
    SECTORS,
    Dashboard,
    Figures,
    School,
    SessionTally,
    season_weeks,
    week_of,
)
from chalicelib.jury.ports import Ports
from pixcore.logs import get_logger
from pixcore.messages.catalog import (
    CampaignCreated,
    LearnerReconciled,
    OrganizationRegistered,
    SessionFinalized,
    SessionUpdated,
)
from pixcore.principal import Principal, require_academie
from pixcore.retry import retry_on_conflict

log = get_logger("jury.counting")


class NotKnownYet(Exception):
    """A fact about a school or a session jury has not heard of yet: the queue delivers it again
    later (it is not a business refusal, so it is retried, then kept in the dead-letter queue)."""


def _school(ports: Ports, organization_id: str) -> School:
    school = ports.stats.school(organization_id)
    if school is None:
        raise NotKnownYet(f"organization {organization_id}")
    return school


def organization_registered(ports: Ports, message: OrganizationRegistered) -> None:
    school = School(
        message.organization_id,
        message.academie,
        message.sector,
        message.is_certification_center,
    )
    ports.stats.save_school(school)
    ports.stats.count_once(
        f"SCHOOL#{school.organization_id}",
        school,
        {"schools": 1, "certification_centers": int(school.is_certification_center)},
        week_of(message.occurred_at),
    )


def _apply(ports: Ports, session_id: str, center_id: str, at: datetime, change) -> None:  # noqa: ANN001
    """The session's change counts in the week it happened (a deletion un-counts in its own
    week: the weeks always add up to the totals)."""
    school, week = _school(ports, center_id), week_of(at)

    def save() -> SessionTally | None:
        old = ports.stats.session_tally(session_id) or SessionTally(session_id, center_id)
        changed = change(old)
        if changed is None:
            return None
        new, deltas = changed
        ports.stats.save_tally(new, school, deltas, week)
        return new

    new = retry_on_conflict(save, 5)
    if new is not None and new.counted:
        ports.stats.count_once(
            f"CENTERSESSIONS#{center_id}", school, {"schools_with_sessions": 1}, week
        )


def session_updated(ports: Ports, message: SessionUpdated) -> None:
    _apply(
        ports,
        message.session_id,
        message.center_id,
        message.occurred_at,
        lambda old: stats.session_updated(
            old, message.revision, message.deleted, message.candidate_count
        ),
    )


def finalized(ports: Ports, message: SessionFinalized) -> None:
    _apply(
        ports,
        message.session_id,
        message.center_id,
        message.finalized_at or message.occurred_at,
        lambda old: stats.session_finalized(old, len(message.candidates)),
    )


def took_part(ports: Ports, session_id: str, course_id: str, at: datetime) -> None:
    tally = ports.stats.session_tally(session_id)
    if tally is None:
        raise NotKnownYet(f"session {session_id}")
    school = _school(ports, tally.center_id)
    ports.stats.count_once(
        f"COURSE#{course_id}#started", school, {"candidates_took_part": 1}, week_of(at)
    )


def certified(ports: Ports, center_id: str, course_ids: list[str], at: datetime) -> None:
    """Certified in the week the results were published."""
    school = ports.stats.school(center_id)
    if school is None:
        log.warning("stats.unknown_center", center_id=center_id)
        return
    for course_id in course_ids:
        ports.stats.count_once(
            f"COURSE#{course_id}#certified", school, {"certified": 1}, week_of(at)
        )


def active_school(ports: Ports, message: LearnerReconciled | CampaignCreated) -> None:
    """A school counts as active on Pix once one of its students joined or a campaign exists."""
    school = _school(ports, message.organization_id)
    ports.stats.count_once(
        f"ACTIVE#{school.organization_id}",
        school,
        {"schools_with_active_students": 1},
        week_of(message.occurred_at),
    )


def dashboard(ports: Ports, caller: Principal, academie: str | None) -> Dashboard:
    """Per sector and in total, for the season and week by week; the jury sees any académie (or
    the whole country), an académie user only their own."""
    seen = require_academie(caller, academie)
    figures = ports.stats.figures(seen or NATIONAL)
    return Dashboard(
        seen,
        {sector: figures.get(sector, Figures()) for sector in SECTORS},
        season_weeks(ports.stats.weeks(seen or NATIONAL)),
    )
