"""The certification test drawn from the profile: up to 3 challenges per competence at level ≥ 1."""

from __future__ import annotations

import random
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from chalicelib.engine.domain.content import LearningContent
from chalicelib.engine.domain.content_model import DEFAULT_LOCALE
from chalicelib.engine.domain.knowledge import KnowledgeElement, latest_knowledge
from chalicelib.engine.domain.profile import NOT_CERTIFIABLE_MESSAGE, Profile, compute_profile
from chalicelib.engine.domain.variants import pick_variant
from pixcore.errors import RuleViolation
from pixcore.referential import DEFAULT_MAX_LEVEL

CHALLENGES_PER_COMPETENCE = 3
USUAL_MIN_CHALLENGES = 15
MAX_CHALLENGES = 48


@dataclass(frozen=True)
class CertificationChallenge:
    challenge_id: str
    skill_id: str
    competence_code: str
    level: int


@dataclass(frozen=True)
class CertificationTest:
    """The questions in the fixed order they are asked, and the profile they came from."""

    challenges: tuple[CertificationChallenge, ...]
    profile: Profile

    @property
    def is_shorter_than_usual(self) -> bool:
        """Fewer than 15 questions: the profile had too few directly validated skills."""
        return len(self.challenges) < USUAL_MIN_CHALLENGES

    def challenges_of(self, competence_code: str) -> tuple[CertificationChallenge, ...]:
        return tuple(c for c in self.challenges if c.competence_code == competence_code)


def generate_certification_test(
    content: LearningContent,
    knowledge_elements: Sequence[KnowledgeElement],
    *,
    seen_challenge_ids: Collection[str] = frozenset(),
    max_level: int = DEFAULT_MAX_LEVEL,
    rng: random.Random | None = None,
    locale: str = DEFAULT_LOCALE,
) -> CertificationTest:
    """Draws the certification test from the profile as of now.

    For each competence at level 1 or more, in the order of the referential: the skills the
    candidate validated *directly* (the latest knowledge of the skill), hardest first, one
    challenge per skill, at most 3; a variant the candidate has not seen is preferred. A
    competence with only 1 or 2 such skills gets 1 or 2 questions; a skill without a servable
    challenge is passed over. This gives at most 16 × 3 = 48 questions and usually at least 15;
    when the profile allows fewer, the test is still generated with all it can hold
    (`is_shorter_than_usual`) — the scoring table handles competences with 1 or 2 questions.
    A profile that is not certifiable gets no test (PROFILE_NOT_CERTIFIABLE).
    """
    profile = compute_profile(knowledge_elements, max_level=max_level)
    if not profile.is_certifiable:
        raise RuleViolation(NOT_CERTIFIABLE_MESSAGE, code="PROFILE_NOT_CERTIFIABLE")
    validated = [
        content.skills[e.skill_id]
        for e in latest_knowledge(knowledge_elements).values()
        if e.is_direct and e.is_validated and e.skill_id in content.skills
    ]
    picked: list[CertificationChallenge] = []
    for score in profile.scores:
        if score.level < 1:
            continue
        skills = [s for s in validated if s.competence_code == score.competence_code]
        per_competence = 0
        for skill in sorted(skills, key=lambda s: (-s.level, s.id)):
            served = content.served_challenges(skill.id, locale)
            challenge = pick_variant(served, seen_challenge_ids, rng)
            if challenge is None:
                continue
            picked.append(
                CertificationChallenge(challenge.id, skill.id, skill.competence_code, skill.level)
            )
            per_competence += 1
            if per_competence == CHALLENGES_PER_COMPETENCE:
                break
    if not picked:
        raise RuleViolation(
            "Aucune épreuve ne peut être proposée pour ce profil.",
            code="CERTIFICATION_TEST_EMPTY",
        )
    return CertificationTest(challenges=tuple(picked), profile=profile)
