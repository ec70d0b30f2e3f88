"""The learner's profile and the referential, as the frontend shows them."""

from __future__ import annotations

from collections import Counter
from typing import Any

from chalicelib.engine.domain.content import LearningContent, describe_referential
from chalicelib.engine.ports import AssessmentStore
from chalicelib.engine.use_cases.progress import profile_of
from pixcore.principal import Principal
from pixcore.referential import COMPETENCES_BY_CODE


def my_profile(store: AssessmentStore, max_level: int, user: Principal) -> dict[str, Any]:
    profile = profile_of(store.knowledge(user.user_id), max_level)
    return {
        "competences": [
            {
                "code": s.competence_code,
                "name": COMPETENCES_BY_CODE[s.competence_code].name,
                "area": COMPETENCES_BY_CODE[s.competence_code].area_code,
                "level": s.level,
                "pix": s.pix,
            }
            for s in profile.scores
        ],
        "total_pix": profile.total_pix,
        "certifiable": profile.is_certifiable,
        "certifiable_competence_count": profile.certifiable_competence_count,
        "message": profile.message,
        "max_level": profile.max_level,
    }


def referential(content: LearningContent) -> dict[str, Any]:
    """Areas, competences and tubes, with how many skills each level has (never a solution)."""
    described = describe_referential(content)
    for area in described["areas"]:
        for competence in area["competences"]:
            levels = Counter(s.level for s in content.skills_of_competence(competence["code"]))
            competence["skills_per_level"] = {str(k): levels[k] for k in sorted(levels)}
            for tube in competence["tubes"]:
                tube["skill_count"] = len(content.skills_of_tube(tube["id"]))
    return {"content": content.name, **described}
