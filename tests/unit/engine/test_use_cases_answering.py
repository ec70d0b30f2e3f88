"""Answering: one answer per challenge, idempotent replays, time, lost races."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest

from chalicelib.engine.domain.answers import AnswerResult
from infra.samples.simulated_learner import right_value, wrong_value
from pixcore.errors import ConcurrentUpdate, Conflict, Forbidden
from pixcore.principal import Principal
from tests.unit.engine.use_case_fakes import World

ZOE = Principal("zoe")


@pytest.fixture
def world(sample_bank) -> World:  # noqa: ANN001
    return World(sample_bank)


def _started(world: World):  # noqa: ANN202
    assessment_id = world.start(ZOE).assessment.id
    return assessment_id, world.next(ZOE, assessment_id)


def test_a_right_answer_is_ok_and_brings_the_next_challenge(world):
    assessment_id, shown = _started(world)
    outcome = world.answer(ZOE, assessment_id, shown.id, right_value(shown, random.Random(1)))
    assert outcome.result is AnswerResult.OK and outcome.next is not None
    assert world.store.get(assessment_id, "zoe").current_challenge_id == outcome.next.id
    assert len(world.store.knowledge("zoe").elements) >= 1


def test_the_same_answer_again_gets_the_same_response(world):
    assessment_id, shown = _started(world)
    value = wrong_value(shown, random.Random(1))
    first = world.answer(ZOE, assessment_id, shown.id, value)
    world.answer(ZOE, assessment_id, first.next.id, skip=True)
    assert world.answer(ZOE, assessment_id, shown.id, value) == first
    assert len(world.store.answers) == 2


def test_a_different_second_answer_is_refused(world):
    assessment_id, shown = _started(world)
    world.answer(ZOE, assessment_id, shown.id, skip=True)
    with pytest.raises(Conflict) as refused:
        world.answer(ZOE, assessment_id, shown.id, right_value(shown, random.Random(1)))
    assert refused.value.code == "ANSWER_ALREADY_GIVEN"


def test_only_the_current_challenge_may_be_answered(world):
    assessment_id, shown = _started(world)
    other = next(c for c in world.content.challenges.values() if c.id != shown.id)
    with pytest.raises(Conflict) as refused:
        world.answer(ZOE, assessment_id, other.id, skip=True)
    assert refused.value.code == "CHALLENGE_NOT_CURRENT"


def test_someone_else_may_not_answer(world):
    assessment_id, shown = _started(world)
    with pytest.raises(Forbidden):
        world.answer(Principal("mallory"), assessment_id, shown.id, skip=True)


def test_a_skip_is_aband(world):
    assessment_id, shown = _started(world)
    assert world.answer(ZOE, assessment_id, shown.id, skip=True).result is AnswerResult.SKIPPED


def test_a_timed_challenge_answered_after_its_timer_is_timed_out(world):
    timed = sorted({c.skill_id for c in world.content.challenges.values() if c.timer})
    started = world.start_campaign(ZOE, timed, "TIMED")
    assessment_id = started.assessment.id
    current = world.next(ZOE, assessment_id)
    while current.timer is None:
        current = world.answer(ZOE, assessment_id, current.id, skip=True).next
    in_time = right_value(current, random.Random(1))
    world.clock.advance(seconds=current.timer + 1)
    outcome = world.answer(ZOE, assessment_id, current.id, in_time)
    assert outcome.result is AnswerResult.TIMED_OUT


def test_a_lost_race_is_retried_once_then_reported(world, monkeypatch):
    assessment_id, shown = _started(world)
    original, failures = world.store.record_answer, []

    def racing(*args):  # noqa: ANN002, ANN202
        if len(failures) < 1:
            failures.append(1)
            raise ConcurrentUpdate()
        return original(*args)

    monkeypatch.setattr(world.store, "record_answer", racing)
    assert world.answer(ZOE, assessment_id, shown.id, skip=True).result is AnswerResult.SKIPPED

    def always_losing(*args):  # noqa: ANN002, ANN202
        raise ConcurrentUpdate()

    monkeypatch.setattr(world.store, "record_answer", always_losing)
    following = world.store.get(assessment_id, "zoe").current_challenge_id
    with pytest.raises(ConcurrentUpdate):
        world.answer(ZOE, assessment_id, following, skip=True)


def test_served_time_is_kept_when_the_challenge_is_shown_again(world):
    assessment_id, shown = _started(world)
    served = world.store.get(assessment_id, "zoe").served_at
    world.clock.advance(seconds=30)
    world.next(ZOE, assessment_id)
    assert world.store.get(assessment_id, "zoe").served_at == served
    assert world.clock.now() - served == timedelta(seconds=30)
