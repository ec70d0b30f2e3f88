"""An assessment in progress and a learner's knowledge, as values; the rules of answering one."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

from chalicelib.engine.domain.answers import AnswerResult
from chalicelib.engine.domain.knowledge import KnowledgeElement
from pixcore.errors import Conflict, Forbidden


class AssessmentKind(StrEnum):
    COMPETENCE_EVALUATION = "COMPETENCE_EVALUATION"
    CAMPAIGN = "CAMPAIGN"


class AssessmentState(StrEnum):
    STARTED = "started"
    COMPLETED = "completed"


@dataclass(frozen=True)
class GivenAnswer:
    """What the assessment remembers of an answer: enough to replay the same response."""

    challenge_id: str
    result: AnswerResult
    value_hash: str


@dataclass(frozen=True)
class Assessment:
    id: str
    user_id: str
    kind: AssessmentKind
    target_skill_ids: tuple[str, ...]
    created_at: datetime
    competence: str | None = None
    campaign_code: str | None = None
    state: AssessmentState = AssessmentState.STARTED
    answers: tuple[GivenAnswer, ...] = ()
    current_challenge_id: str | None = None
    served_at: datetime | None = None

    @property
    def slot(self) -> str:
        """Where a learner's started assessment of a kind is found again to be resumed."""
        if self.kind is AssessmentKind.COMPETENCE_EVALUATION:
            return f"EVALUATION#{self.competence}"
        return f"CAMPAIGN#{self.campaign_code}" if self.campaign_code else f"FREE#{self.id}"

    @property
    def answered_count(self) -> int:
        return len(self.answers)

    @property
    def asked_challenge_ids(self) -> list[str]:
        return [a.challenge_id for a in self.answers]

    @property
    def is_completed(self) -> bool:
        return self.state is AssessmentState.COMPLETED

    def answer_to(self, challenge_id: str) -> tuple[int, GivenAnswer] | None:
        for index, given in enumerate(self.answers):
            if given.challenge_id == challenge_id:
                return index, given
        return None

    def serve(self, challenge_id: str | None, at: datetime) -> Assessment:
        """The next challenge is shown now (the clock of a timed one starts), or it is over."""
        if challenge_id is None:
            return replace(
                self, current_challenge_id=None, served_at=None, state=AssessmentState.COMPLETED
            )
        return replace(self, current_challenge_id=challenge_id, served_at=at)

    def record(self, given: GivenAnswer) -> Assessment:
        return replace(
            self, answers=(*self.answers, given), current_challenge_id=None, served_at=None
        )


@dataclass(frozen=True)
class Knowledge:
    """A learner's latest knowledge element per skill and every challenge ever shown to them;
    `version` is the version of the learner's state it was read at (0: none yet)."""

    user_id: str
    elements: dict[str, KnowledgeElement] = field(default_factory=dict)
    seen_challenge_ids: frozenset[str] = frozenset()
    version: int = 0

    def with_answer(self, challenge_id: str, added: list[KnowledgeElement]) -> Knowledge:
        elements = dict(self.elements)
        for element in added:
            elements[element.skill_id] = element
        return replace(
            self, elements=elements, seen_challenge_ids=self.seen_challenge_ids | {challenge_id}
        )


def value_hash(value: Any) -> str:
    """A fingerprint of an answer value: a resubmission is the same answer if it matches."""
    canonical = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def check_owner(assessment: Assessment, user_id: str) -> None:
    """Only the learner who started an assessment may see or answer it."""
    if assessment.user_id != user_id:
        raise Forbidden("Cette évaluation ne vous appartient pas.", code="ASSESSMENT_NOT_OWNED")


def check_answerable(assessment: Assessment, challenge_id: str) -> None:
    """An answer is accepted once per challenge, only for the challenge being shown."""
    if assessment.is_completed:
        raise Conflict("Cette évaluation est terminée.", code="ASSESSMENT_COMPLETED")
    if assessment.current_challenge_id != challenge_id:
        raise Conflict(
            "Cette épreuve n'est pas la question en cours.",
            code="CHALLENGE_NOT_CURRENT",
            details={"current_challenge_id": assessment.current_challenge_id},
        )


def replayed_answer(assessment: Assessment, challenge_id: str, hashed: str) -> int | None:
    """The index of an identical earlier answer (an idempotent resubmission), None when new;
    a different value for an answered challenge is refused."""
    found = assessment.answer_to(challenge_id)
    if found is None:
        return None
    index, given = found
    if given.value_hash != hashed:
        raise Conflict(
            "Une réponse a déjà été donnée à cette épreuve.",
            code="ANSWER_ALREADY_GIVEN",
            details={"challenge_id": challenge_id},
        )
    return index
