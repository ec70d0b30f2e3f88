"""Profiles built without playing placement, for tests, the demo and benchmarks: each skill up to
a level answered right once, as a placement test would have recorded it."""

from __future__ import annotations

from collections.abc import Mapping

from chalicelib.engine.domain.answers import AnswerResult
from chalicelib.engine.domain.content import LearningContent
from chalicelib.engine.domain.knowledge import KnowledgeElement, knowledge_for_answer


def validated_knowledge(
    content: LearningContent, levels: Mapping[str, int]
) -> tuple[list[KnowledgeElement], set[str]]:
    """Knowledge elements validating directly every skill of a competence up to its level
    (competence code → level), with the challenges that were shown to get them."""
    elements: list[KnowledgeElement] = []
    seen: set[str] = set()
    for code, level in levels.items():
        # as a competence evaluation would: its inferences stay within the competence
        scope = frozenset(s.id for s in content.skills_of_competence(code))
        for skill in content.skills_of_competence(code):
            served = content.served_challenges(skill.id)
            if skill.level > level or not served:
                continue
            challenge = served[0]
            elements += knowledge_for_answer(
                content,
                challenge,
                AnswerResult.OK,
                elements,
                answer_id=f"seed#{challenge.id}",
                scope=scope,
            )
            seen.add(challenge.id)
    return elements, seen
