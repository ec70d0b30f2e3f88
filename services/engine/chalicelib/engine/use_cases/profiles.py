"""The learner's profile and the referential, as the frontend shows them."""

from __future__ import annotations

from collections import Counter
from typing import Any

from chalicelib.engine.domain.content import LearningContent, describe_referential
from chalicelib.engine.domain.profile import Profile
from chalicelib.engine.ports import Ports
from chalicelib.engine.use_cases.completion import announce_lost
from chalicelib.engine.use_cases.progress import profile_of
from pixcore.principal import Principal, require_user


def my_profile(ports: Ports, caller: Principal) -> Profile:
    """The profile as of now; a completion whose message was lost is announced again."""
    require_user(caller)
    announce_lost(ports, caller.user_id)
    return profile_of(ports.assessments.knowledge(caller.user_id), ports.max_level)


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
