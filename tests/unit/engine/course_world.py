"""Engine's certification use cases on the in-memory fakes, with a fixed clock and message
factories that give every message a unique id."""

from __future__ import annotations

from datetime import datetime

from chalicelib.engine.adapters.memory import (
    InMemoryAssessmentStore,
    InMemoryCampaignDirectory,
    InMemoryLearnerLinks,
)
from chalicelib.engine.adapters.memory_courses import InMemoryCourseStore
from chalicelib.engine.domain.assessment import Knowledge
from chalicelib.engine.domain.content import LearningContent
from chalicelib.engine.domain.course import CertificationCourse
from chalicelib.engine.domain.simulated_candidate import validated_knowledge
from chalicelib.engine.ports import Ports
from chalicelib.engine.use_cases import certification_delivery as delivery
from chalicelib.engine.use_cases import certification_start, course_messages
from pixcore.clock import FixedClock
from pixcore.memory import InMemoryPublisher
from pixcore.messages.base import Message
from pixcore.messages.catalog import CertificationCourseEnded, CertificationStartRequested
from pixcore.principal import Principal
from tests.unit.engine.course_builders import EVERY_COMPETENCE_AT_4, NINE


class ProfiledAssessmentStore(InMemoryAssessmentStore):
    """The assessments fake with learners' knowledge set directly, as placement would leave it."""

    def __init__(self) -> None:
        super().__init__()
        self.profiles: dict[str, Knowledge] = {}

    def knowledge(self, user_id: str) -> Knowledge:
        return self.profiles.get(user_id) or super().knowledge(user_id)


class EngineQueuePublisher(InMemoryPublisher):
    """Records every message; engine's own `CertificationCourseEnded` is also handled as soon as
    it is sent (its consumer announces the course), unless `playing` is off."""

    def __init__(self) -> None:
        super().__init__()
        self.ports: Ports | None = None
        self.playing = True

    def publish(self, *messages: Message) -> None:
        super().publish(*messages)
        for message in messages:
            if isinstance(message, CertificationCourseEnded) and self.playing and self.ports:
                course_messages.announce_ended(self.ports, message)


class CourseWorld:
    def __init__(self, content: LearningContent, courses: InMemoryCourseStore | None = None):
        self.assessments = ProfiledAssessmentStore()
        self.courses = courses or InMemoryCourseStore()
        self.publisher = EngineQueuePublisher()
        self.clock = FixedClock(NINE)
        self.ports = Ports(
            learners=InMemoryLearnerLinks(),
            assessments=self.assessments,
            campaigns=InMemoryCampaignDirectory(),
            publisher=self.publisher,
            clock=self.clock,
            content=content,
            max_level=6,
            courses=self.courses,
        )
        self.publisher.ports = self.ports

    def candidate(self, user_id: str = "zoe", levels: dict[str, int] | None = None) -> Principal:
        """A student whose placement left the given levels (every competence at 4 by default)."""
        elements, seen = validated_knowledge(self.ports.content, levels or EVERY_COMPETENCE_AT_4)
        self.assessments.profiles[user_id] = Knowledge(
            user_id, {e.skill_id: e for e in elements}, frozenset(seen), 1
        )
        return Principal(user_id)

    def start_request(
        self, user: Principal, course_id: str = "course-1", extra: int = 0
    ) -> CertificationStartRequested:
        return CertificationStartRequested(
            course_id=course_id,
            session_id="session-7",
            center_id="center-3",
            candidate_id=f"cand-{user.user_id}",
            user_id=user.user_id,
            extra_time_percentage=extra,
            session_date=NINE.date(),
            window_starts_at=NINE,
        )

    def start(self, user: Principal, course_id: str = "course-1", extra: int = 0):  # noqa: ANN201
        return certification_start.start_course(
            self.ports, self.start_request(user, course_id, extra)
        )

    def course(self, course_id: str = "course-1") -> CertificationCourse:
        found = self.courses.get(course_id)
        assert found is not None
        return found

    def answer(
        self,
        user: Principal,
        challenge_id: str,
        value=None,  # noqa: ANN001
        skip: bool = False,
        course_id: str = "course-1",
    ) -> delivery.CourseAnswerOutcome:
        command = delivery.GiveCourseAnswer(course_id, challenge_id, value, skip)
        return delivery.answer_question(self.ports, user, command)

    def at(self, moment: datetime) -> None:
        self.clock.at = moment
