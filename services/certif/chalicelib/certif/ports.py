"""What certif's use cases need from the outside world, and `Ports`, the dataclass holding it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from chalicelib.certif.domain.calendar import CalendarSettings
from chalicelib.certif.domain.candidates import Candidate
from chalicelib.certif.domain.centers import CertificationCenter
from chalicelib.certif.domain.documents import AttendanceSheet, IncidentReport
from chalicelib.certif.domain.finalization import Finalization
from chalicelib.certif.domain.sessions import Session, SessionStatus
from chalicelib.certif.domain.students import EnrollableStudent, Profile
from chalicelib.certif.domain.throttling import FailureRecord
from pixcore.clock import Clock
from pixcore.ports import DocumentStore, Publisher
from pixcore.principal import Principal

Position = dict[str, Any]


class CenterRepository(Protocol):
    def save(self, center: CertificationCenter) -> None:
        """Conditional on the version the centre was read at: ConcurrentUpdate if it moved."""
        ...

    def get(self, center_id: str) -> CertificationCenter:
        """Raises NotFound(CENTER_NOT_FOUND)."""
        ...

    def find(self, center_id: str) -> CertificationCenter | None: ...


class StudentDirectory(Protocol):
    """The schools' active students (from orga's imports), their account links, their profiles."""

    def claim_import(self, center_id: str, imported_at: datetime) -> bool:
        """Records the import as the school's latest: False when a newer one is already in."""
        ...

    def save_students(self, students: Iterable[EnrollableStudent]) -> int:
        """Writes each student unless a newer import already wrote it; returns how many."""
        ...

    def remove_students(
        self, center_id: str, student_ids: list[str], imported_at: datetime
    ) -> None:
        """Removes students disabled by an import (not if a newer import wrote them)."""
        ...

    def get_students(
        self, center_id: str, student_ids: list[str]
    ) -> dict[str, EnrollableStudent]: ...

    def page(
        self,
        center_id: str,
        division: str | None,
        search: str | None,
        limit: int,
        position: Position | None,
    ) -> tuple[list[EnrollableStudent], Position | None]:
        """By name (within a division when one is given); `position` continues the list."""
        ...

    def link(self, center_id: str, student_id: str, user_id: str) -> None: ...

    def links(self, center_id: str, student_ids: list[str]) -> dict[str, str]: ...

    def save_profile_if_newer(self, profile: Profile) -> None:
        """Conditional: an older profile never overwrites a newer one."""
        ...

    def profiles(self, user_ids: list[str]) -> dict[str, Profile]: ...

    def forget(self, center_id: str, student_id: str) -> int:
        """An erased student: the student and their account link go; how many items went."""
        ...

    def forget_profile(self, user_id: str) -> int:
        """An erased account's profile goes; 1 if there was one."""
        ...


class SessionRepository(Protocol):
    def next_number(self) -> int:
        """The next session number of the platform (an atomic counter)."""
        ...

    def claim_access_code(self, code: str, session_id: str) -> bool:
        """Reserves a code for an open session; False when another open session holds it."""
        ...

    def release_access_code(self, code: str, session_id: str) -> None: ...

    def add(self, session: Session) -> None:
        """Conditional: Conflict when a session with that number exists."""
        ...

    def get(self, session_id: str) -> Session:
        """Raises NotFound(SESSION_NOT_FOUND)."""
        ...

    def find(self, session_id: str) -> Session | None: ...

    def save(self, session: Session) -> Session:
        """Writes a newer state of the session read at `session.version` (ConcurrentUpdate
        otherwise); returns it with its new version."""
        ...

    def delete(self, session: Session) -> None:
        """Conditional on the version read; removes the candidates too."""
        ...

    def of_center(
        self, center_id: str, limit: int, position: Position | None
    ) -> tuple[list[Session], Position | None]:
        """By date and time."""
        ...

    def move_status(self, session_id: str, status: SessionStatus) -> bool:
        """Moves the status forward only (False when it is already there or further)."""
        ...


class CandidateRepository(Protocol):
    def of_session(self, session_id: str) -> list[Candidate]: ...

    def get(self, session_id: str, candidate_id: str) -> Candidate:
        """Raises NotFound(CANDIDATE_NOT_FOUND)."""
        ...

    def born_on(self, session_id: str, birthdate: date) -> list[Candidate]:
        """The session's candidates born that day (joining reads these, not the whole list)."""
        ...

    def seat(self, session_id: str, user_id: str) -> Candidate | None:
        """The candidate this account joined as, if any."""
        ...

    def enroll(self, session: Session, candidates: list[Candidate]) -> Session:
        """All or nothing, with the session's new count, conditional on the session's version."""
        ...

    def save(self, candidate: Candidate) -> Candidate:
        """Conditional on `candidate.version` (ConcurrentUpdate otherwise)."""
        ...

    def remove(self, session: Session, candidate: Candidate) -> Session:
        """Both conditional: the session's version and the candidate not joined meanwhile."""
        ...


class FinalizationRepository(Protocol):
    def get(self, session_id: str) -> Finalization:
        """The draft, an empty one when none was saved."""
        ...

    def save(self, finalization: Finalization) -> Finalization:
        """Conditional on the version read."""
        ...


class AttemptThrottle(Protocol):
    def failures(self, key: str) -> FailureRecord | None: ...

    def record_failure(self, key: str, at: datetime) -> None:
        """Counts one more failure atomically (concurrent attempts all count)."""
        ...

    def reset(self, key: str) -> None: ...


class StudentLists(Protocol):
    def lines(self, bucket: str, key: str) -> Iterator[str]:
        """The JSON lines of an active student list, streamed (orga's object, read-only)."""
        ...


class DocumentRenderer(Protocol):
    def attendance_sheet(self, sheet: AttendanceSheet) -> bytes: ...

    def incident_report(self, report: IncidentReport) -> bytes: ...


class TokenIssuer(Protocol):
    def issue(
        self, principal: Principal, now: float | None = None, lifetime: int | None = None
    ) -> str: ...


class LearnerData(Protocol):
    def gather(
        self, students: list[tuple[str, str]], user_id: str | None, whole_account: bool
    ) -> dict[str, list[dict[str, Any]]]:
        """Every item certif holds about the learner, as stored (for their export)."""
        ...


@dataclass
class Ports:
    centers: CenterRepository
    students: StudentDirectory
    sessions: SessionRepository
    candidates: CandidateRepository
    finalizations: FinalizationRepository
    throttle: AttemptThrottle
    student_lists: StudentLists
    renderer: DocumentRenderer
    documents: DocumentStore
    publisher: Publisher
    clock: Clock
    tokens: TokenIssuer
    calendar: CalendarSettings
    cursor_secret: Callable[[], bytes]
    learner_data: LearnerData | None = None
    claims: DocumentStore | None = None
