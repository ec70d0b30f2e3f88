"""A reduced season through the real queues: 2 schools (one public, one private) and 50
students, a session in each, the tests taken question by question, finalisation, the auto-jury,
publication — then the académie's dashboard against what the test itself set up."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from infra.local import season_days
from infra.local.season import Season
from infra.local.season_plan import plan_season
from infra.resources import SERVICES, dead_letter_queue
from tests.workflow.conftest import RunningStack, engine_code_on

pytestmark = [pytest.mark.workflow, pytest.mark.xdist_group("demo-stack")]


@pytest.fixture
def engine_code_on_the_stack(stack: RunningStack) -> Iterator[None]:
    with engine_code_on(stack):
        yield


def test_a_reduced_season_comes_out_as_it_was_set_up(stack, engine_code_on_the_stack):
    # GIVEN two schools, 50 students, 12 candidates in two sessions of which 10 come
    plan = plan_season(2, 50, centers=2, sessions=2, enrolled=12, took_part=10, academie="Réduite")
    season = Season(stack.url, stack.jury(), plan, workers=6)
    season.register_schools()
    season.appoint_admins()
    season.import_students()
    season.open_campaigns()
    season.wait_for_read_models()
    season.sign_up_candidates()
    season_days.seed_profiles(season)
    season.wait_until_certifiable()
    season.create_sessions()

    # WHEN the certification days are played to publication
    came = season_days.play_days(season)
    certified = season_days.certified_count(season, came)
    shown, wrong = season_days.compare_figures(season, certified)

    # THEN every figure is what the plan set up, per sector and in total
    assert [s.imported for s in season.schools] == [25, 25]
    assert wrong == []
    assert (
        shown["PUBLIC"]["candidates_enrolled"] == 6 and shown["PRIVATE"]["candidates_enrolled"] == 6
    )
    assert shown["total"]["candidates_took_part"] == 10 == len(came)
    assert shown["total"]["sessions_finalized"] == 2 == shown["total"]["sessions_created"]
    assert 0 < certified <= 10
    assert all(c["answered"] >= 15 for c in came)
    sqs = stack.aws("sqs")
    for service in SERVICES:
        url = sqs.get_queue_url(QueueName=dead_letter_queue(service))["QueueUrl"]
        attributes = sqs.get_queue_attributes(
            QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages"]
        )["Attributes"]
        assert attributes["ApproximateNumberOfMessages"] == "0", f"dead letters in {service}"
