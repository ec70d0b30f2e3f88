"""Every message of pixcert, with its payload and the services that consume it."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict

from pixcore.messages.base import Message


class _Part(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


class Member(_Part):
    user_id: str
    role: str


class OrganizationRegistered(Message):
    TYPE = "OrganizationRegistered"
    organization_id: str
    uai: str
    name: str
    organization_type: str
    sector: str
    academie: str
    is_certification_center: bool
    members: list[Member] = []


class MembershipChanged(Message):
    TYPE = "MembershipChanged"
    organization_id: str
    members: list[Member]


class StudentsImported(Message):
    """The active student list is in S3 (claim check): too big for a queue message."""

    TYPE = "StudentsImported"
    organization_id: str
    import_id: str
    students_bucket: str
    students_key: str
    active_count: int
    disabled_student_ids: list[str] = []


class StudentImportRequested(Message):
    """Orga to itself: run the import job of a stored student file (through the queue, retried)."""

    TYPE = "StudentImportRequested"
    organization_id: str
    import_id: str
    bucket: str
    key: str
    file_kind: str


class LearnerReconciled(Message):
    TYPE = "LearnerReconciled"
    organization_id: str
    student_id: str
    user_id: str


class CompetenceMark(_Part):
    competence: str
    level: int
    pix: int


class ProfileUpdated(Message):
    TYPE = "ProfileUpdated"
    user_id: str
    competences: list[CompetenceMark]
    total_pix: int
    certifiable: bool
    as_of: datetime


class AssessmentCompleted(Message):
    """Engine to itself: archive a finished assessment's history, then publish the profile."""

    TYPE = "AssessmentCompleted"
    user_id: str
    assessment_id: str
    completed_at: datetime


class CertificationStartRequested(Message):
    TYPE = "CertificationStartRequested"
    course_id: str
    session_id: str
    center_id: str
    candidate_id: str
    user_id: str
    extra_time_percentage: int = 0
    session_date: date
    window_starts_at: datetime


class ChallengeFeatures(_Part):
    has_image: bool = False
    has_embed: bool = False
    has_attachment: bool = False
    timer: int | None = None


class CertificationAnswer(_Part):
    challenge_id: str
    competence: str
    skill: str
    challenge_type: str
    result: str
    answered_at: datetime | None = None
    time_spent_seconds: float | None = None
    features: ChallengeFeatures = ChallengeFeatures()


class CertificationCourseReady(Message):
    TYPE = "CertificationCourseReady"
    course_id: str
    session_id: str
    candidate_id: str
    user_id: str
    verification_code: str
    max_level: int
    question_count: int
    profile: list[CompetenceMark]


class CertificationCompleted(Message):
    TYPE = "CertificationCompleted"
    course_id: str
    session_id: str
    candidate_id: str
    user_id: str
    verification_code: str
    max_level: int
    state: str
    started_at: datetime
    completed_at: datetime | None = None
    profile: list[CompetenceMark]
    answers: list[CertificationAnswer]


class IssueReport(_Part):
    issue_report_id: str
    category: str
    subcategory: str | None = None
    code: str
    description: str | None = None
    question_number: int | None = None


class FinalizedCandidate(_Part):
    candidate_id: str
    student_id: str | None = None
    user_id: str | None = None
    course_id: str | None = None
    first_name: str
    last_name: str
    birthdate: date
    birth_city: str | None = None
    birth_country: str | None = None
    external_id: str | None = None
    extra_time_percentage: int = 0
    end_screen_seen: bool = False
    abort_reason: str | None = None
    issue_reports: list[IssueReport] = []


class SessionFinalized(Message):
    TYPE = "SessionFinalized"
    session_id: str
    center_id: str
    center_name: str
    session_date: date
    examiners: str
    comment: str | None = None
    documents: list[str] = []
    candidates: list[FinalizedCandidate]


class PublishedResult(_Part):
    course_id: str
    candidate_id: str
    student_id: str | None = None
    user_id: str | None = None
    status: str
    pix: int
    competences: list[CompetenceMark]
    verification_code: str
    attestation_key: str | None = None
    comment_for_organization: str | None = None
    first_name: str
    last_name: str
    birthdate: date
    birthplace: str | None = None
    external_id: str | None = None


class SessionPublished(Message):
    TYPE = "SessionPublished"
    session_id: str
    center_id: str
    center_name: str
    session_date: date
    published_at: datetime
    results: list[PublishedResult]


CATALOG: dict[str, type[Message]] = {
    cls.TYPE: cls
    for cls in (
        OrganizationRegistered,
        MembershipChanged,
        StudentsImported,
        StudentImportRequested,
        LearnerReconciled,
        ProfileUpdated,
        AssessmentCompleted,
        CertificationStartRequested,
        CertificationCourseReady,
        CertificationCompleted,
        SessionFinalized,
        SessionPublished,
    )
}

CONSUMERS: dict[str, tuple[str, ...]] = {
    "OrganizationRegistered": ("certif", "jury"),
    "MembershipChanged": ("certif", "jury"),
    "StudentsImported": ("certif",),
    "StudentImportRequested": ("orga",),
    "LearnerReconciled": ("engine", "certif"),
    "ProfileUpdated": ("orga", "certif"),
    "AssessmentCompleted": ("engine",),
    "CertificationStartRequested": ("engine",),
    "CertificationCourseReady": ("certif", "jury"),
    "CertificationCompleted": ("certif", "jury"),
    "SessionFinalized": ("engine", "jury"),
    "SessionPublished": ("orga", "engine"),
}


def consumers_of(message_type: str) -> tuple[str, ...]:
    return CONSUMERS.get(message_type, ())
