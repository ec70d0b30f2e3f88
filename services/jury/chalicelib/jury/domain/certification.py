"""A candidate's certification as the jury holds it: the course, the finalisation, the result and
its history."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from chalicelib.jury.domain.issue_reports import IssueReportState
from chalicelib.jury.domain.scoring import CompetenceScore, Level, ScoredAnswer, Status, score

COMPLETED = "completed"


class Emitter(StrEnum):
    """Who produced a result: the algorithm at completion, the auto-jury, a neutralisation, a
    jury member (named in `by`)."""

    ALGORITHM = "algorithm"
    AUTO_JURY = "auto-jury"
    NEUTRALIZATION = "neutralization"
    JURY = "jury"


@dataclass
class Features:
    has_image: bool = False
    has_embed: bool = False
    has_attachment: bool = False
    timer: int | None = None


@dataclass
class Answer:
    question_number: int
    challenge_id: str
    competence: str
    skill: str
    challenge_type: str
    result: str
    answered: bool = True
    features: Features = field(default_factory=Features)
    neutralized: bool = False

    @property
    def wrong_or_skipped(self) -> bool:
        return self.result != "ok"


_INSEE_COMMUNE = re.compile(r"^(\d[\dAB]|97)\d{3}$")


def birthplace(city: str | None, department: str | None, country: str | None) -> str | None:
    """How a birthplace reads on documents: the city and its department (SIECLE writes « 075 »
    for Paris, shown « 75 »); a French-born student's file has only the commune's INSEE code,
    shown as such; a city abroad with its country; without a city, the country."""
    dept = department.strip().upper() if department else ""
    if len(dept) == 3 and dept.startswith("0"):
        dept = dept[1:]
    place = (city or "").strip()
    if place and _INSEE_COMMUNE.match(place.upper()):
        place = f"commune INSEE {place.upper()}"
    if place and (dept or country):
        return f"{place} ({dept or country})"
    return place or (country or None)


@dataclass
class Identity:
    first_name: str
    last_name: str
    birthdate: date
    birthplace: str | None = None
    sex: str | None = None
    external_id: str | None = None
    division: str | None = None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass
class Result:
    status: Status
    pix: int = 0
    rate: int | None = None
    competences: list[CompetenceScore] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    comment: str | None = None


@dataclass
class HistoryEntry:
    """One step of a certification's life: who, when, what, before → after, and the result."""

    at: datetime
    emitter: Emitter
    action: str
    by: str | None = None
    before: dict[str, Any] = field(default_factory=dict)
    after: dict[str, Any] = field(default_factory=dict)
    result: Result | None = None


@dataclass
class Comments:
    for_candidate: str | None = None
    for_organization: str | None = None
    for_jury: str | None = None


@dataclass
class Certification:
    course_id: str
    session_id: str
    candidate_id: str
    user_id: str
    verification_code: str
    max_level: int
    profile: dict[str, Level] = field(default_factory=dict)
    question_count: int | None = None
    started_at: datetime | None = None
    course_state: str = "started"
    completed_at: datetime | None = None
    completion_occurred_at: datetime | None = None
    answers: list[Answer] = field(default_factory=list)
    center_id: str | None = None
    student_id: str | None = None
    identity: Identity | None = None
    end_screen_seen: bool = False
    abort_reason: str | None = None
    issue_reports: list[IssueReportState] = field(default_factory=list)
    judged: bool = False
    cancelled_by_jury: bool = False
    comments: Comments = field(default_factory=Comments)
    result: Result = field(default_factory=lambda: Result(Status.STARTED))
    history: list[HistoryEntry] = field(default_factory=list)
    version: int = 0

    @property
    def is_completed(self) -> bool:
        """The course is over (engine sent its answers), finished or not."""
        return self.completion_occurred_at is not None

    @property
    def is_unfinished(self) -> bool:
        return self.is_completed and self.course_state != COMPLETED

    def answer(self, question_number: int) -> Answer | None:
        return next((a for a in self.answers if a.question_number == question_number), None)

    def report(self, issue_report_id: str) -> IssueReportState | None:
        return next((r for r in self.issue_reports if r.issue_report_id == issue_report_id), None)


def scored_answers(certification: Certification) -> list[ScoredAnswer]:
    """The course's questions as scoring reads them. A question never answered is wrong (abort
    reason `candidate`, or none given) unless it was neutralised (`technical`, or by the jury)."""
    return [
        ScoredAnswer(a.question_number, a.competence, a.challenge_type, a.result, a.neutralized)
        for a in certification.answers
    ]


def compute_result(certification: Certification) -> Result:
    """The latest result: a jury cancellation wins, otherwise DOMAIN.md's scoring."""
    if certification.cancelled_by_jury:
        return Result(Status.CANCELLED, comment=certification.comments.for_candidate)
    if not certification.is_completed:
        return Result(Status.STARTED)
    found = score(scored_answers(certification), certification.profile, certification.max_level)
    errors = list(found.errors)
    if certification.question_count not in (None, len(certification.answers)):
        errors.append("QUESTION_COUNT_MISMATCH")
    if errors:
        return Result(Status.ERROR, errors=errors)
    return Result(found.status, found.pix, found.rate, list(found.competences), [], found.comment)


def rescore(
    certification: Certification,
    at: datetime,
    emitter: Emitter,
    action: str,
    by: str | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> HistoryEntry:
    """Scores again and keeps the new result in the history (every result is kept; the latest
    counts)."""
    certification.result = compute_result(certification)
    entry = HistoryEntry(at, emitter, action, by, before or {}, after or {}, certification.result)
    certification.history.append(entry)
    return entry


def note(
    certification: Certification,
    at: datetime,
    action: str,
    by: str | None,
    before: dict[str, Any],
    after: dict[str, Any],
) -> HistoryEntry:
    """An action that changes no score (a comment, an identity, a resolution) in the history."""
    entry = HistoryEntry(at, Emitter.JURY, action, by, before, after, None)
    certification.history.append(entry)
    return entry
