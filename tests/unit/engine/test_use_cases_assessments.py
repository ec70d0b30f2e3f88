"""Starting, resuming and finishing assessments, with in-memory fakes."""

from __future__ import annotations

import random

import pytest

from chalicelib.engine.content_files import load_content
from chalicelib.engine.use_cases import assessments, profiles
from infra.samples.simulated_learner import SimulatedLearner
from pixcore.errors import Forbidden, Invalid, NotFound
from pixcore.principal import Principal
from tests.unit.engine.builders import bank_data
from tests.unit.engine.use_case_fakes import MAX_LEVEL, World

ZOE = Principal("zoe")


@pytest.fixture
def world(sample_bank) -> World:  # noqa: ANN001
    return World(sample_bank)


def test_a_started_evaluation_of_a_competence_is_resumed(world):
    first = world.start(ZOE, "2.3")
    again = world.start(ZOE, "2.3")
    assert again.resumed and again.assessment.id == first.assessment.id
    assert not world.start(ZOE, "2.4").resumed


def test_an_unknown_competence_is_not_found(world):
    with pytest.raises(NotFound):
        world.start(ZOE, "6.1")


def test_a_campaign_assessment_refuses_unknown_skills(world):
    with pytest.raises(Invalid) as refused:
        world.start_campaign(ZOE, ["skill-nope"])
    assert refused.value.code == "SKILL_NOT_FOUND"


def test_next_serves_the_same_challenge_until_it_is_answered(world):
    assessment_id = world.start(ZOE).assessment.id
    shown = world.next(ZOE, assessment_id)
    assert shown is not None and world.next(ZOE, assessment_id) == shown
    assert world.store.get(assessment_id, "zoe").served_at == world.clock.now()


def test_only_the_owner_may_follow_an_assessment(world):
    assessment_id = world.start(ZOE).assessment.id
    with pytest.raises(Forbidden):
        world.next(Principal("mallory"), assessment_id)
    with pytest.raises(Forbidden):
        assessments.get_assessment(world.ports, Principal("mallory"), assessment_id)


def test_a_finished_evaluation_is_completed_and_publishes_the_profile_once_archived(world):
    assessment_id = world.start(ZOE, "5.1").assessment.id
    answered = world.play(ZOE, assessment_id, SimulatedLearner({"5.1": 4.0}), random.Random(1))
    assert 1 <= answered <= 20
    assert world.store.get(assessment_id, "zoe").is_completed
    assert world.next(ZOE, assessment_id) is None
    [completed] = world.publisher.of_type("AssessmentCompleted")
    assert completed.assessment_id == assessment_id and completed.completed_at == world.clock.now()
    assert world.publisher.of_type("ProfileUpdated") == []
    assert world.deliver() == 1
    [update] = world.publisher.of_type("ProfileUpdated")
    marks = {m.competence: m for m in update.competences}
    assert update.user_id == "zoe" and marks["5.1"].level >= 1 and not update.certifiable
    assert update.as_of == completed.completed_at
    assert len(world.store.archived[assessment_id]) == answered


def test_a_new_evaluation_of_a_finished_competence_starts_fresh_and_ends_at_once(world):
    first = world.start(ZOE, "5.2").assessment.id
    world.play(ZOE, first, SimulatedLearner({"5.2": 3.0}), random.Random(2))
    second = world.start(ZOE, "5.2")
    assert not second.resumed and second.assessment.id != first
    assert world.next(ZOE, second.assessment.id) is None  # every skill is already known


def test_the_profile_becomes_certifiable_after_five_competences(world):
    learner, rng = (
        SimulatedLearner({c: 3.0 for c in ("1.1", "1.2", "1.3", "2.1", "2.2")}),
        random.Random(7),
    )
    for code in ("1.1", "1.2", "1.3", "2.1"):
        world.play(ZOE, world.start(ZOE, code).assessment.id, learner, rng)
    assert profiles.my_profile(world.ports, ZOE).is_certifiable is False
    world.play(ZOE, world.start(ZOE, "2.2").assessment.id, learner, rng)
    assert world.deliver() == 5
    profile = profiles.my_profile(world.ports, ZOE)
    assert profile.is_certifiable is True and profile.message is None
    assert profile.certifiable_competence_count == 5
    assert profile.max_level == MAX_LEVEL
    assert world.publisher.of_type("ProfileUpdated")[-1].certifiable is True


def test_the_referential_counts_skills_per_level(world):
    document = profiles.referential(world.content)
    competence = document["areas"][0]["competences"][0]
    assert sum(competence["skills_per_level"].values()) == len(
        world.content.skills_of_competence(competence["code"])
    )


def test_a_level_with_a_draft_only_skill_is_worth_its_full_8_pix_to_a_right_learner():
    # GIVEN 1.1 with three level-2 skills, one of which has only draft challenges
    data = bank_data({"@a": ("1.1", [1, 2]), "@b": ("1.1", [2]), "@c": ("1.1", [2])})
    for challenge in data["challenges"]:
        if challenge["skill"] == "s@c2":
            challenge["status"] = "proposé"
    world = World(load_content(data))
    # WHEN a learner answers every question of the evaluation right
    assessment_id = world.start(ZOE, "1.1").assessment.id
    current = world.next(ZOE, assessment_id)
    while current is not None:
        current = world.answer(ZOE, assessment_id, current.id, "1").next
    # THEN level 2 brings 8 pix (4 + 4), not 5.33 (2 × 8/3)
    assert profiles.my_profile(world.ports, ZOE).score("1.1").pix == 12
