"""In-memory repositories for unit tests of engine's use cases."""

from __future__ import annotations

from dataclasses import replace

from chalicelib.engine.domain.assessment import Assessment, Knowledge
from chalicelib.engine.exceptions import AnswerAlreadyRecordedError
from chalicelib.engine.ports import AnswerRecord, PendingCompletion
from pixcore.errors import ConcurrentUpdate, NotFound


class InMemoryLearnerLinks:
    def __init__(self) -> None:
        self.links: dict[str, dict[str, str]] = {}

    def link(self, user_id: str, organization_id: str, student_id: str) -> None:
        self.links.setdefault(user_id, {})[organization_id] = student_id

    def students_of(self, user_id: str) -> dict[str, str]:
        return dict(self.links.get(user_id, {}))


class InMemoryAssessmentStore:
    """Keeps versions like the DynamoDB store: a stale write is a ConcurrentUpdate."""

    def __init__(self) -> None:
        self.assessments: dict[str, Assessment] = {}
        self.slots: dict[tuple[str, str], str] = {}
        self.knowledges: dict[str, Knowledge] = {}
        self.answers: dict[tuple[str, str], AnswerRecord] = {}
        self.archived: dict[str, list[AnswerRecord]] = {}

    def get(self, assessment_id: str, user_id: str = "") -> Assessment:
        try:
            return self.assessments[assessment_id]
        except KeyError:
            raise NotFound("Évaluation introuvable.", code="ASSESSMENT_NOT_FOUND") from None

    def started_in(self, user_id: str, slot: str) -> Assessment | None:
        found = self.slots.get((user_id, slot))
        return self.assessments[found] if found else None

    def add(self, assessment: Assessment, replacing: str | None = None) -> None:
        key = (assessment.user_id, assessment.slot)
        if self.slots.get(key) != replacing:
            raise ConcurrentUpdate()
        self.slots[key] = assessment.id
        self.assessments[assessment.id] = replace(assessment, version=1)

    def load(self, assessment_id: str, user_id: str) -> tuple[Assessment, Knowledge]:
        return self.get(assessment_id), self.knowledge(user_id)

    def knowledge(self, user_id: str) -> Knowledge:
        return self.knowledges.get(user_id) or Knowledge(user_id)

    def save(self, assessment: Assessment, knowledge: Knowledge) -> None:
        self._check(self.get(assessment.id).version, assessment.version)
        self.assessments[assessment.id] = replace(assessment, version=assessment.version + 1)

    def record_answer(
        self, assessment: Assessment, knowledge: Knowledge, answer: AnswerRecord
    ) -> None:
        if (answer.assessment_id, answer.challenge_id) in self.answers:
            raise AnswerAlreadyRecordedError()
        self._check(self.get(assessment.id).version, assessment.version)
        self._check(self.knowledge(knowledge.user_id).version, knowledge.version)
        self.answers[(answer.assessment_id, answer.challenge_id)] = answer
        self.assessments[assessment.id] = replace(assessment, version=assessment.version + 1)
        self.knowledges[knowledge.user_id] = replace(knowledge, version=knowledge.version + 1)

    def _pending(self, user_id: str) -> list[Assessment]:
        return [
            a
            for a in self.assessments.values()
            if a.user_id == user_id and a.is_completed and a.id not in self.archived
        ]

    def archive(self, assessment_id: str, user_id: str) -> Knowledge | None:
        if not any(a.id == assessment_id for a in self._pending(user_id)):
            return None
        self.archived[assessment_id] = [
            r for (a, _), r in self.answers.items() if a == assessment_id
        ]
        return self.knowledge(user_id)

    def forget_archived(self, assessment_id: str, user_id: str) -> None:
        """The fake keeps nothing pending apart from `archived`."""

    def pending_completions(self, user_id: str) -> list[PendingCompletion]:
        completions = []
        for a in self._pending(user_id):
            times = [r.answered_at for (i, _), r in self.answers.items() if i == a.id]
            completions.append(PendingCompletion(a.id, max(times, default=None)))
        return completions

    @staticmethod
    def _check(stored: int, expected: int) -> None:
        if stored != expected:
            raise ConcurrentUpdate()
