"""A finalised session as the jury handles it: who was there, which courses are known, where the
review stands."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from chalicelib.jury.domain.certification import Identity
from chalicelib.jury.domain.issue_reports import IssueReportState


class SessionState(StrEnum):
    """`waiting`: some joined candidate's course is not known yet; `needs_action`: a report or a
    result waits for a person; `to_publish`: nothing left but publishing; `published`."""

    WAITING = "waiting"
    NEEDS_ACTION = "needs_action"
    TO_PUBLISH = "to_publish"
    PUBLISHED = "published"


@dataclass
class SessionCandidate:
    candidate_id: str
    identity: Identity
    course_id: str | None = None
    student_id: str | None = None
    user_id: str | None = None
    end_screen_seen: bool = False
    abort_reason: str | None = None
    extra_time_percentage: int = 0
    issue_reports: list[IssueReportState] = field(default_factory=list)


@dataclass
class JurySession:
    session_id: str
    center_id: str = ""
    center_name: str = ""
    session_date: date | None = None
    examiners: str = ""
    comment: str | None = None
    finalized: bool = False
    finalized_at: datetime | None = None
    candidates: list[SessionCandidate] = field(default_factory=list)
    completed_courses: set[str] = field(default_factory=set)
    # Courses engine refused to create (e.g. not certifiable): known, with nothing to score.
    refused_courses: set[str] = field(default_factory=set)
    state: SessionState = SessionState.WAITING
    reasons: list[str] = field(default_factory=list)
    assigned_to: str | None = None
    published_at: datetime | None = None
    notified: bool = False
    version: int = 0

    @property
    def course_ids(self) -> list[str]:
        return [c.course_id for c in self.candidates if c.course_id]

    @property
    def missing_courses(self) -> list[str]:
        known = self.completed_courses | self.refused_courses
        return [c for c in self.course_ids if c not in known]

    def can_be_judged(self) -> bool:
        """A session is scored once it is finalised and every joined candidate's course is known."""
        return self.finalized and self.state is SessionState.WAITING and not self.missing_courses

    def candidate_of(self, course_id: str) -> SessionCandidate | None:
        return next((c for c in self.candidates if c.course_id == course_id), None)

    @property
    def is_published(self) -> bool:
        return self.state is SessionState.PUBLISHED
