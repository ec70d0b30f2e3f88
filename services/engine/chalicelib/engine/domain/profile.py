"""The Pix profile: pix and level per competence, total score and certifiability."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from chalicelib.engine.domain.content_model import MAX_SKILL_LEVEL
from chalicelib.engine.domain.knowledge import KnowledgeElement, latest_knowledge
from pixcore.errors import Invalid
from pixcore.referential import (
    CERTIFIABLE_COMPETENCE_COUNT,
    COMPETENCE_CODES,
    COMPETENCES_BY_CODE,
    DEFAULT_MAX_LEVEL,
    PIX_PER_LEVEL,
)

NOT_CERTIFIABLE_MESSAGE = (
    "Votre profil n'est pas encore certifiable. Pour faire certifier votre profil, vous devez "
    "avoir obtenu un niveau supérieur à 0 dans 5 compétences minimum."
)
# Skill values such as 8/3 or 8/7 are not exact in floating point: sums are rounded first.
_PIX_DECIMALS = 6


@dataclass(frozen=True)
class CompetenceScore:
    competence_code: str
    pix: int
    level: int

    @property
    def name(self) -> str:
        return COMPETENCES_BY_CODE[self.competence_code].name

    @property
    def area_code(self) -> str:
        return COMPETENCES_BY_CODE[self.competence_code].area_code


@dataclass(frozen=True)
class Profile:
    scores: tuple[CompetenceScore, ...]
    max_level: int

    @property
    def total_pix(self) -> int:
        """The profile score is the sum of the competences' pix."""
        return sum(score.pix for score in self.scores)

    @property
    def certifiable_competence_count(self) -> int:
        return sum(1 for score in self.scores if score.level >= 1)

    @property
    def is_certifiable(self) -> bool:
        """A profile is certifiable with at least 5 competences at level 1 or more."""
        return self.certifiable_competence_count >= CERTIFIABLE_COMPETENCE_COUNT

    @property
    def message(self) -> str | None:
        """What a learner who cannot be certified yet is told, None when certifiable."""
        return None if self.is_certifiable else NOT_CERTIFIABLE_MESSAGE

    def score(self, competence_code: str) -> CompetenceScore:
        return next(s for s in self.scores if s.competence_code == competence_code)

    def levels(self) -> dict[str, int]:
        return {score.competence_code: score.level for score in self.scores}


def competence_score(
    competence_code: str, earned_pix: float, max_level: int = DEFAULT_MAX_LEVEL
) -> CompetenceScore:
    """Competence pix = floor of the pix of its validated skills; level = floor(pix ÷ 8).

    Both are capped by the max reachable level: the level at `max_level`, the pix at
    `max_level` × 8.
    """
    pix = min(math.floor(round(earned_pix, _PIX_DECIMALS)), max_level * PIX_PER_LEVEL)
    return CompetenceScore(competence_code, pix, min(pix // PIX_PER_LEVEL, max_level))


def compute_profile(
    elements: Iterable[KnowledgeElement], *, max_level: int = DEFAULT_MAX_LEVEL
) -> Profile:
    """The profile from every knowledge element of a learner, oldest first; only the latest
    element of each skill counts, and only validated ones earn pix."""
    if not 1 <= max_level <= MAX_SKILL_LEVEL:
        raise Invalid(
            "Le niveau maximum doit être compris entre 1 et 8.",
            code="MAX_LEVEL_INVALID",
            details={"max_level": max_level},
        )
    earned: dict[str, float] = defaultdict(float)
    for element in latest_knowledge(elements).values():
        if element.is_validated:
            earned[element.competence_code] += element.earned_pix
    return Profile(
        scores=tuple(competence_score(code, earned[code], max_level) for code in COMPETENCE_CODES),
        max_level=max_level,
    )
