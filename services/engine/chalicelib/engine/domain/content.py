"""The learning content loaded once, with the lookups the engine needs (`content_files` reads it)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any

from chalicelib.engine.domain.content_model import (
    DEFAULT_LOCALE,
    Challenge,
    ChallengeStatus,
    ChallengeType,
    Skill,
    Tube,
)
from pixcore.errors import NotFound
from pixcore.referential import AREAS, COMPETENCES, PIX_PER_LEVEL, Area, Competence

MAX_SKILL_PIX = 4.0


def skill_pix_value(skills_at_same_level: int) -> float:
    """A skill is worth 8 pix shared by the skills of its competence at its level, at most 4.
    Only skills with a validated challenge count (and earn): a skill whose challenges are all
    drafts or archived cannot be asked, so it must not dilute the others."""
    return min(PIX_PER_LEVEL / skills_at_same_level, MAX_SKILL_PIX)


class LearningContent:
    """Areas and competences of the referential, plus the tubes, skills and challenges of a bank."""

    areas: tuple[Area, ...] = AREAS
    competences: tuple[Competence, ...] = COMPETENCES

    def __init__(
        self,
        name: str,
        tubes: Sequence[Tube],
        skills: Sequence[Skill],
        challenges: Sequence[Challenge],
    ) -> None:
        self.name = name
        self.tubes: Mapping[str, Tube] = _by_id(tubes)
        self.skills: Mapping[str, Skill] = _by_id(skills)
        self.challenges: Mapping[str, Challenge] = _by_id(challenges)
        tubes_of, skills_of, skills_of_tube = (
            defaultdict(list),
            defaultdict(list),
            defaultdict(list),
        )
        challenges_of = defaultdict(list)
        for tube in tubes:
            tubes_of[tube.competence_code].append(tube)
        ordered = sorted(skills, key=lambda s: (s.competence_code, s.tube_id, s.level))
        for skill in ordered:
            skills_of[skill.competence_code].append(skill)
            skills_of_tube[skill.tube_id].append(skill)
        for challenge in sorted(challenges, key=lambda c: c.id):
            challenges_of[challenge.skill_id].append(challenge)
        self._tubes_of = _frozen(tubes_of)
        self._skills_of = _frozen(skills_of)
        self._skills_of_tube = _frozen(skills_of_tube)
        self._challenges_of = _frozen(challenges_of)
        live = {c.skill_id for c in challenges if c.status is ChallengeStatus.VALIDATED}
        per_level: defaultdict[tuple[str, int], int] = defaultdict(int)
        for skill in skills:
            if skill.id in live:
                per_level[(skill.competence_code, skill.level)] += 1
        self._pix = {
            s.id: skill_pix_value(per_level[(s.competence_code, s.level)]) if s.id in live else 0.0
            for s in skills
        }

    def skill(self, skill_id: str) -> Skill:
        return _get(self.skills, skill_id, "SKILL_NOT_FOUND", "Acquis introuvable.")

    def challenge(self, challenge_id: str) -> Challenge:
        return _get(self.challenges, challenge_id, "CHALLENGE_NOT_FOUND", "Épreuve introuvable.")

    def tube(self, tube_id: str) -> Tube:
        return _get(self.tubes, tube_id, "TUBE_NOT_FOUND", "Sujet introuvable.")

    def skill_of(self, challenge: Challenge) -> Skill:
        return self.skills[challenge.skill_id]

    def tubes_of_competence(self, competence_code: str) -> tuple[Tube, ...]:
        return self._tubes_of.get(competence_code, ())

    def skills_of_competence(self, competence_code: str) -> tuple[Skill, ...]:
        """Skills of a competence, tube by tube, easiest first."""
        return self._skills_of.get(competence_code, ())

    def skills_of_tube(self, tube_id: str) -> tuple[Skill, ...]:
        """Skills of a tube, easiest first."""
        return self._skills_of_tube.get(tube_id, ())

    def challenges_of_skill(self, skill_id: str) -> tuple[Challenge, ...]:
        """Every challenge of a skill whatever its status, by id."""
        return self._challenges_of.get(skill_id, ())

    def served_challenges(
        self, skill_id: str, locale: str = DEFAULT_LOCALE
    ) -> tuple[Challenge, ...]:
        """Challenges of a skill that may be shown: validated, in the learner's locale."""
        return tuple(c for c in self.challenges_of_skill(skill_id) if c.is_served_in(locale))

    def pix_value(self, skill_id: str) -> float:
        return self._pix[skill_id]

    def max_skill_level(self, competence_code: str) -> int:
        return max((s.level for s in self.skills_of_competence(competence_code)), default=0)

    def challenge_types(self) -> set[ChallengeType]:
        return {c.type for c in self.challenges.values()}


def describe_referential(content: LearningContent) -> dict[str, Any]:
    """The referential as plain data: areas, their competences and the tubes of each."""
    return {
        "areas": [
            {
                "code": area.code,
                "name": area.name,
                "competences": [
                    {
                        "code": c.code,
                        "name": c.name,
                        "max_level": content.max_skill_level(c.code),
                        "tubes": [
                            {"id": t.id, "name": t.name, "title": t.title}
                            for t in content.tubes_of_competence(c.code)
                        ],
                    }
                    for c in content.competences
                    if c.area_code == area.code
                ],
            }
            for area in content.areas
        ]
    }


def _by_id(items: Iterable[Any]) -> Mapping[str, Any]:
    return MappingProxyType({item.id: item for item in items})


def _frozen(groups: dict[str, list[Any]]) -> dict[str, tuple[Any, ...]]:
    return {key: tuple(values) for key, values in groups.items()}


def _get(items: Mapping[str, Any], item_id: str, code: str, message: str) -> Any:
    try:
        return items[item_id]
    except KeyError:
        raise NotFound(message, code=code, details={"id": item_id}) from None
