"""Jury's HTTP request and response schemas (they also generate the OpenAPI document)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from pixcore.schemas import Birthdate, Body, Identifier, Label, Name, Text


class Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


# Requests


class SessionsQuery(BaseModel):
    status: Literal["waiting", "needs_action", "to_publish", "published"] | None = None
    assigned: Literal["me"] | None = None
    limit: int = Field(default=20, ge=1, le=100)
    cursor: str | None = Field(default=None, max_length=2000)


class VersionBody(Body):
    version: int = Field(ge=0, description="La version de la certification que vous avez lue.")


class QuestionBody(VersionBody):
    question_number: int = Field(ge=1, le=100)


class ResolveBody(VersionBody):
    certification_id: Identifier
    comment: Text = Field(min_length=1, max_length=2000)


class CertificationPatch(VersionBody):
    first_name: Name | None = None
    last_name: Name | None = None
    birthdate: Birthdate | None = None
    birthplace: Label | None = None
    comment_for_candidate: Text | None = Field(default=None, max_length=2000)
    comment_for_organization: Text | None = Field(default=None, max_length=2000)
    comment_for_jury: Text | None = Field(default=None, max_length=2000)


class BatchPublishBody(Body):
    session_ids: list[Identifier] = Field(min_length=1, max_length=100)


class DivisionQuery(BaseModel):
    division: str | None = Field(default=None, max_length=64)


class StatsQuery(BaseModel):
    academie: str | None = Field(default=None, max_length=100)


# Responses


class CompetenceScoreOut(Out):
    competence: str
    level: int
    pix: int


class ResultOut(Out):
    status: str
    pix: int
    rate: int | None
    competences: list[CompetenceScoreOut]
    errors: list[str]
    comment: str | None


class FeaturesOut(Out):
    has_image: bool
    has_embed: bool
    has_attachment: bool
    timer: int | None


class AnswerOut(Out):
    question_number: int
    challenge_id: str
    competence: str
    skill: str
    challenge_type: str
    result: str
    answered: bool
    neutralized: bool
    features: FeaturesOut


class IdentityOut(Out):
    first_name: str
    last_name: str
    birthdate: date
    birthplace: str | None
    external_id: str | None
    division: str | None


class IssueReportOut(Out):
    issue_report_id: str
    category: str
    subcategory: str | None
    code: str
    description: str | None
    question_number: int | None
    resolved: bool
    resolution: str | None
    resolved_by: str | None
    is_impactful: bool


class CommentsOut(Out):
    for_candidate: str | None
    for_organization: str | None
    for_jury: str | None


class CertificationOut(Out):
    course_id: str
    session_id: str
    candidate_id: str
    user_id: str
    verification_code: str
    version: int
    max_level: int
    course_state: str
    identity: IdentityOut | None
    end_screen_seen: bool
    abort_reason: str | None
    cancelled_by_jury: bool
    result: ResultOut
    comments: CommentsOut
    issue_reports: list[IssueReportOut]
    answers: list[AnswerOut]


class HistoryEntryOut(Out):
    at: datetime
    emitter: str
    action: str
    by: str | None
    before: dict[str, object]
    after: dict[str, object]
    result: ResultOut | None


class HistoryOut(Out):
    course_id: str
    version: int
    history: list[HistoryEntryOut]


class SessionOut(Out):
    session_id: str
    center_id: str
    center_name: str
    session_date: date | None
    examiners: str
    comment: str | None
    finalized_at: datetime | None
    state: str
    reasons: list[str]
    assigned_to: str | None
    published_at: datetime | None
    missing_courses: list[str]
    version: int


class SessionListOut(Out):
    sessions: list[SessionOut]
    next_cursor: str | None


class SessionDetailOut(Out):
    session: SessionOut
    certifications: list[CertificationOut]


class BatchOutcomeOut(Out):
    session_id: str
    published: bool
    code: str | None
    message: str | None


class BatchOut(Out):
    results: list[BatchOutcomeOut]


class OwnCertificationOut(Out):
    course_id: str
    session_id: str
    center_name: str
    session_date: date | None
    published_at: datetime | None
    status: str
    pix: int
    competences: list[CompetenceScoreOut]
    comment_for_candidate: str | None
    verification_code: str | None
    attestation_available: bool


class OwnCertificationsOut(Out):
    certifications: list[OwnCertificationOut]


class VerifiedCompetenceOut(Out):
    competence: str
    level: int


class VerificationOut(Out):
    verification_code: str
    full_name: str
    birthdate: str
    birthplace: str | None
    center_name: str
    taken_on: str
    delivered_on: str
    pix: int
    max_level: int
    competences: list[VerifiedCompetenceOut]


class DocumentCheckOut(Out):
    signed: bool
    ours: bool
    intact: bool
    whole_document: bool
    signer: str | None
    signed_at: datetime | None


class DocumentVerdictOut(Out):
    authentic: bool
    check: DocumentCheckOut
    certificates: list[VerificationOut]


class FiguresOut(Out):
    schools: int
    certification_centers: int
    schools_with_sessions: int
    sessions_created: int
    sessions_finalized: int
    candidates_enrolled: int
    candidates_took_part: int
    certified: int
    schools_with_active_students: int


class WeekFiguresOut(Out):
    sessions_created: int
    sessions_finalized: int
    candidates_enrolled: int
    certified: int


class WeekOut(Out):
    week: str = Field(description="Semaine ISO, par ex. « 2027-W11 » (dates à Paris)")
    week_start: date = Field(description="Le lundi de la semaine")
    by_sector: dict[str, WeekFiguresOut]
    total: WeekFiguresOut


class StatsOut(Out):
    academie: str | None
    by_sector: dict[str, FiguresOut]
    total: FiguresOut
    weeks: list[WeekOut] = Field(
        description="La saison semaine par semaine, de la première semaine où quelque chose a "
        "été compté à la dernière ; une semaine sans rien y figure avec des zéros"
    )
