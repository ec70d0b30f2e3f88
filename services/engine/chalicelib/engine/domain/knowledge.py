"""Knowledge elements: what each answer says about a learner's skills, directly or by inference."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from chalicelib.engine.domain.answers import AnswerResult
from chalicelib.engine.domain.content import LearningContent
from chalicelib.engine.domain.content_model import Challenge, Skill


class KnowledgeStatus(StrEnum):
    VALIDATED = "validated"
    INVALIDATED = "invalidated"


class KnowledgeSource(StrEnum):
    DIRECT = "direct"
    INFERRED = "inferred"


@dataclass(frozen=True)
class KnowledgeElement:
    """One piece of evidence on a skill; `earned_pix` is the skill's pix value when validated."""

    skill_id: str
    tube_id: str
    competence_code: str
    status: KnowledgeStatus
    source: KnowledgeSource
    earned_pix: float
    answer_id: str

    @property
    def is_validated(self) -> bool:
        return self.status is KnowledgeStatus.VALIDATED

    @property
    def is_direct(self) -> bool:
        return self.source is KnowledgeSource.DIRECT


def latest_knowledge(elements: Iterable[KnowledgeElement]) -> dict[str, KnowledgeElement]:
    """Only the latest knowledge element of each skill counts (elements come oldest first)."""
    latest: dict[str, KnowledgeElement] = {}
    for element in elements:
        latest[element.skill_id] = element
    return latest


def may_infer(skill_id: str, scope: Collection[str], known: Collection[str]) -> bool:
    """An answer infers only over skills of the current assessment's scope (its target skills)
    that have no knowledge element yet: an inference never replaces a direct element, never
    flips an older inference, and never reaches skills the assessment was not about."""
    return skill_id in scope and skill_id not in known


def knowledge_for_answer(
    content: LearningContent,
    challenge: Challenge,
    result: AnswerResult,
    existing: Sequence[KnowledgeElement],
    *,
    answer_id: str,
    scope: Collection[str],
) -> list[KnowledgeElement]:
    """The knowledge elements one answer adds, to be appended after `existing`.

    A direct element for the challenge's skill: validated if the answer is `ok`, invalidated
    otherwise (ko, partially, aband, timedout). Inferred elements for the other skills of the
    same tube: a right answer validates the easier skills, a wrong one invalidates the harder
    ones — only where `may_infer` allows.
    """
    skill = content.skill_of(challenge)
    status = KnowledgeStatus.VALIDATED if result.is_correct else KnowledgeStatus.INVALIDATED
    added = [_element(content, skill, status, KnowledgeSource.DIRECT, answer_id)]
    known = latest_knowledge(existing)
    for other in content.skills_of_tube(skill.tube_id):
        implied = other.level < skill.level if result.is_correct else other.level > skill.level
        if implied and may_infer(other.id, scope, known):
            added.append(_element(content, other, status, KnowledgeSource.INFERRED, answer_id))
    return added


def _element(
    content: LearningContent,
    skill: Skill,
    status: KnowledgeStatus,
    source: KnowledgeSource,
    answer_id: str,
) -> KnowledgeElement:
    validated = status is KnowledgeStatus.VALIDATED
    return KnowledgeElement(
        skill_id=skill.id,
        tube_id=skill.tube_id,
        competence_code=skill.competence_code,
        status=status,
        source=source,
        earned_pix=content.pix_value(skill.id) if validated else 0.0,
        answer_id=answer_id,
    )
