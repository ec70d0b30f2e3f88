"""What engine's use cases need from the outside world."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from chalicelib.engine.domain.assessment import Assessment, Knowledge
from chalicelib.engine.domain.campaigns import Campaign
from chalicelib.engine.domain.content import LearningContent
from chalicelib.engine.domain.course import CertificationCourse, CourseRefusal
from chalicelib.engine.domain.course_clock import TEST_DURATION
from chalicelib.engine.domain.knowledge import KnowledgeElement
from pixcore.clock import Clock
from pixcore.ports import DocumentStore, Publisher


class LearnerLinks(Protocol):
    def link(self, user_id: str, organization_id: str, student_id: str, at: datetime) -> None:
        """The account is that school's student as of `at`; an older link never replaces a
        newer one of the same school, the same one again changes nothing."""

    def students_of(self, user_id: str) -> dict[str, str]:
        """Organization id → student id, for every school the account was linked in."""
        ...


class CampaignDirectory(Protocol):
    """Orga's campaigns, fed by their messages: each fact is kept once, whatever the order."""

    def record_created(self, campaign: Campaign) -> None:
        """The campaign's creation (type, school, targets); the same again changes nothing, and
        an archive recorded earlier stays."""

    def record_archived(self, code: str, at: datetime) -> None:
        """The first archive of the campaign is kept, even before its creation is known."""

    def record_joined(self, code: str, user_id: str, at: datetime) -> None:
        """The account joined the campaign (idempotent)."""

    def find(self, code: str) -> Campaign | None:
        """None when no fact of the campaign arrived yet."""
        ...

    def has_joined(self, code: str, user_id: str) -> bool: ...


class LearnerData(Protocol):
    """Everything engine holds about an account, for its export and its erasure."""

    def gather(self, user_id: str, codes: list[str]) -> dict[str, list[dict[str, object]]]: ...

    def erase(
        self, user_id: str, organization_ids: set[str] | None, codes: list[str]
    ) -> dict[str, int]:
        """`organization_ids` None: the whole account; else only its ties to those schools.
        Counts by kind; what is already gone counts nothing. Certification courses stay."""
        ...

    def certification_courses(self, user_id: str) -> int:
        """How many certification courses the account took (kept: the exam's record)."""
        ...


@dataclass(frozen=True)
class AnswerRecord:
    """One answer kept for history: the value given and the knowledge elements it created."""

    assessment_id: str
    user_id: str
    challenge_id: str
    value: Any
    result: str
    elapsed_seconds: float | None
    answered_at: datetime
    knowledge_elements: tuple[KnowledgeElement, ...]


@dataclass(frozen=True)
class PendingCompletion:
    """A completed assessment whose history still waits in the learner's state."""

    assessment_id: str
    completed_at: datetime | None


@dataclass(frozen=True)
class Slot:
    """What a learner's slot (`Assessment.slot`) holds, as read at `version` of the learner's
    state (0: the learner has none yet)."""

    assessment: Assessment | None
    version: int


class AssessmentStore(Protocol):
    """Assessments and knowledge in one state per learner, whose version moves on with every
    write (`Knowledge.version` is the version it was read at). `load` is one read,
    `record_answer` one write. A completed assessment's history waits in the learner's state
    until `archive` writes it out and `forget_archived` lets it go."""

    def get(self, assessment_id: str, user_id: str) -> Assessment:
        """The learner's assessment, or the last snapshot of one that is not theirs or no longer
        in their state; NotFound(ASSESSMENT_NOT_FOUND) when there is none."""
        ...

    def read_slot(self, user_id: str, slot: str) -> Slot: ...

    def add(self, assessment: Assessment, slot: Slot) -> None:
        """Saves a new assessment in its slot, read as `slot`; ConcurrentUpdate if the learner's
        state changed since."""

    def load(self, assessment_id: str, user_id: str) -> tuple[Assessment, Knowledge]: ...

    def knowledge(self, user_id: str) -> Knowledge: ...

    def save(self, assessment: Assessment, knowledge: Knowledge) -> None:
        """Saves a newer state of the assessment read with `knowledge`; ConcurrentUpdate when
        the learner's state changed since; NotFound when the learner has no state yet."""

    def record_answer(
        self, assessment: Assessment, knowledge: Knowledge, answer: AnswerRecord
    ) -> None:
        """Assessment, knowledge and the answer together or not at all; ConcurrentUpdate when
        they changed since they were read."""

    def archive(self, assessment_id: str, user_id: str) -> Knowledge | None:
        """Writes a completed assessment's snapshot and history out (idempotent puts: again
        until it is forgotten) and returns the learner's knowledge; None when the assessment is
        not completed or no longer waits in the learner's state."""

    def forget_archived(self, assessment_id: str, user_id: str) -> None:
        """Drops an archived assessment from the learner's state, if it is still there."""

    def pending_completions(self, user_id: str) -> list[PendingCompletion]:
        """The completed assessments still in the learner's state, with their last answer's
        time (None without any answer)."""
        ...


class CourseStore(Protocol):
    """Certification courses, one item each, written conditionally (a lost race is
    ConcurrentUpdate); a verification code is claimed by one course at most."""

    def get(self, course_id: str) -> CertificationCourse | None: ...

    def refusal(self, course_id: str) -> CourseRefusal | None: ...

    def lookup(self, course_id: str) -> tuple[CertificationCourse | None, CourseRefusal | None]:
        """The course and the refusal of its start, read together."""

    def add(self, course: CertificationCourse) -> CertificationCourse:
        """Saves a new course (version 1); ConcurrentUpdate when the id is taken."""

    def claim_verification_code(self, code: str, course_id: str) -> bool:
        """Reserves the code for the course; False when another course holds it."""

    def release_verification_code(self, code: str, course_id: str) -> None:
        """Frees a code the course claimed but did not keep (it lost a race)."""

    def save(self, course: CertificationCourse) -> CertificationCourse:
        """Saves a newer state of the course read at `course.version`; returns it at its new
        version, ConcurrentUpdate when it changed meanwhile."""

    def mark_announced(self, course_id: str) -> None:
        """Notes that the course's end was published; the version moves on, so a save prepared
        from an earlier read cannot undo it."""

    def refuse(self, refusal: CourseRefusal) -> None:
        """Keeps the latest refusal of a start; an older one never replaces a newer one."""

    def course_ids_of_session(self, session_id: str) -> list[str]: ...


@dataclass
class Ports:
    """Everything engine's use cases reach: its stores, the bus, the clock, the learning content
    and the max reachable level of the day."""

    learners: LearnerLinks
    assessments: AssessmentStore
    campaigns: CampaignDirectory
    publisher: Publisher
    clock: Clock
    content: LearningContent
    max_level: int
    courses: CourseStore
    # 1 h 45; shorter only on the local stack (the demo's accelerated clock).
    test_duration: timedelta = TEST_DURATION
    learner_data: LearnerData | None = None
    claims: DocumentStore | None = None
