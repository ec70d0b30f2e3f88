"""Contract of the campaign, participation, profile and result ports, fake and DynamoDB alike."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from chalicelib.orga.adapters.dynamo_campaigns import (
    DynamoCampaignRepository,
    DynamoParticipationRepository,
    DynamoProfileRepository,
)
from chalicelib.orga.adapters.dynamo_results import DynamoResultRepository
from chalicelib.orga.adapters.memory import (
    InMemoryCampaignRepository,
    InMemoryParticipationRepository,
    InMemoryProfileRepository,
    InMemoryResultRepository,
)
from chalicelib.orga.domain.campaigns import CampaignType
from chalicelib.orga.domain.collection_export import CompetenceResult, ProfileSnapshot
from chalicelib.orga.domain.participation import Campaign, LearnerProfile, Participation
from chalicelib.orga.domain.results_export import CertificationResultRow, CertificationStatus
from pixcore.codes import campaign_code
from pixcore.errors import Conflict, NotFound, RuleViolation
from pixcore.ids import new_id

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def repos(kind: str):  # noqa: ANN201
    if kind == "memory":
        return (
            InMemoryCampaignRepository(),
            InMemoryParticipationRepository(),
            InMemoryProfileRepository(),
            InMemoryResultRepository(),
        )
    return (
        DynamoCampaignRepository(),
        DynamoParticipationRepository(),
        DynamoProfileRepository(),
        DynamoResultRepository(),
    )


def campaign(org: str, **fields) -> Campaign:  # noqa: ANN003
    base = dict(
        id=new_id(),
        organization_id=org,
        code=campaign_code(),
        name="Parcours de rentrée",
        type=CampaignType.ASSESSMENT,
        created_by="admin",
        created_at=T0,
        target_skill_ids=["skill-moteurRecherche2"],
        external_id_label="Numéro élève",
        landing_text="Bienvenue",
    )
    return Campaign(**{**base, **fields})


def test_a_campaign_is_found_by_id_code_and_school_and_its_code_is_taken_once(repos):
    campaigns, *_ = repos
    org = new_id()
    first, second = campaign(org), campaign(org, created_at=T0 + timedelta(hours=1))
    assert campaigns.add(first) and campaigns.add(second)
    assert campaigns.get(first.id) == first and campaigns.by_code(first.code) == first
    assert [c.id for c in campaigns.of_organization(org)] == [second.id, first.id]
    assert campaigns.add(campaign(org, code=first.code)) is False
    assert len(campaigns.of_organization(org)) == 2
    with pytest.raises(NotFound):
        campaigns.by_code(campaign_code())


def test_a_campaign_is_archived_once(repos):
    campaigns, *_ = repos
    c = campaign(new_id())
    campaigns.add(c)
    campaigns.archive(c.id, T0)
    assert campaigns.get(c.id).archived_at == T0
    with pytest.raises(Conflict) as again:
        campaigns.archive(c.id, T0)
    assert again.value.code == "CAMPAIGN_ARCHIVED"
    with pytest.raises(NotFound):
        campaigns.archive(new_id(), T0)


def participation(campaign_id: str, user_id: str) -> Participation:
    return Participation(campaign_id, user_id, "org", "s1", "Lefèvre", "Zoé", "3E1", T0, "A-12")


def test_a_participation_is_added_once_and_a_profile_sent_once(repos):
    _, participations, *_ = repos
    cid = new_id()
    assert participations.add(participation(cid, "u1"))
    assert participations.add(replace(participation(cid, "u1"), division="3E2")) is False
    assert participations.find(cid, "u1") == participation(cid, "u1")
    assert participations.find(cid, "u2") is None
    snapshot = ProfileSnapshot({"1.1": CompetenceResult(2, 17)})
    participations.share(cid, "u1", T0, snapshot)
    shared = participations.find(cid, "u1")
    assert (shared.shared_at, shared.snapshot) == (T0, snapshot)
    with pytest.raises(RuleViolation) as again:
        participations.share(cid, "u1", T0, snapshot)
    assert again.value.code == "PROFILE_ALREADY_SENT"
    with pytest.raises(NotFound) as stranger:
        participations.share(cid, "u2", T0, snapshot)
    assert stranger.value.code == "NOT_A_PARTICIPANT"
    participations.add(participation(cid, "u2"))
    assert sorted(p.user_id for p in participations.of_campaign(cid)) == ["u1", "u2"]


def test_an_older_profile_never_replaces_a_newer_one(repos):
    _, _, profiles, _ = repos
    user = new_id()
    newer = LearnerProfile(user, ProfileSnapshot({"1.1": CompetenceResult(3, 24)}), T0)
    older = LearnerProfile(
        user, ProfileSnapshot({"1.1": CompetenceResult(1, 8)}), T0 - timedelta(1)
    )
    assert profiles.get(user) is None
    profiles.save_if_newer(newer)
    profiles.save_if_newer(older)
    profiles.save_if_newer(newer)
    assert profiles.get(user) == newer


def test_results_are_kept_by_session_and_course(repos):
    *_, results = repos
    org = new_id()
    row = CertificationResultRow(
        "9001",
        "Zoé",
        "Lefèvre",
        date(2008, 2, 29),
        "Paris",
        None,
        CertificationStatus.VALIDATED,
        144,
        {"1.1": 3},
        "Bravo",
        "1042",
        "Collège",
        date(2026, 3, 10),
    )
    results.save_session(org, "1042", [(row, "3E1")])
    results.save_session(org, "1042", [(row, "3E1")])
    assert results.of_organization(org) == [(row, "3E1")]
    assert results.of_organization(new_id()) == []
