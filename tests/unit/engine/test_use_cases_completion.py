"""A completed assessment archived off the answer's path: idempotent, and never lost for good."""

from __future__ import annotations

import random

import pytest

from chalicelib.engine.use_cases import completion
from infra.samples.simulated_learner import SimulatedLearner
from pixcore.principal import Principal
from tests.unit.engine.use_case_fakes import World

ZOE = Principal("zoe")


@pytest.fixture
def world(sample_bank) -> World:  # noqa: ANN001
    return World(sample_bank)


def _finished(world: World, competence: str = "3.1") -> str:
    assessment_id = world.start(ZOE, competence).assessment.id
    world.play(ZOE, assessment_id, SimulatedLearner({competence: 3.0}), random.Random(3))
    return assessment_id


def test_a_completion_delivered_twice_is_archived_and_published_once(world):
    # GIVEN a finished evaluation whose completion was delivered once
    assessment_id = _finished(world)
    [message] = world.publisher.of_type("AssessmentCompleted")
    world.deliver()
    # WHEN the same completion arrives again
    completion.archive_completed(world.ports, message)
    # THEN nothing more is published and nothing waits any more
    assert len(world.publisher.of_type("ProfileUpdated")) == 1
    assert assessment_id in world.store.archived
    assert world.store.pending_completions("zoe") == []


def test_a_lost_completion_is_announced_again_once_it_is_overdue(world):
    # GIVEN a finished evaluation whose completion message was lost
    assessment_id = _finished(world)
    world.publisher.published.clear()
    [pending] = world.store.pending_completions("zoe")
    assert pending.assessment_id == assessment_id
    # WHEN the learner looks at their profile soon after, then much later
    completion.announce_lost(world.ports, "zoe")
    assert world.publisher.of_type("AssessmentCompleted") == []
    world.clock.advance(seconds=completion.LOST_AFTER.total_seconds() + 1)
    completion.announce_lost(world.ports, "zoe")
    # THEN it is announced again, and archiving it publishes the profile
    [again] = world.publisher.of_type("AssessmentCompleted")
    assert again.assessment_id == assessment_id and again.completed_at == pending.completed_at
    assert world.deliver() == 1 and len(world.publisher.of_type("ProfileUpdated")) == 1
