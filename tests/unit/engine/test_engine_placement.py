"""Adaptive placement: the next challenge, and when a placement is over."""

from __future__ import annotations

import random

from chalicelib.engine.domain.answers import AnswerResult
from chalicelib.engine.domain.knowledge import knowledge_for_answer
from chalicelib.engine.domain.placement import competence_targets, estimated_levels, next_challenge


def answer(content, challenge, result, elements):
    return elements + knowledge_for_answer(
        content, challenge, result, elements, answer_id=challenge.id, scope=content.skills
    )


def test_first_question_is_near_the_starting_level_in_an_unseen_tube(sample_bank, rng):
    targets = competence_targets(sample_bank, "1.1")
    first = next_challenge(sample_bank, targets, [], [], rng)
    assert 1 <= sample_bank.skill_of(first).level <= 4
    second = next_challenge(sample_bank, targets, [], [first.id], rng)
    assert sample_bank.skill_of(second).tube_id != sample_bank.skill_of(first).tube_id


def test_never_asks_a_known_skill_nor_a_served_challenge_and_prefers_unseen_variants(sample_bank):
    rng, targets = random.Random(1), competence_targets(sample_bank, "2.2")
    elements, asked = [], []
    seen_before = {c.id for c in sample_bank.challenges.values() if c.id.endswith("-a")}
    while (
        challenge := next_challenge(
            sample_bank, targets, elements, asked, rng, seen_challenge_ids=seen_before
        )
    ) is not None:
        known = {e.skill_id for e in elements}
        assert challenge.skill_id not in known and challenge.id not in asked
        assert challenge.id not in seen_before
        result = AnswerResult.OK if sample_bank.skill_of(challenge).level <= 3 else AnswerResult.KO
        elements = answer(sample_bank, challenge, result, elements)
        asked.append(challenge.id)
    assert 0 < len(asked) <= 20


def test_ends_when_nothing_informative_is_left(make_bank, rng):
    content = make_bank({"@a": ("1.1", [1, 2, 3, 4, 5, 6])})
    targets = competence_targets(content, "1.1")
    first = next_challenge(content, targets, [], [], rng)
    easiest = content.challenge("c@a1-0")
    elements = answer(content, easiest, AnswerResult.KO, [])  # invalidates the whole tube
    assert next_challenge(content, targets, elements, [easiest.id], rng) is None
    assert first is not None


def test_ends_at_the_cap(sample_bank, rng):
    targets = competence_targets(sample_bank, "1.1")
    assert next_challenge(sample_bank, targets, [], ["x"] * 3, rng, max_answers=3) is None


def test_same_random_source_same_choices(sample_bank):
    targets = competence_targets(sample_bank, "3.4")
    picks = [next_challenge(sample_bank, targets, [], [], random.Random(9)).id for _ in range(3)]
    assert len(set(picks)) == 1


def test_estimate_rises_with_right_answers_and_only_direct_ones_count(sample_bank):
    targets = competence_targets(sample_bank, "1.1")
    start = estimated_levels(sample_bank, targets, [])["1.1"]
    hard = sample_bank.challenge("chal-moteurRecherche5-a")
    right = answer(sample_bank, hard, AnswerResult.OK, [])
    wrong = answer(sample_bank, hard, AnswerResult.KO, [])
    assert (
        estimated_levels(sample_bank, targets, wrong)["1.1"]
        < start
        < estimated_levels(sample_bank, targets, right)["1.1"]
    )


def test_campaign_targets_restrict_the_skills_asked(sample_bank, rng):
    targets = ["skill-motsDePasse2", "skill-hameconnage3"]
    asked, elements = [], []
    while (challenge := next_challenge(sample_bank, targets, elements, asked, rng)) is not None:
        assert challenge.skill_id in targets
        elements = answer(sample_bank, challenge, AnswerResult.OK, elements)
        asked.append(challenge.id)
    assert len(asked) == 2
