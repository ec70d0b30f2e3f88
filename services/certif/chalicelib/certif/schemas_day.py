"""Certif's HTTP schemas for the test day and after: joining, starting, the examiner's space,
finalisation."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from chalicelib.certif.domain.candidates import CandidateState
from chalicelib.certif.domain.sessions import SessionStatus
from chalicelib.certif.schemas import Out
from pixcore.schemas import Birthdate, Body, Identifier, Label, Name, Text


class JoinRequest(Body):
    first_name: Name
    last_name: Name
    birthdate: Birthdate


class SeatOut(Out):
    """The candidate's own place in the session."""

    id: str
    session_id: str
    state: CandidateState
    state_label: str
    authorized_at: dt.datetime | None
    course_id: str | None
    locked: bool
    start_refused: str | None


class StartRequest(Body):
    access_code: str = Field(min_length=1, max_length=20)


class StartOut(Out):
    course_id: str
    candidate_id: str
    session_id: str


class SuperviseRequest(Body):
    examiner_password: str = Field(min_length=1, max_length=20)


class ExaminerTokenOut(Out):
    access_token: str
    token_type: str
    expires_in: int
    session_id: str


class SupervisedSessionOut(Out):
    id: str
    date: dt.date
    time: dt.time
    address: str
    room: str
    examiner: str
    status: SessionStatus


class SupervisedCandidateOut(Out):
    id: str
    first_name: str
    last_name: str
    birthdate: dt.date
    extra_time_label: str
    state: CandidateState
    state_label: str
    locked: bool
    wrong_code_count: int
    course_id: str | None
    started_at: dt.datetime | None
    deadline: dt.datetime | None
    end_screen_seen_at: dt.datetime | None
    end_reason: str | None


class SupervisionOut(Out):
    session: SupervisedSessionOut
    candidates: list[SupervisedCandidateOut]


class EndTestRequest(Body):
    reason: Text = Field(min_length=1, max_length=500)


class IssueReportIn(Body):
    category: str = Field(max_length=64)
    subcategory: str | None = Field(default=None, max_length=64)
    description: Text | None = Field(default=None, max_length=1000)
    question_number: int | None = Field(default=None, ge=1, le=100)


class CandidateClosingIn(Body):
    candidate_id: Identifier
    end_screen_seen: bool = False
    abort_reason: Literal["candidate", "technical"] | None = None
    issue_reports: list[IssueReportIn] = Field(default=[], max_length=20)


class FinalizationRequest(Body):
    candidates: list[CandidateClosingIn] = Field(default=[], max_length=500)
    has_incident: bool = Field(
        default=False,
        description="« Signaler un incident » (sinon « La session s'est bien passée »)",
    )
    comment: Text | None = None


class IssueReportOut(Out):
    id: str
    category: str
    subcategory: str | None
    code: str
    description: str | None
    question_number: int | None


class CandidateClosingOut(Out):
    candidate_id: str
    first_name: str
    last_name: str
    state: CandidateState
    unfinished: bool
    end_screen_seen: bool
    abort_reason: Literal["candidate", "technical"] | None
    issue_reports: list[IssueReportOut]


class DocumentOut(Out):
    id: str
    filename: str
    size: int
    uploaded_at: dt.datetime


class DocumentQuery(Body):
    filename: Label = "document.pdf"


class FinalizationOut(Out):
    session_id: str
    status: SessionStatus
    has_incident: bool
    comment: str | None
    saved_at: dt.datetime | None
    documents: list[DocumentOut]
    candidates: list[CandidateClosingOut]


class FinalizedOut(Out):
    id: str
    status: SessionStatus
    finalized_at: dt.datetime | None
