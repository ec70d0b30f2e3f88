"""Campaign rules: who may start a campaign's assessment, and the mastery of its target skills."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chalicelib.engine.domain.campaigns import (
    Campaign,
    CampaignType,
    Mastery,
    check_can_start,
    mastery_of,
)
from chalicelib.engine.domain.knowledge import KnowledgeElement, KnowledgeSource, KnowledgeStatus
from pixcore.errors import Forbidden, NotFound, RuleViolation

OPEN = Campaign("PARCRS123", "c1", "o1", CampaignType.ASSESSMENT, ("s1", "s2"))


def test_a_joined_participant_of_an_open_assessment_campaign_may_start():
    check_can_start(OPEN, joined=True)


@pytest.mark.parametrize(
    ("campaign", "joined", "error", "code"),
    [
        (None, True, NotFound, "CAMPAIGN_NOT_FOUND"),
        (Campaign("PARCRS123", archived_at=datetime(2026, 1, 5, tzinfo=UTC)), True, NotFound,
         "CAMPAIGN_NOT_FOUND"),
        (Campaign("PARCRS123", campaign_type=CampaignType.PROFILES_COLLECTION), True,
         RuleViolation, "CAMPAIGN_NOT_ASSESSMENT"),
        (Campaign("PARCRS123", campaign_type=CampaignType.ASSESSMENT,
                  archived_at=datetime(2026, 1, 5, tzinfo=UTC)), True, RuleViolation,
         "CAMPAIGN_ARCHIVED"),
        (OPEN, False, Forbidden, "CAMPAIGN_NOT_JOINED"),
    ],
)  # fmt: skip
def test_anyone_else_is_refused_with_a_reason(campaign, joined, error, code):
    with pytest.raises(error) as refused:
        check_can_start(campaign, joined)
    assert refused.value.code == code and refused.value.message.endswith(".")


def _element(skill_id: str, status: KnowledgeStatus, source: KnowledgeSource) -> KnowledgeElement:
    return KnowledgeElement(skill_id, "t", "1.1", status, source, 4.0, "a")


def test_mastery_counts_targets_whose_latest_element_is_validated_direct_or_inferred():
    latest = {
        "s1": _element("s1", KnowledgeStatus.VALIDATED, KnowledgeSource.DIRECT),
        "s2": _element("s2", KnowledgeStatus.VALIDATED, KnowledgeSource.INFERRED),
        "s3": _element("s3", KnowledgeStatus.INVALIDATED, KnowledgeSource.DIRECT),
        "other": _element("other", KnowledgeStatus.VALIDATED, KnowledgeSource.DIRECT),
    }
    mastery = mastery_of(["s1", "s2", "s3", "s4", "s1"], latest)
    assert mastery == Mastery(target_skill_count=4, validated_skill_count=2)
    assert mastery.percentage == 50


@pytest.mark.parametrize(
    ("targets", "validated", "percentage"), [(3, 2, 67), (8, 1, 13), (3, 1, 33), (0, 0, 0)]
)
def test_mastery_percentage_is_rounded_half_up(targets, validated, percentage):
    assert Mastery(targets, validated).percentage == percentage
