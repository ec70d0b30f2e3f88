"""Every message of pixcert, with its payload and the services that consume it."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar, Literal

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


class StudentLine(_Part):
    """One JSON line of the active student list a `StudentsImported` message points to."""

    id: str
    ine: str
    last_name: str
    preferred_last_name: str | None = None
    first_name: str
    birthdate: date
    sex: str | None = None
    division: str | None = None
    birth_country_code: str | None = None
    birth_department_code: str | None = None
    birth_city_code: str | None = None
    birth_city: str | None = None
    mef_code: str | None = None


class StudentImportRequested(Message):
    """Orga to itself: run the import job of a stored student file (through the queue, retried)."""

    TYPE = "StudentImportRequested"
    organization_id: str
    import_id: str
    bucket: str
    key: str
    file_kind: str


class StudentListRetired(Message):
    """Orga to itself: a school's student list that is no longer current (replaced by a newer
    import, or left half-written by a failed one) can be deleted."""

    TYPE = "StudentListRetired"
    organization_id: str
    generation: str


class LearnerReconciled(Message):
    TYPE = "LearnerReconciled"
    organization_id: str
    student_id: str
    user_id: str


CampaignType = Literal["ASSESSMENT", "PROFILES_COLLECTION"]


class CampaignCreated(Message):
    """A campaign exists: engine starts assessments only for its joined participants."""

    TYPE = "CampaignCreated"
    campaign_id: str
    code: str
    organization_id: str
    campaign_type: CampaignType
    target_skill_ids: list[str] = []
    created_at: datetime


class CampaignArchived(Message):
    TYPE = "CampaignArchived"
    campaign_id: str
    code: str
    archived_at: datetime


class CampaignJoined(Message):
    """A reconciled student joined a campaign: engine may start its assessment for that user."""

    TYPE = "CampaignJoined"
    campaign_id: str
    code: str
    organization_id: str
    student_id: str
    user_id: str
    joined_at: datetime


class ProfileShareRequested(Message):
    """The student pressed « Envoyer mon profil »: engine answers with the profile as of now."""

    TYPE = "ProfileShareRequested"
    campaign_id: str
    code: str
    user_id: str
    requested_at: datetime


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


class ProfileShared(Message):
    """The snapshot engine took for a share request; for an assessment campaign, the mastery of
    its target skills too."""

    TYPE = "ProfileShared"
    campaign_id: str
    code: str
    user_id: str
    competences: list[CompetenceMark]
    total_pix: int
    certifiable: bool
    as_of: datetime
    target_skill_count: int | None = None
    validated_target_skill_count: int | None = None
    mastery_percentage: int | None = None


class AssessmentCompleted(Message):
    """Engine to itself: archive a finished assessment's history, then publish the profile."""

    TYPE = "AssessmentCompleted"
    user_id: str
    assessment_id: str
    completed_at: datetime


class CertificationCourseEnded(Message):
    """Engine to itself: a course's end is saved (its last answer, its clock run out); the
    consumer sends `CertificationCompleted` with every answer, off the candidate's request."""

    TYPE = "CertificationCourseEnded"
    course_id: str


class CertificationStartRequested(Message):
    """Certif to engine: create (or find again) the course of an authorised candidate. The same
    course id comes back after a disconnection: engine answers it with the same course."""

    TYPE = "CertificationStartRequested"
    course_id: str
    session_id: str
    center_id: str
    candidate_id: str
    user_id: str
    extra_time_percentage: int = 0
    session_date: date
    window_starts_at: datetime


class CertificationStartRefused(Message):
    """Engine could not create the course (e.g. `NOT_CERTIFIABLE`): certif shows the candidate why,
    jury stops waiting for that course before judging the session."""

    TYPE = "CertificationStartRefused"
    course_id: str
    session_id: str
    candidate_id: str
    user_id: str
    code: str
    message: str


class ChallengeFeatures(_Part):
    has_image: bool = False
    has_embed: bool = False
    has_attachment: bool = False
    timer: int | None = None


AnswerResultValue = Literal["ok", "ko", "partially", "aband", "timedout"]


class CertificationAnswer(_Part):
    """One question of a course as the jury scores it; `question_number` is its 1-based place in
    the test (issue reports name it). A question never answered is sent with result `aband` and
    `answered: false`."""

    question_number: int
    challenge_id: str
    competence: str
    skill: str
    challenge_type: str
    result: AnswerResultValue
    answered: bool = True
    value: str | None = None
    answered_at: datetime | None = None
    time_spent_seconds: float | None = None
    features: ChallengeFeatures = ChallengeFeatures()


class CertificationCourseReady(Message):
    """The course exists and the clock runs: `deadline` = start + 105 min × (1 + extra time)."""

    TYPE = "CertificationCourseReady"
    course_id: str
    session_id: str
    candidate_id: str
    user_id: str
    verification_code: str
    max_level: int
    question_count: int
    profile: list[CompetenceMark]
    started_at: datetime | None = None
    deadline: datetime | None = None
    extra_time_percentage: int = 0


# `completed`: the end screen was reached (every question answered or skipped, or time ran out);
# the other two are unfinished courses, ended by the examiner or by the session's finalisation.
CourseEnd = Literal["completed", "ended_by_supervisor", "ended_due_to_finalization"]


class CertificationCompleted(Message):
    """A course is over, with every question of it (unanswered ones included)."""

    TYPE = "CertificationCompleted"
    course_id: str
    session_id: str
    candidate_id: str
    user_id: str
    verification_code: str
    max_level: int
    state: CourseEnd
    started_at: datetime
    completed_at: datetime | None = None
    timed_out: bool = False
    end_reason: str | None = None
    profile: list[CompetenceMark]
    answers: list[CertificationAnswer]


class CertificationEndScreenConfirmed(Message):
    """The candidate ticked « Le surveillant a bien vu cet écran »."""

    TYPE = "CertificationEndScreenConfirmed"
    course_id: str
    session_id: str
    candidate_id: str
    confirmed_at: datetime


class CertificationEndRequested(Message):
    """Certif to engine: the examiner ended a candidate's test, with a reason."""

    TYPE = "CertificationEndRequested"
    course_id: str
    session_id: str
    candidate_id: str
    reason: str
    requested_at: datetime


SessionStatus = Literal["created", "finalized", "in_process", "processed"]


class SessionUpdated(Message):
    """Certif to jury, on every change of a session's schedule or enrolment (counters of the
    académie figures); `revision` orders them, a deleted session says so."""

    TYPE = "SessionUpdated"
    session_id: str
    center_id: str
    session_date: date
    status: SessionStatus
    candidate_count: int
    deleted: bool = False
    revision: int


class IssueReport(_Part):
    """A report of the finalisation, with certif's taxonomy keys (certif/domain/issue_reports.py):
    CANDIDATE_INFORMATION_CHANGES (NAME_OR_BIRTHDATE C1, EXTRA_TIME_PERCENTAGE C2),
    LATE_OR_LEAVING (LEFT_EXAM_ROOM C3; SIGNATURE_ISSUE, LATE, LEFT_TEMPORARILY C4),
    CONNECTION_OR_END_SCREEN (C5), FRAUD (C6), IN_CHALLENGE with `question_number`
    (IMAGE_NOT_DISPLAYING E1, LINK_NOT_WORKING E2, EMBED_NOT_WORKING E3, FILE_NOT_OPENING E4,
    WEBSITE_UNAVAILABLE E5, WEBSITE_BLOCKED E6, EXTRA_TIME_EXCEEDED E7, SOFTWARE_NOT_WORKING
    E8), TECHNICAL_PROBLEM (A1), OTHER (A2, with a description)."""

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
    sex: str | None = None
    birth_city: str | None = None
    birth_department_code: str | None = None
    birth_country: str | None = None
    division: str | None = None
    external_id: str | None = None
    extra_time_percentage: int = 0
    end_screen_seen: bool = False
    abort_reason: Literal["candidate", "technical"] | None = None
    issue_reports: list[IssueReport] = []


class SessionFinalized(Message):
    TYPE = "SessionFinalized"
    session_id: str
    center_id: str
    center_name: str
    session_date: date
    examiners: str
    finalized_at: datetime | None = None
    comment: str | None = None
    documents: list[str] = []
    candidates: list[FinalizedCandidate]


class SessionStatusChanged(Message):
    """Jury to certif: a jury member took the session (`in_process`) or published it
    (`processed`); a status never goes back, so an older message changes nothing."""

    TYPE = "SessionStatusChanged"
    session_id: str
    status: Literal["in_process", "processed"]
    changed_at: datetime


CertificationStatus = Literal["started", "validated", "rejected", "cancelled", "error"]


class PublishedResult(_Part):
    course_id: str
    candidate_id: str
    student_id: str | None = None
    user_id: str | None = None
    status: CertificationStatus
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


ErasureScope = Literal["student", "account"]


class StudentRef(_Part):
    organization_id: str
    student_id: str


class LearnerErasureRequested(Message):
    """Orga to every other service: forget a learner. `student`: a school erased its student
    record (what is held about them as that school's student); `account`: the jury erased the
    account, on the family's request (everything, every school). Ids only: no name travels."""

    TYPE = "LearnerErasureRequested"
    erasure_id: str
    scope: ErasureScope
    students: list[StudentRef] = []
    user_id: str | None = None
    campaign_codes: list[str] = []
    requested_at: datetime


ErasureAction = Literal["deleted", "anonymised", "kept"]


class ErasureLine(_Part):
    """What a service did with one kind of copy: `kept` says why (French) and until when."""

    what: str
    action: ErasureAction
    count: int
    reason: str | None = None
    until: date | None = None


class LearnerErased(Message):
    """A service's report of an erasure (one message class per service: each has one producer)."""

    TYPE = ""
    SERVICE: ClassVar[str] = ""
    erasure_id: str
    lines: list[ErasureLine]
    erased_at: datetime


class LearnerErasedByCertif(LearnerErased):
    TYPE = "LearnerErasedByCertif"
    SERVICE = "certif"


class LearnerErasedByEngine(LearnerErased):
    TYPE = "LearnerErasedByEngine"
    SERVICE = "engine"


class LearnerErasedByJury(LearnerErased):
    TYPE = "LearnerErasedByJury"
    SERVICE = "jury"


class LearnerDataRequested(Message):
    """Orga to every other service: gather what you hold about this learner for their export."""

    TYPE = "LearnerDataRequested"
    export_id: str
    scope: ErasureScope = "account"
    students: list[StudentRef] = []
    user_id: str | None = None
    campaign_codes: list[str] = []
    requested_at: datetime


class ExportedDocument(_Part):
    """A PDF of the learner's in the contributing service's bucket, copied into the archive."""

    bucket: str
    key: str
    name: str


class LearnerDataGathered(Message):
    """A service's part of an export: its items as JSON (a claim check carries a big one) and
    the documents to add (one message class per service)."""

    TYPE = ""
    SERVICE: ClassVar[str] = ""
    export_id: str
    data: dict[str, list[dict[str, Any]]]
    documents: list[ExportedDocument] = []
    gathered_at: datetime


class LearnerDataGatheredByCertif(LearnerDataGathered):
    TYPE = "LearnerDataGatheredByCertif"
    SERVICE = "certif"


class LearnerDataGatheredByEngine(LearnerDataGathered):
    TYPE = "LearnerDataGatheredByEngine"
    SERVICE = "engine"


class LearnerDataGatheredByJury(LearnerDataGathered):
    TYPE = "LearnerDataGatheredByJury"
    SERVICE = "jury"


ERASED_BY: dict[str, type[LearnerErased]] = {
    c.SERVICE: c for c in (LearnerErasedByCertif, LearnerErasedByEngine, LearnerErasedByJury)
}
GATHERED_BY: dict[str, type[LearnerDataGathered]] = {
    c.SERVICE: c
    for c in (LearnerDataGatheredByCertif, LearnerDataGatheredByEngine, LearnerDataGatheredByJury)
}


CATALOG: dict[str, type[Message]] = {
    cls.TYPE: cls
    for cls in (
        OrganizationRegistered,
        MembershipChanged,
        StudentsImported,
        StudentImportRequested,
        StudentListRetired,
        LearnerReconciled,
        CampaignCreated,
        CampaignArchived,
        CampaignJoined,
        ProfileShareRequested,
        ProfileUpdated,
        ProfileShared,
        AssessmentCompleted,
        CertificationCourseEnded,
        CertificationStartRequested,
        CertificationStartRefused,
        CertificationCourseReady,
        CertificationCompleted,
        CertificationEndScreenConfirmed,
        CertificationEndRequested,
        SessionUpdated,
        SessionFinalized,
        SessionStatusChanged,
        SessionPublished,
    )
}
# A learner's erasure and export (PRIVACY.md): a request to every service, one answer each.
_PRIVACY: list[type[Message]] = [
    LearnerErasureRequested,
    *ERASED_BY.values(),
    LearnerDataRequested,
    *GATHERED_BY.values(),
]
CATALOG.update({cls.TYPE: cls for cls in _PRIVACY})

CONSUMERS: dict[str, tuple[str, ...]] = {
    "OrganizationRegistered": ("certif", "jury"),
    "MembershipChanged": ("certif", "jury"),
    "StudentsImported": ("certif",),
    "StudentImportRequested": ("orga",),
    "StudentListRetired": ("orga",),
    "LearnerReconciled": ("engine", "certif", "jury"),
    "CampaignCreated": ("engine", "jury"),
    "CampaignArchived": ("engine",),
    "CampaignJoined": ("engine",),
    "ProfileShareRequested": ("engine",),
    "ProfileUpdated": ("orga", "certif"),
    "ProfileShared": ("orga",),
    "AssessmentCompleted": ("engine",),
    "CertificationCourseEnded": ("engine",),
    "CertificationStartRequested": ("engine",),
    "CertificationStartRefused": ("certif", "jury"),
    "CertificationCourseReady": ("certif", "jury"),
    "CertificationCompleted": ("certif", "jury"),
    "CertificationEndScreenConfirmed": ("certif",),
    "CertificationEndRequested": ("engine",),
    "SessionUpdated": ("jury",),
    "SessionFinalized": ("engine", "jury"),
    "SessionStatusChanged": ("certif",),
    "SessionPublished": ("orga", "engine"),
    "LearnerErasureRequested": ("certif", "engine", "jury"),
    "LearnerErasedByCertif": ("orga",),
    "LearnerErasedByEngine": ("orga",),
    "LearnerErasedByJury": ("orga",),
    "LearnerDataRequested": ("certif", "engine", "jury"),
    "LearnerDataGatheredByCertif": ("orga",),
    "LearnerDataGatheredByEngine": ("orga",),
    "LearnerDataGatheredByJury": ("orga",),
}

# Who publishes each message: with CONSUMERS, the queues (and claim checks) a service may write
# to, which its IAM policy grants and nothing more (infra/iam.py).
PRODUCERS: dict[str, str] = {
    "OrganizationRegistered": "orga",
    "MembershipChanged": "orga",
    "StudentsImported": "orga",
    "StudentImportRequested": "orga",
    "StudentListRetired": "orga",
    "LearnerReconciled": "orga",
    "CampaignCreated": "orga",
    "CampaignArchived": "orga",
    "CampaignJoined": "orga",
    "ProfileShareRequested": "orga",
    "ProfileUpdated": "engine",
    "ProfileShared": "engine",
    "AssessmentCompleted": "engine",
    "CertificationCourseEnded": "engine",
    "CertificationStartRequested": "certif",
    "CertificationStartRefused": "engine",
    "CertificationCourseReady": "engine",
    "CertificationCompleted": "engine",
    "CertificationEndScreenConfirmed": "engine",
    "CertificationEndRequested": "certif",
    "SessionUpdated": "certif",
    "SessionFinalized": "certif",
    "SessionStatusChanged": "jury",
    "SessionPublished": "jury",
    "LearnerErasureRequested": "orga",
    "LearnerErasedByCertif": "certif",
    "LearnerErasedByEngine": "engine",
    "LearnerErasedByJury": "jury",
    "LearnerDataRequested": "orga",
    "LearnerDataGatheredByCertif": "certif",
    "LearnerDataGatheredByEngine": "engine",
    "LearnerDataGatheredByJury": "jury",
}


def consumers_of(message_type: str) -> tuple[str, ...]:
    return CONSUMERS.get(message_type, ())
