"""Certification sessions: what a centre schedules, its codes, its statuses and their order."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

from pixcore.clock import PARIS
from pixcore.codes import ACCESS_CODE_DIGITS, ACCESS_CODE_LETTERS
from pixcore.errors import Conflict

SESSION_DURATION = timedelta(hours=2)
# DOMAIN.md, step 6: the centre finalises within 48 h of the session (counted from its end).
FINALIZATION_DELAY = timedelta(hours=48)
# Under this prefix the documents bucket keeps files 2 years (infra/resources.py, lifecycle rule).
DOCUMENTS_PREFIX = "sessions/"
TEST_DURATION = timedelta(minutes=105)
EXAMINER_PASSWORD_LENGTH = 5


class SessionStatus(StrEnum):
    CREATED = "created"
    FINALIZED = "finalized"
    IN_PROCESS = "in_process"
    PROCESSED = "processed"

    @property
    def rank(self) -> int:
        return list(SessionStatus).index(self)


@dataclass(frozen=True)
class Schedule:
    """What the centre admin types: site, room, optional name, date, local start time, examiners."""

    address: str
    room: str
    date: date
    time: time
    examiner: str
    name: str | None = None
    description: str | None = None


@dataclass
class Session:
    id: str
    center_id: str
    schedule: Schedule
    access_code: str
    examiner_password: str
    status: SessionStatus = SessionStatus.CREATED
    candidate_count: int = 0
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    finalized_at: datetime | None = None
    version: int = 0

    # Flat reads for the HTTP schemas.
    address = property(lambda self: self.schedule.address)
    room = property(lambda self: self.schedule.room)
    date = property(lambda self: self.schedule.date)
    time = property(lambda self: self.schedule.time)
    examiner = property(lambda self: self.schedule.examiner)
    name = property(lambda self: self.schedule.name)
    description = property(lambda self: self.schedule.description)

    @property
    def is_open(self) -> bool:
        """Candidates join and start only while the session is `created`."""
        return self.status is SessionStatus.CREATED

    @property
    def starts_at(self) -> datetime:
        """The local start time (Europe/Paris) as an instant."""
        return datetime.combine(self.schedule.date, self.schedule.time, PARIS)

    @property
    def ends_at(self) -> datetime:
        """A session lasts 2 h: start + 2 h (each candidate's extra time comes on top)."""
        return self.starts_at + SESSION_DURATION

    @property
    def finalization_due_at(self) -> datetime:
        """When the finalisation is expected at the latest: 48 h after the session's end."""
        return self.ends_at + FINALIZATION_DELAY

    def is_finalization_overdue(self, now: datetime) -> bool:
        """Not finalised and past its 48 h. A late finalisation is still accepted (the
        candidates' results depend on it); the centre is told, not stopped."""
        return self.status is SessionStatus.CREATED and now > self.finalization_due_at

    def rescheduled(self, schedule: Schedule) -> Session:
        return replace(self, schedule=schedule)


def examiner_password() -> str:
    """5 characters from the access code's unambiguous letters and digits."""
    alphabet = ACCESS_CODE_LETTERS + ACCESS_CODE_DIGITS
    return "".join(secrets.choice(alphabet) for _ in range(EXAMINER_PASSWORD_LENGTH))


def check_editable(session: Session) -> None:
    """A session is editable (and its candidates too) until it is finalised."""
    if not session.is_open:
        raise Conflict(
            "La session est finalisée : elle ne peut plus être modifiée.",
            code="SESSION_ALREADY_FINALIZED",
            details={"status": session.status.value},
        )


def check_deletable(session: Session, started: int) -> None:
    """A session can be deleted while nobody has started the test."""
    check_editable(session)
    if started:
        raise Conflict(
            "Des candidats ont commencé le test : la session ne peut plus être supprimée.",
            code="SESSION_STARTED",
        )


def can_move_to(current: SessionStatus, target: SessionStatus) -> bool:
    """`created` → `finalized` → `in_process` → `processed`: a status never goes back, and the
    jury may publish a session it never took (finalized → processed)."""
    return target.rank > current.rank
