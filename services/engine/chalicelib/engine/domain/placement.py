"""Adaptive placement: which challenge to ask next, or None when the evaluation is over."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence

from chalicelib.engine.domain.content import LearningContent
from chalicelib.engine.domain.content_model import DEFAULT_LOCALE, Challenge, Skill
from chalicelib.engine.domain.knowledge import KnowledgeElement, latest_knowledge
from chalicelib.engine.domain.level_estimate import estimate_level, success_probability
from chalicelib.engine.domain.variants import pick_variant

REACH_ABOVE_ESTIMATE = 2.0
FIRST_QUESTION_LEVEL = 2
EASY_TUBE_MAX_LEVEL = 3
_TIE = 1e-9


def competence_targets(content: LearningContent, competence_code: str) -> tuple[str, ...]:
    """A competence evaluation targets every skill of the competence."""
    return tuple(skill.id for skill in content.skills_of_competence(competence_code))


def next_challenge(
    content: LearningContent,
    target_skill_ids: Iterable[str],
    knowledge_elements: Sequence[KnowledgeElement],
    asked_challenge_ids: Sequence[str],
    rng: random.Random,
    *,
    seen_challenge_ids: Collection[str] = frozenset(),
    max_answers: int | None = None,
    locale: str = DEFAULT_LOCALE,
) -> Challenge | None:
    """The next challenge of an evaluation, or None when it is over.

    `knowledge_elements` are all the learner's (oldest first), `asked_challenge_ids` those
    already asked in this evaluation, `seen_challenge_ids` those ever shown to the learner.
    Rules, in order:
    - no cap by default: an evaluation ends when nothing informative is left (a cap of 20
      answers under-rated learners of competences with many tubes); `max_answers` sets one;
    - only target skills with no knowledge element yet are asked — a known skill never is;
    - only skills at most 2 levels above the estimated level of their competence are worth
      asking: when none is left, nothing informative remains and the evaluation is over;
    - a challenge is never asked twice in an evaluation;
    - the first question is easy and never timed (`first_question_pool`), and a timed
      challenge is never followed by another timed one (`may_be_asked`);
    - tubes not yet visited in this evaluation come first;
    - then the skill whose answer should settle the most unknown skills of its tube, through
      inference, given the chance of a right answer at the estimated level;
    - ties are drawn with `rng`, then a variant is chosen with `pick_variant`.
    """
    if max_answers is not None and len(asked_challenge_ids) >= max_answers:
        return None
    asked = set(asked_challenge_ids)
    known = latest_knowledge(knowledge_elements)
    targets = [content.skill(skill_id) for skill_id in dict.fromkeys(target_skill_ids)]
    unknown = [
        skill
        for skill in targets
        if skill.id not in known
        and any(c.id not in asked for c in content.served_challenges(skill.id, locale))
    ]
    estimates = _estimates(targets, known, {skill.competence_code for skill in unknown})
    previous = content.challenges.get(asked_challenge_ids[-1]) if asked_challenge_ids else None

    first = not asked_challenge_ids

    def askable(skill: Skill) -> list[Challenge]:
        return [
            c
            for c in content.served_challenges(skill.id, locale)
            if c.id not in asked and may_be_asked(c, previous, first=first)
        ]

    def within_reach() -> list[Skill]:
        return [
            s
            for s in unknown
            if s.level <= estimates[s.competence_code] + REACH_ABOVE_ESTIMATE and askable(s)
        ]

    reachable = within_reach()
    if not reachable and first:
        # Only timed challenges within reach: a timed first question rather than no evaluation.
        first = False
        reachable = within_reach()
    if not reachable:
        return None
    visited_tubes = {
        content.skill_of(content.challenges[cid]).tube_id
        for cid in asked
        if cid in content.challenges
    }
    pool = [s for s in reachable if s.tube_id not in visited_tubes] or reachable
    if not asked_challenge_ids:
        pool = first_question_pool(content, targets, reachable) or pool
    unknown_by_tube: dict[str, list[Skill]] = defaultdict(list)
    for skill in unknown:
        unknown_by_tube[skill.tube_id].append(skill)
    gains = {s.id: _expected_gain(s, unknown_by_tube[s.tube_id], estimates) for s in pool}
    best = max(gains.values())
    finalists = sorted((s for s in pool if gains[s.id] >= best - _TIE), key=lambda s: s.id)
    skill = rng.choice(finalists)
    return pick_variant(askable(skill), seen_challenge_ids, rng)


def may_be_asked(challenge: Challenge, previous: Challenge | None, *, first: bool) -> bool:
    """A timed challenge is never the first question of an evaluation (unless nothing else is
    within reach), nor follows another timed one: when only timed challenges are left right
    after a timed one, it is over."""
    if not challenge.is_timed:
        return True
    return not first and not (previous is not None and previous.is_timed)


def first_question_pool(
    content: LearningContent, targets: Sequence[Skill], reachable: Sequence[Skill]
) -> list[Skill]:
    """The first question is easy: a skill of level 2 from a tube whose hardest target skill is
    at most level 3, else a level-2 skill of any tube (empty when there is none to ask)."""
    hardest: dict[str, int] = defaultdict(int)
    for skill in targets:
        hardest[skill.tube_id] = max(hardest[skill.tube_id], skill.level)
    level_two = [s for s in reachable if s.level == FIRST_QUESTION_LEVEL]
    easy = [s for s in level_two if hardest[s.tube_id] <= EASY_TUBE_MAX_LEVEL]
    return easy or level_two


def estimated_levels(
    content: LearningContent,
    target_skill_ids: Iterable[str],
    knowledge_elements: Sequence[KnowledgeElement],
) -> dict[str, float]:
    """The estimated level of each competence of the targets, from direct knowledge only."""
    targets = [content.skill(skill_id) for skill_id in dict.fromkeys(target_skill_ids)]
    known = latest_knowledge(knowledge_elements)
    return _estimates(targets, known, {skill.competence_code for skill in targets})


def _estimates(
    targets: list[Skill], known: dict[str, KnowledgeElement], competences: set[str]
) -> dict[str, float]:
    evidence: dict[str, list[tuple[int, bool]]] = defaultdict(list)
    for skill in targets:
        element = known.get(skill.id)
        if element is not None and element.is_direct:
            evidence[skill.competence_code].append((skill.level, element.is_validated))
    return {code: estimate_level(evidence[code]) for code in competences}


def _expected_gain(
    skill: Skill, unknown_in_tube: list[Skill], estimates: dict[str, float]
) -> float:
    """Expected number of unknown skills of the tube a single answer on `skill` would settle."""
    chance = success_probability(estimates[skill.competence_code], skill.level)
    settled_if_right = sum(1 for other in unknown_in_tube if other.level <= skill.level)
    settled_if_wrong = sum(1 for other in unknown_in_tube if other.level >= skill.level)
    return chance * settled_if_right + (1 - chance) * settled_if_wrong
