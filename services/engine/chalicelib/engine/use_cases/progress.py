"""Shared steps of placement: choosing the next challenge, and the profile that follows."""

from __future__ import annotations

import random
from datetime import datetime

from chalicelib.engine.domain.assessment import Assessment, Knowledge
from chalicelib.engine.domain.content import LearningContent
from chalicelib.engine.domain.content_model import Challenge
from chalicelib.engine.domain.placement import next_challenge
from chalicelib.engine.domain.profile import Profile, compute_profile
from chalicelib.engine.ports import Ports
from pixcore.messages.catalog import CompetenceMark, ProfileUpdated


def choose_next(
    content: LearningContent, assessment: Assessment, knowledge: Knowledge
) -> Challenge | None:
    """Placement picks the next challenge; the draw is seeded by the assessment and its step,
    so replaying a step picks the same challenge."""
    rng = random.Random(f"{assessment.id}:{len(assessment.answers)}")
    return next_challenge(
        content,
        assessment.target_skill_ids,
        list(knowledge.elements.values()),
        assessment.asked_challenge_ids,
        rng,
        seen_challenge_ids=knowledge.seen_challenge_ids,
    )


def profile_of(knowledge: Knowledge, max_level: int) -> Profile:
    return compute_profile(knowledge.elements.values(), max_level=max_level)


def marks_of(profile: Profile) -> list[CompetenceMark]:
    """Level and pix of each competence, as messages carry them."""
    return [
        CompetenceMark(competence=s.competence_code, level=s.level, pix=s.pix)
        for s in profile.scores
    ]


def publish_profile(ports: Ports, knowledge: Knowledge, at: datetime) -> None:
    """After each completed assessment, orga and certif learn the learner's new profile."""
    profile = profile_of(knowledge, ports.max_level)
    ports.publisher.publish(
        ProfileUpdated(
            user_id=knowledge.user_id,
            competences=marks_of(profile),
            total_pix=profile.total_pix,
            certifiable=profile.is_certifiable,
            as_of=at,
        )
    )
