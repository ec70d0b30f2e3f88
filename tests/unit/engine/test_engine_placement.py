"""Adaptive placement: the next challenge, and when a placement is over."""

from __future__ import annotations

import random

from hypothesis import example, given, settings
from hypothesis import strategies as st

from chalicelib.engine.content_files import load_content
from chalicelib.engine.domain.answers import AnswerResult
from chalicelib.engine.domain.knowledge import knowledge_for_answer
from chalicelib.engine.domain.placement import competence_targets, estimated_levels, next_challenge
from infra.samples.simulated_learner import SimulatedLearner, run_competence_evaluation
from tests.unit.engine.builders import bank_data


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


def _timed(data: dict, skill_ids: set[str], variants: tuple[int, ...] = (0,)) -> dict:
    """Gives a 60-second timer to these variants of these skills."""
    for challenge in data["challenges"]:
        if challenge["skill"] in skill_ids and int(challenge["id"].rsplit("-", 1)[1]) in variants:
            challenge["timer"] = 60
    return data


def test_the_first_question_is_level_2_untimed_from_a_tube_no_harder_than_3(rng):
    data = bank_data({"@a": ("1.1", [1, 2, 3, 4, 5, 6]), "@b": ("1.1", [1, 2, 3])})
    content = load_content(_timed(data, {"s@a2", "s@b2"}))
    targets = competence_targets(content, "1.1")
    for seed in range(20):
        first = next_challenge(content, targets, [], [], random.Random(seed))
        assert (first.skill_id, first.is_timed) == ("s@b2", False), seed


def test_without_an_easy_tube_the_first_question_is_still_level_2_and_untimed():
    data = bank_data({"@a": ("1.1", [1, 2, 3, 4, 5, 6]), "@b": ("1.1", [1, 2, 3, 4])})
    content = load_content(_timed(data, {"s@a2", "s@b2"}))
    targets = competence_targets(content, "1.1")
    for seed in range(20):
        first = next_challenge(content, targets, [], [], random.Random(seed))
        assert content.skill_of(first).level == 2 and not first.is_timed, seed


TIMERS = st.lists(st.sampled_from([(), (0,), (0, 1)]), min_size=12, max_size=12)


@settings(max_examples=60, deadline=None)
@given(timers=TIMERS, ability=st.floats(0, 8), seed=st.integers(0, 1000))
@example(  # only timed challenges up to level 4: the evaluation used to end with no question
    timers=[(0, 1)] * 4 + [(), ()] + [(0, 1)] * 4 + [(), ()], ability=0.0, seed=0
)
def test_two_timed_challenges_never_follow_each_other(timers, ability, seed):
    # GIVEN a competence where some skills have a timed variant, some only timed ones
    data = bank_data({"@a": ("1.1", [1, 2, 3, 4, 5, 6]), "@b": ("1.1", [1, 2, 3, 4, 5, 6])})
    skills = [s["id"] for s in data["skills"]]
    for skill_id, variants in zip(skills, timers, strict=True):
        _timed(data, {skill_id}, variants)
    content = load_content(data)
    # WHEN a learner takes the evaluation
    run = run_competence_evaluation(
        content, SimulatedLearner({"1.1": ability}), "1.1", random.Random(seed)
    )
    # THEN the first question is untimed (when an untimed one is within reach), and no timed
    # question follows a timed one
    timed = [content.challenge(cid).is_timed for cid in run.asked_challenge_ids]
    assert timed, "an evaluation asks at least one question"
    easy_untimed = any(
        not c.is_timed and content.skill_of(c).level <= 3 for c in content.challenges.values()
    )
    assert not timed[0] or not easy_untimed
    assert not any(a and b for a, b in zip(timed, timed[1:], strict=False))


def test_right_after_a_timed_challenge_an_untimed_variant_is_served():
    data = bank_data({"@a": ("1.1", [1, 2, 3]), "@b": ("1.1", [1, 2, 3])})
    content = load_content(_timed(data, {"s@a1", "s@a2", "s@a3"}, (0,)))
    targets = competence_targets(content, "1.1")
    timed = content.challenge("c@a3-0")
    for seed in range(20):
        following = next_challenge(content, targets, [], [timed.id], random.Random(seed))
        assert following is not None and not following.is_timed, seed
    only_timed = load_content(_timed(bank_data({"@a": ("1.1", [1, 2])}), {"s@a1", "s@a2"}, (0, 1)))
    after = next_challenge(
        only_timed, ["s@a1", "s@a2"], [], ["c@a2-0"], random.Random(1), max_answers=None
    )
    assert after is None  # nothing untimed is left to ask: the evaluation is over
