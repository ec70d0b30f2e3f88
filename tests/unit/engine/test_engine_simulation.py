"""The simulated learner: abler learners reach higher levels, a decent one becomes certifiable."""

from __future__ import annotations

import random
from statistics import mean

from chalicelib.engine.domain.answers import AnswerResult, check_answer
from chalicelib.engine.domain.profile import compute_profile
from infra.samples.simulated_learner import SimulatedLearner, run_competence_evaluation
from pixcore.referential import COMPETENCE_CODES


def test_chance_of_success_falls_with_difficulty(sample_bank):
    learner = SimulatedLearner({"1.1": 3.0})
    chances = [
        learner.chance_of_success(s) for s in sample_bank.skills_of_tube("tube-moteurRecherche")
    ]
    assert chances == sorted(chances, reverse=True)
    assert chances[0] > 0.9 and chances[-1] < 0.01


def test_answers_are_values_the_checker_grades(sample_bank, rng):
    learner = SimulatedLearner({"1.1": 8.0, "3.4": 0.0})
    easy = sample_bank.challenge("chal-moteurRecherche1-b")
    hard = sample_bank.challenge("chal-variables8-a")
    assert check_answer(easy, learner.answer(sample_bank, easy, rng)) is AnswerResult.OK
    assert check_answer(hard, learner.answer(sample_bank, hard, rng)) is AnswerResult.KO
    skipper = SimulatedLearner({}, skip_rate=1.0)
    assert check_answer(easy, skipper.answer(sample_bank, easy, rng)) is AnswerResult.SKIPPED


def test_higher_ability_gives_higher_levels_on_average(sample_bank):
    rng, levels = random.Random(5), {}
    for ability in (1.0, 3.0, 5.0):
        reached = []
        for _ in range(12):
            run = run_competence_evaluation(
                sample_bank, SimulatedLearner({"2.1": ability}), "2.1", rng
            )
            reached.append(compute_profile(run.knowledge_elements).score("2.1").level)
            assert len(run.asked_challenge_ids) <= 20
        levels[ability] = mean(reached)
    assert levels[1.0] < levels[3.0] < levels[5.0]
    assert abs(levels[3.0] - 3) <= 1.5


def test_a_decent_learner_becomes_certifiable_over_the_16_competences(sample_bank):
    rng = random.Random(11)
    learner = SimulatedLearner({code: 2.5 for code in COMPETENCE_CODES})
    elements = []
    for code in COMPETENCE_CODES:
        elements = run_competence_evaluation(
            sample_bank, learner, code, rng, knowledge_elements=elements
        ).knowledge_elements
    profile = compute_profile(elements)
    assert profile.is_certifiable
    assert profile.certifiable_competence_count >= 10
    weak = SimulatedLearner({code: 0.0 for code in COMPETENCE_CODES})
    run = run_competence_evaluation(sample_bank, weak, "1.1", rng)
    assert compute_profile(run.knowledge_elements).score("1.1").level == 0
