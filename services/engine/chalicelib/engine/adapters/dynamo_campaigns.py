"""Orga's campaigns on DynamoDB (read model): one item per campaign, one per participant, under
the campaign's code; every fact a conditional write kept once."""

from __future__ import annotations

import json
from contextlib import suppress
from datetime import UTC, datetime

from pynamodb.attributes import NumberAttribute, UnicodeAttribute

from chalicelib.engine.adapters.tables import EngineItem
from chalicelib.engine.domain.campaigns import Campaign, CampaignType
from pixcore.dynamo import conditional, save
from pixcore.errors import ConcurrentUpdate


def _pk(code: str) -> str:
    return f"CAMPAIGN#{code}"


class CampaignItem(EngineItem):
    campaign_id = UnicodeAttribute(null=True)
    organization_id = UnicodeAttribute(null=True)
    campaign_type = UnicodeAttribute(null=True)
    target_skill_ids = UnicodeAttribute(null=True)  # JSON list
    archived_at = NumberAttribute(null=True)


class ParticipantItem(EngineItem):
    user_id = UnicodeAttribute()
    joined_at = NumberAttribute()


class DynamoCampaignDirectory:
    def record_created(self, campaign: Campaign) -> None:
        kind, campaign_id, school = (
            campaign.campaign_type,
            campaign.campaign_id,
            campaign.organization_id,
        )
        assert kind is not None and campaign_id is not None and school is not None
        # An update, not a put: an archive that arrived first stays on the item.
        with suppress(ConcurrentUpdate), conditional():  # already recorded
            CampaignItem(_pk(campaign.code), "CAMPAIGN").update(
                actions=[
                    CampaignItem.campaign_id.set(campaign_id),
                    CampaignItem.organization_id.set(school),
                    CampaignItem.campaign_type.set(kind.value),
                    CampaignItem.target_skill_ids.set(json.dumps(campaign.target_skill_ids)),
                ],
                condition=CampaignItem.campaign_type.does_not_exist(),
            )

    def record_archived(self, code: str, at: datetime) -> None:
        with suppress(ConcurrentUpdate), conditional():  # archived once
            CampaignItem(_pk(code), "CAMPAIGN").update(
                actions=[CampaignItem.archived_at.set(at.timestamp())],
                condition=CampaignItem.archived_at.does_not_exist(),
            )

    def record_joined(self, code: str, user_id: str, at: datetime) -> None:
        item = ParticipantItem(
            _pk(code), f"PARTICIPANT#{user_id}", user_id=user_id, joined_at=at.timestamp()
        )
        with suppress(ConcurrentUpdate):  # joined once
            save(item, ParticipantItem.pk.does_not_exist())

    def find(self, code: str) -> Campaign | None:
        try:
            item = CampaignItem.get(_pk(code), "CAMPAIGN", consistent_read=True)
        except CampaignItem.DoesNotExist:
            return None
        return Campaign(
            code=code,
            campaign_id=item.campaign_id,
            organization_id=item.organization_id,
            campaign_type=CampaignType(item.campaign_type) if item.campaign_type else None,
            target_skill_ids=tuple(json.loads(item.target_skill_ids or "[]")),
            archived_at=(
                datetime.fromtimestamp(item.archived_at, UTC) if item.archived_at else None
            ),
        )

    def has_joined(self, code: str, user_id: str) -> bool:
        try:
            ParticipantItem.get(_pk(code), f"PARTICIPANT#{user_id}", consistent_read=True)
        except ParticipantItem.DoesNotExist:
            return False
        return True
