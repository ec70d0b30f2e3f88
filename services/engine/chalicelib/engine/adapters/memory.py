"""In-memory fakes of engine's ports, for unit tests; the contract suites in
tests/integration/engine run them against the DynamoDB adapters too."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from chalicelib.engine.domain.assessment import Assessment, Knowledge
from chalicelib.engine.domain.campaigns import Campaign
from chalicelib.engine.ports import AnswerRecord, PendingCompletion, Slot
from pixcore.errors import ConcurrentUpdate, NotFound


class InMemoryLearnerLinks:
    def __init__(self) -> None:
        self.links: dict[str, dict[str, tuple[str, datetime]]] = {}

    def link(self, user_id: str, organization_id: str, student_id: str, at: datetime) -> None:
        links = self.links.setdefault(user_id, {})
        if organization_id not in links or links[organization_id][1] <= at:
            links[organization_id] = (student_id, at)

    def students_of(self, user_id: str) -> dict[str, str]:
        return {org: student for org, (student, _) in self.links.get(user_id, {}).items()}


class InMemoryCampaignDirectory:
    def __init__(self) -> None:
        self.campaigns: dict[str, Campaign] = {}
        self.participants: dict[str, set[str]] = {}

    def record_created(self, campaign: Campaign) -> None:
        known = self.campaigns.get(campaign.code)
        if known is None or not known.is_created:
            archived_at = known.archived_at if known else None
            self.campaigns[campaign.code] = replace(campaign, archived_at=archived_at)

    def record_archived(self, code: str, at: datetime) -> None:
        known = self.campaigns.get(code) or Campaign(code)
        if known.archived_at is None:
            self.campaigns[code] = replace(known, archived_at=at)

    def record_joined(self, code: str, user_id: str, at: datetime) -> None:
        self.participants.setdefault(code, set()).add(user_id)

    def find(self, code: str) -> Campaign | None:
        return self.campaigns.get(code)

    def has_joined(self, code: str, user_id: str) -> bool:
        return user_id in self.participants.get(code, set())


@dataclass
class _LearnerState:
    """What the DynamoDB store keeps in a learner's item, with its one version."""

    knowledge: Knowledge
    version: int = 0
    active: dict[str, Assessment] = field(default_factory=dict)
    slots: dict[str, str] = field(default_factory=dict)
    histories: dict[str, list[AnswerRecord]] = field(default_factory=dict)


def _not_found() -> NotFound:
    return NotFound("Évaluation introuvable.", code="ASSESSMENT_NOT_FOUND")


class InMemoryAssessmentStore:
    """One state per learner whose version every write moves on, like the learner's item of
    the DynamoDB store; snapshots and archived histories beside it."""

    def __init__(self) -> None:
        self.learners: dict[str, _LearnerState] = {}
        self.snapshots: dict[str, Assessment] = {}
        self.archived: dict[str, list[AnswerRecord]] = {}

    @property
    def answers(self) -> dict[tuple[str, str], AnswerRecord]:
        """Every answer recorded, still waiting in a learner's state or archived."""
        found = {(r.assessment_id, r.challenge_id): r for rs in self.archived.values() for r in rs}
        for state in self.learners.values():
            for records in state.histories.values():
                found.update({(r.assessment_id, r.challenge_id): r for r in records})
        return found

    def get(self, assessment_id: str, user_id: str) -> Assessment:
        state = self.learners.get(user_id)
        if state is not None and assessment_id in state.active:
            return state.active[assessment_id]
        if assessment_id in self.snapshots:
            return self.snapshots[assessment_id]
        raise _not_found()

    def read_slot(self, user_id: str, slot: str) -> Slot:
        state = self.learners.get(user_id)
        if state is None:
            return Slot(None, 0)
        found = state.slots.get(slot)
        return Slot(self.get(found, user_id) if found else None, state.version)

    def add(self, assessment: Assessment, slot: Slot) -> None:
        state = self.learners.get(assessment.user_id)
        if (state.version if state else 0) != slot.version:
            raise ConcurrentUpdate()
        if state is None:
            state = self.learners[assessment.user_id] = _LearnerState(Knowledge(assessment.user_id))
        state.active[assessment.id] = assessment
        state.slots[assessment.slot] = assessment.id
        state.version += 1
        self.snapshots[assessment.id] = assessment

    def load(self, assessment_id: str, user_id: str) -> tuple[Assessment, Knowledge]:
        return self.get(assessment_id, user_id), self.knowledge(user_id)

    def knowledge(self, user_id: str) -> Knowledge:
        state = self.learners.get(user_id)
        if state is None:
            return Knowledge(user_id)
        return replace(state.knowledge, version=state.version)

    def save(self, assessment: Assessment, knowledge: Knowledge) -> None:
        self._write(assessment, knowledge, None)

    def record_answer(
        self, assessment: Assessment, knowledge: Knowledge, answer: AnswerRecord
    ) -> None:
        self._write(assessment, knowledge, answer)

    def _write(
        self, assessment: Assessment, knowledge: Knowledge, answer: AnswerRecord | None
    ) -> None:
        state = self.learners.get(knowledge.user_id)
        if state is None or not knowledge.version:
            raise _not_found()
        if state.version != knowledge.version:
            raise ConcurrentUpdate()
        if answer is not None:
            state.histories.setdefault(assessment.id, []).append(answer)
            state.knowledge = knowledge
        state.active[assessment.id] = assessment
        state.version += 1

    def archive(self, assessment_id: str, user_id: str) -> Knowledge | None:
        state = self.learners.get(user_id)
        assessment = state.active.get(assessment_id) if state else None
        if state is None or assessment is None or not assessment.is_completed:
            return None
        self.snapshots[assessment_id] = assessment
        self.archived[assessment_id] = list(state.histories.get(assessment_id, []))
        return self.knowledge(user_id)

    def forget_archived(self, assessment_id: str, user_id: str) -> None:
        state = self.learners.get(user_id)
        if state is not None and assessment_id in state.active:
            del state.active[assessment_id]
            state.histories.pop(assessment_id, None)
            state.version += 1

    def pending_completions(self, user_id: str) -> list[PendingCompletion]:
        state = self.learners.get(user_id)
        if state is None:
            return []
        return [
            PendingCompletion(a.id, _last_answered(state.histories.get(a.id, [])))
            for a in state.active.values()
            if a.is_completed
        ]


def _last_answered(records: list[AnswerRecord]) -> datetime | None:
    return records[-1].answered_at if records else None
