"""The engine's use cases wired to in-memory fakes, for unit tests."""

from __future__ import annotations

import random
from datetime import UTC, datetime

from chalicelib.engine.adapters.memory import (
    InMemoryAssessmentStore,
    InMemoryCampaignDirectory,
    InMemoryLearnerLinks,
)
from chalicelib.engine.adapters.memory_courses import InMemoryCourseStore
from chalicelib.engine.domain.content import LearningContent
from chalicelib.engine.domain.content_model import Challenge
from chalicelib.engine.ports import Ports
from chalicelib.engine.use_cases import answering, assessments, campaigns, completion
from infra.samples.simulated_learner import SimulatedLearner
from pixcore.clock import FixedClock
from pixcore.memory import InMemoryPublisher
from pixcore.messages.catalog import CampaignCreated, CampaignJoined
from pixcore.principal import Principal

MAX_LEVEL = 6


class World:
    """Engine's `Ports` built from the fakes, with shortcuts to play a learner's evaluations."""

    def __init__(self, content: LearningContent) -> None:
        self.store = InMemoryAssessmentStore()
        self.campaigns = InMemoryCampaignDirectory()
        self.publisher = InMemoryPublisher()
        self.clock = FixedClock(datetime(2026, 3, 10, tzinfo=UTC))
        self.ports = Ports(
            learners=InMemoryLearnerLinks(),
            assessments=self.store,
            campaigns=self.campaigns,
            publisher=self.publisher,
            clock=self.clock,
            content=content,
            max_level=MAX_LEVEL,
            courses=InMemoryCourseStore(),
        )
        self.delivered = 0

    @property
    def content(self) -> LearningContent:
        return self.ports.content

    def deliver(self) -> int:
        """Plays engine's own queue (the completions not yet handled); returns how many."""
        completed = self.publisher.of_type("AssessmentCompleted")[self.delivered :]
        for message in completed:
            completion.archive_completed(self.ports, message)
        self.delivered += len(completed)
        return len(completed)

    def start(self, user: Principal, competence: str = "1.1") -> assessments.Started:
        return assessments.start_competence_evaluation(self.ports, user, competence)

    def campaign(
        self, targets: list[str], code: str = "PARCRS123", kind: str = "ASSESSMENT"
    ) -> str:
        """Orga created an assessment campaign with these target skills (its message handled)."""
        created = CampaignCreated(
            campaign_id=f"campaign-{code}",
            code=code,
            organization_id="school-1",
            campaign_type=kind,
            target_skill_ids=targets,
            created_at=self.clock.now(),
        )
        campaigns.record_created(self.ports, created)
        return code

    def join(self, user: Principal, code: str) -> None:
        joined = CampaignJoined(
            campaign_id=f"campaign-{code}",
            code=code,
            organization_id="school-1",
            student_id=f"student-{user.user_id}",
            user_id=user.user_id,
            joined_at=self.clock.now(),
        )
        campaigns.record_joined(self.ports, joined)

    def start_campaign(
        self, user: Principal, targets: list[str], code: str = "PARCRS123"
    ) -> assessments.Started:
        """A campaign created, joined by `user`, and its assessment started."""
        self.join(user, self.campaign(targets, code))
        return assessments.start_campaign_assessment(self.ports, user, code)

    def next(self, user: Principal, assessment_id: str) -> Challenge | None:
        return assessments.next_for(self.ports, user, assessment_id)

    def answer(
        self,
        user: Principal,
        assessment_id: str,
        challenge_id: str,
        value=None,  # noqa: ANN001
        skip: bool = False,
    ) -> answering.AnswerOutcome:
        command = answering.GiveAnswer(assessment_id, challenge_id, value, skip)
        return answering.answer(self.ports, user, command)

    def play(
        self, user: Principal, assessment_id: str, learner: SimulatedLearner, rng: random.Random
    ) -> int:
        current, answered = self.next(user, assessment_id), 0
        while current is not None:
            value = learner.answer(self.content, current, rng)
            outcome = self.answer(user, assessment_id, current.id, value, skip=value is None)
            current, answered = outcome.next, answered + 1
        return answered
