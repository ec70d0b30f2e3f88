"""Engine's side of campaigns through HTTP on moto: assessments only for joined participants of
open assessment campaigns, and shared profiles equal to the live profile."""

from __future__ import annotations

import random
from datetime import UTC, datetime

from chalicelib.engine import bootstrap
from infra.samples.simulated_learner import SimulatedLearner, right_value
from pixcore.messages.catalog import CampaignArchived, ProfileShareRequested
from tests.integration.conftest import body, drain
from tests.integration.engine_helpers import (
    deliver,
    first_challenge,
    headers_for,
    open_campaign,
    play,
    post,
    start,
)


def _campaign_start(client, code: str, user_id: str = "zoe"):  # noqa: ANN001, ANN202
    return post(client, "/assessments", {"campaign_code": code}, headers_for(user_id))


def test_a_campaign_assessment_is_refused_with_a_reason_to_anyone_who_may_not_take_it(client, apps):
    targets = [s.id for s in bootstrap.content().skills_of_competence("1.2")][:4]
    open_campaign(apps, "PARCRS123", targets)
    open_campaign(apps, "PROFIL123", [], kind="PROFILES_COLLECTION")
    open_campaign(apps, "ARCHIV123", targets)
    deliver(
        apps,
        CampaignArchived(
            campaign_id="campaign-ARCHIV123", code="ARCHIV123", archived_at=datetime.now(UTC)
        ),
    )
    refusals = {
        "unknown": (_campaign_start(client, "NOPENO123"), 404, "CAMPAIGN_NOT_FOUND"),
        "not joined": (_campaign_start(client, "PARCRS123", "mallory"), 403, "CAMPAIGN_NOT_JOINED"),
        "collection": (_campaign_start(client, "PROFIL123"), 422, "CAMPAIGN_NOT_ASSESSMENT"),
        "archived": (_campaign_start(client, "ARCHIV123"), 422, "CAMPAIGN_ARCHIVED"),
    }
    for why, (reply, status, code) in refusals.items():
        error = body(reply)["error"]
        assert (reply.status_code, error["code"]) == (status, code), why
        assert error["message"][0].isupper() and error["message"].endswith("."), why
    own_targets = post(
        client,
        "/assessments",
        {"campaign_code": "PARCRS123", "target_skill_ids": targets},
        headers_for("zoe"),
    )
    assert own_targets.status_code == 400
    started = _campaign_start(client, "PARCRS123")
    assert started.status_code == 201 and body(started)["campaign_code"] == "PARCRS123"


def _share(apps, code: str, user_id: str = "zoe") -> dict:  # noqa: ANN001
    drain("orga")
    deliver(
        apps,
        ProfileShareRequested(
            campaign_id=f"campaign-{code}",
            code=code,
            user_id=user_id,
            requested_at=datetime.now(UTC),
        ),
    )
    [shared] = [m for m in drain("orga") if m["type"] == "ProfileShared"]
    return shared


def test_a_shared_profile_is_the_live_profile_even_mid_evaluation(client, apps):
    # GIVEN a learner with a finished evaluation and one under way (nothing archived yet)
    headers, content = headers_for("zoe"), bootstrap.content()
    open_campaign(apps, "COLLEC123", [], kind="PROFILES_COLLECTION")
    finished = start(client, headers, "3.1")["assessment_id"]
    play(client, headers, finished, content, SimulatedLearner({"3.1": 4}), random.Random(4))
    ongoing = start(client, headers, "3.2")["assessment_id"]
    shown = content.challenge(first_challenge(client, headers, ongoing)["challenge_id"])
    payload = {"challenge_id": shown.id, "value": right_value(shown, random.Random(2))}
    assert post(client, f"/assessments/{ongoing}/answers", payload, headers).status_code == 201
    # WHEN they send their profile
    shared = _share(apps, "COLLEC123")
    # THEN engine answers with exactly what their profile page shows at that moment
    live = body(client("engine").http.get("/users/me/profile", headers=headers))
    assert shared["competences"] == [
        {"competence": c["code"], "level": c["level"], "pix": c["pix"]} for c in live["competences"]
    ]
    assert (shared["total_pix"], shared["certifiable"]) == (live["total_pix"], live["certifiable"])
    assert [c["pix"] > 0 for c in live["competences"][7:9]] == [True, True]
    assert shared["mastery_percentage"] is None


def test_a_shared_assessment_campaign_carries_the_mastery_of_its_targets(client, apps):
    headers, content = headers_for("zoe"), bootstrap.content()
    targets = [s.id for s in content.skills_of_competence("4.1")]
    open_campaign(apps, "MAITRS123", targets)
    assessment_id = body(_campaign_start(client, "MAITRS123"))["assessment_id"]
    play(client, headers, assessment_id, content, SimulatedLearner({"4.1": 3}), random.Random(7))
    shared = _share(apps, "MAITRS123")
    knowledge = bootstrap.ports().assessments.knowledge("zoe").elements
    validated = sum(1 for s in targets if s in knowledge and knowledge[s].is_validated)
    assert shared["target_skill_count"] == len(targets)
    assert shared["validated_target_skill_count"] == validated > 0
    assert abs(shared["mastery_percentage"] - 100 * validated / len(targets)) <= 0.5
