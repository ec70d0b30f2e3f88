"""Campaign assessments and profile shares, with in-memory fakes: engine follows orga's
campaign messages in any order, and a share is the profile as of the moment it is asked."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest

from chalicelib.engine.domain.profile import compute_profile
from chalicelib.engine.use_cases import assessments, campaigns, profiles, sharing
from infra.samples.simulated_learner import SimulatedLearner, right_value
from pixcore.errors import Forbidden, NotFound, RuleViolation
from pixcore.messages.catalog import CampaignArchived, ProfileShareRequested
from pixcore.principal import Principal
from tests.unit.engine.use_case_fakes import World

ZOE = Principal("zoe")
CODE = "PARCRS123"


@pytest.fixture
def world(sample_bank) -> World:  # noqa: ANN001
    return World(sample_bank)


def _archive(world: World, code: str = CODE) -> None:
    message = CampaignArchived(
        campaign_id=f"campaign-{code}", code=code, archived_at=world.clock.now()
    )
    campaigns.record_archived(world.ports, message)


def _start(world: World, user: Principal = ZOE, code: str = CODE) -> assessments.Started:
    return assessments.start_campaign_assessment(world.ports, user, code)


def test_a_joined_participant_runs_the_campaign_over_its_targets_and_resumes_it(world):
    targets = [s.id for s in world.content.skills_of_competence("4.2")][:6]
    world.join(ZOE, world.campaign(targets))
    started = _start(world, code=CODE.lower())
    assert started.assessment.target_skill_ids == tuple(targets)
    assert started.assessment.campaign_code == CODE and not started.resumed
    again = _start(world)
    assert again.resumed and again.assessment.id == started.assessment.id


def test_a_campaign_is_refused_unless_it_exists_is_an_open_assessment_and_was_joined(world):
    targets = [s.id for s in world.content.skills_of_competence("1.1")][:3]
    with pytest.raises(NotFound) as unknown:
        _start(world)
    assert unknown.value.code == "CAMPAIGN_NOT_FOUND"
    world.campaign(targets)
    with pytest.raises(Forbidden) as not_joined:
        _start(world)
    assert not_joined.value.code == "CAMPAIGN_NOT_JOINED"
    world.join(ZOE, world.campaign(targets, code="PROFIL123", kind="PROFILES_COLLECTION"))
    with pytest.raises(RuleViolation) as collection:
        _start(world, code="PROFIL123")
    assert collection.value.code == "CAMPAIGN_NOT_ASSESSMENT"
    world.join(ZOE, CODE)
    _archive(world)
    with pytest.raises(RuleViolation) as archived:
        _start(world)
    assert archived.value.code == "CAMPAIGN_ARCHIVED"


def test_campaign_messages_arriving_out_of_order_give_the_same_campaign(world):
    targets = [s.id for s in world.content.skills_of_competence("2.1")][:3]
    # The join and the archive arrive before the creation, which then arrives twice.
    world.join(ZOE, "EARLYX123")
    with pytest.raises(NotFound):
        _start(world, code="EARLYX123")
    world.campaign(targets, code="EARLYX123")
    world.campaign(["skill-moteurRecherche1"], code="EARLYX123")
    assert _start(world, code="EARLYX123").assessment.target_skill_ids == tuple(targets)
    _archive(world, "LATEST123")
    world.join(ZOE, world.campaign(targets, code="LATEST123"))
    with pytest.raises(RuleViolation) as archived:
        _start(world, code="LATEST123")
    assert archived.value.code == "CAMPAIGN_ARCHIVED"


def test_a_ko_in_a_campaign_aimed_at_one_skill_leaves_the_rest_of_its_tube_open(make_bank):
    # GIVEN a campaign aimed at @a2 only, answered wrong
    world = World(make_bank({"@a": ("1.1", [1, 2, 3, 4, 5, 6, 7, 8])}))
    started = world.start_campaign(ZOE, ["s@a2"])
    shown = world.next(ZOE, started.assessment.id)
    assert world.answer(ZOE, started.assessment.id, shown.id, "2").completed
    assert set(world.store.knowledge("zoe").elements) == {"s@a2"}
    # WHEN the learner then takes the competence evaluation, right on everything
    evaluation = world.start(ZOE, "1.1").assessment.id
    current = world.next(ZOE, evaluation)
    while current is not None:
        current = world.answer(ZOE, evaluation, current.id, "1").next
    # THEN harder skills were asked and count (the campaign's ko had invalidated @a3…@a8: the
    # evaluation could only ask @a1, for 4 pix)
    knowledge = world.store.knowledge("zoe").elements
    assert knowledge["s@a3"].is_validated and not knowledge["s@a2"].is_validated
    assert [s for s, e in knowledge.items() if not e.is_validated] == ["s@a2"]
    assert compute_profile(knowledge.values()).score("1.1").pix >= 12


def _share(world: World, user_id: str = "zoe", code: str = CODE) -> None:
    request = ProfileShareRequested(
        campaign_id=f"campaign-{code}", code=code, user_id=user_id, requested_at=world.clock.now()
    )
    sharing.share_profile(world.ports, request)


def test_a_share_is_the_profile_as_of_now_even_mid_evaluation(world):
    # GIVEN a profiles collection, and a learner half-way through an evaluation
    world.join(ZOE, world.campaign([], kind="PROFILES_COLLECTION"))
    for code in ("1.1", "1.2", "1.3", "2.1"):
        world.play(ZOE, world.start(ZOE, code).assessment.id, SimulatedLearner({code: 4.0}),
                   random.Random(3))  # fmt: skip
    ongoing = world.start(ZOE, "2.2").assessment.id
    shown = world.next(ZOE, ongoing)
    world.answer(ZOE, ongoing, shown.id, right_value(shown, random.Random(1)))
    world.clock.advance(minutes=3)
    # WHEN the learner sends their profile, before any completion was archived
    _share(world)
    # THEN the figures are those of their profile at that moment
    [shared] = world.publisher.of_type("ProfileShared")
    live = profiles.my_profile(world.ports, ZOE)
    assert [(m.competence, m.level, m.pix) for m in shared.competences] == [
        (s.competence_code, s.level, s.pix) for s in live.scores
    ]
    assert shared.competences[4].pix > 0 and world.publisher.of_type("ProfileUpdated") == []
    assert (shared.total_pix, shared.certifiable) == (live.total_pix, live.is_certifiable)
    assert shared.as_of == world.clock.now() and shared.mastery_percentage is None


def test_a_share_for_an_assessment_campaign_carries_the_mastery_of_its_targets(make_bank):
    world = World(make_bank({"@a": ("1.1", [1, 2, 3, 4]), "@b": ("1.1", [1, 2])}))
    started = world.start_campaign(ZOE, ["s@a1", "s@a2", "s@a3", "s@a4", "s@b2"])
    current = world.next(ZOE, started.assessment.id)
    while current is not None:
        right = world.content.skill_of(current).level <= 2
        current = world.answer(ZOE, started.assessment.id, current.id, "1" if right else "2").next
    _share(world)
    [shared] = world.publisher.of_type("ProfileShared")
    assert (shared.target_skill_count, shared.validated_target_skill_count) == (5, 3)
    assert shared.mastery_percentage == 60 and shared.code == CODE


def test_a_share_before_its_campaign_is_known_waits_for_it(world):
    with pytest.raises(sharing.CampaignNotKnownYet):
        _share(world, code="UNKNWN123")
    assert world.publisher.of_type("ProfileShared") == []
    world.campaign([], code="UNKNWN123", kind="PROFILES_COLLECTION")
    world.clock.advance(seconds=timedelta(minutes=1).total_seconds())
    _share(world, code="UNKNWN123")
    assert len(world.publisher.of_type("ProfileShared")) == 1
