"""Candidates of a session: who they are as enrolled, and how their test day goes."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

from chalicelib.certif.domain.sessions import SESSION_DURATION, TEST_DURATION
from pixcore.errors import Conflict
from pixcore.text import fold

MAX_WRONG_ACCESS_CODES = 5


class CourseStage(StrEnum):
    """What certif knows of the candidate's course; it only moves forward."""

    NONE = "none"
    READY = "ready"
    COMPLETED = "completed"

    @property
    def rank(self) -> int:
        return list(CourseStage).index(self)


class CandidateState(StrEnum):
    """The states the examiner sees, in the order a test day goes."""

    NOT_JOINED = "not_joined"
    WAITING = "waiting_for_authorization"
    AUTHORIZED = "authorized"
    IN_TEST = "in_test"
    END_SCREEN = "end_screen_reached"
    FINISHED = "finished"
    ENDED_BY_EXAMINER = "ended_by_examiner"


STATE_LABELS = {
    CandidateState.NOT_JOINED: "Non connecté",
    CandidateState.WAITING: "En attente d'autorisation",
    CandidateState.AUTHORIZED: "Autorisé à commencer",
    CandidateState.IN_TEST: "En cours de test",
    CandidateState.END_SCREEN: "Écran de fin atteint",
    CandidateState.FINISHED: "Terminé",
    CandidateState.ENDED_BY_EXAMINER: "Test arrêté par le surveillant",
}


@dataclass
class Candidate:
    id: str
    session_id: str
    center_id: str
    student_id: str | None
    first_name: str
    last_name: str
    birthdate: date
    preferred_last_name: str | None = None
    sex: str | None = None
    birth_city: str | None = None
    birth_city_code: str | None = None
    birth_department_code: str | None = None
    birth_country_code: str | None = None
    division: str | None = None
    external_id: str | None = None
    email: str | None = None
    extra_time_percentage: int = 0
    # The test day, kept from certif's own actions and the engine's messages.
    user_id: str | None = None
    joined_at: datetime | None = None
    authorized_at: datetime | None = None
    course_id: str | None = None
    start_requested_at: datetime | None = None
    start_refused: str | None = None
    course_stage: CourseStage = CourseStage.NONE
    course_end: str | None = None
    started_at: datetime | None = None
    deadline: datetime | None = None
    end_screen_confirmed_at: datetime | None = None
    end_screen_seen_at: datetime | None = None
    ended_by_examiner_at: datetime | None = None
    end_reason: str | None = None
    wrong_code_count: int = 0
    version: int = 0
    created_at: datetime | None = field(default=None)

    @property
    def has_joined(self) -> bool:
        return self.joined_at is not None

    @property
    def locked(self) -> bool:
        """Locked after 5 wrong access codes, until the examiner unlocks."""
        return self.wrong_code_count >= MAX_WRONG_ACCESS_CODES

    @property
    def finished_course(self) -> bool:
        return self.course_stage is CourseStage.COMPLETED and self.course_end == "completed"

    @property
    def unfinished_course(self) -> bool:
        """Started but not completed: finalisation asks for an abort reason."""
        return self.course_id is not None and not self.finished_course and self.has_started

    @property
    def has_started(self) -> bool:
        return self.course_stage is not CourseStage.NONE or self.start_requested_at is not None

    @property
    def state(self) -> CandidateState:
        return candidate_state(self)

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def extra_time_label(self) -> str:
        return extra_time_label(self.extra_time_percentage)


def candidate_state(c: Candidate) -> CandidateState:
    """The examiner's view of one candidate, from the most advanced fact known."""
    if c.ended_by_examiner_at or c.course_end == "ended_by_supervisor":
        return CandidateState.ENDED_BY_EXAMINER
    if c.course_stage is CourseStage.COMPLETED:
        if c.end_screen_seen_at or c.end_screen_confirmed_at or c.course_end != "completed":
            return CandidateState.FINISHED
        return CandidateState.END_SCREEN
    if c.course_stage is CourseStage.READY:
        return CandidateState.IN_TEST
    if c.authorized_at:
        return CandidateState.AUTHORIZED
    if c.joined_at:
        return CandidateState.WAITING
    return CandidateState.NOT_JOINED


def check_enrollable(candidates: list[Candidate]) -> None:
    """Candidates are added until the session starts: once one of them started the test."""
    if any(c.has_started for c in candidates):
        raise Conflict(
            "La session a commencé : plus aucun candidat ne peut y être inscrit.",
            code="SESSION_STARTED",
        )


def extra_time_label(percentage: int) -> str:
    """Shown as « 33 % » (French spacing), nothing when there is none."""
    return f"{percentage}\u202f%" if percentage else ""


def person_key(first_name: str, last_name: str, birthdate: date) -> tuple[str, str, date]:
    """Two candidates are the same person when names (folded) and birthdate are equal."""
    return fold(first_name), fold(last_name), birthdate


def duplicates(
    existing: list[Candidate], incoming: list[Candidate]
) -> list[tuple[Candidate, Candidate | None]]:
    """Each incoming candidate who is already in the session (or twice in the selection), with
    the one it duplicates (None when the twin is in the same selection)."""
    seen = {person_key(c.first_name, c.last_name, c.birthdate): c for c in existing}
    existing_ids = {c.id for c in existing}
    found: list[tuple[Candidate, Candidate | None]] = []
    for candidate in incoming:
        key = person_key(candidate.first_name, candidate.last_name, candidate.birthdate)
        if key in seen:
            twin = seen[key]
            found.append((candidate, twin if twin.id in existing_ids else None))
        else:
            seen[key] = candidate
    return found


def matches(candidate: Candidate, first_name: str, last_name: str, birthdate: date) -> bool:
    """Birthdate exact; names compared ignoring case, accents, spaces, hyphens and apostrophes;
    the last name typed may be the birth name or the name in use."""
    if candidate.birthdate != birthdate or fold(first_name) != fold(candidate.first_name):
        return False
    names = {fold(candidate.last_name)}
    if candidate.preferred_last_name:
        names.add(fold(candidate.preferred_last_name))
    return fold(last_name) in names


def candidate_end_time(session_start: datetime, extra_time_percentage: int) -> datetime:
    """The session's 2 h plus the candidate's extra time on the 1 h 45 of test, to the minute
    above (33 % of 105 min = 34.65 min → 35 min)."""
    extra = math.ceil(TEST_DURATION.total_seconds() / 60 * extra_time_percentage / 100 - 1e-9)
    return session_start + SESSION_DURATION + timedelta(minutes=extra)
