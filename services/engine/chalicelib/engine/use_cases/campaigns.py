"""Orga's campaigns as they happen: created, joined, archived (each message idempotent and
order-tolerant: the directory keeps each fact once, whatever arrives first)."""

from __future__ import annotations

from chalicelib.engine.domain.campaigns import Campaign, CampaignType
from chalicelib.engine.ports import Ports
from pixcore.messages.catalog import CampaignArchived, CampaignCreated, CampaignJoined


def record_created(ports: Ports, message: CampaignCreated) -> None:
    ports.campaigns.record_created(
        Campaign(
            code=message.code,
            campaign_id=message.campaign_id,
            organization_id=message.organization_id,
            campaign_type=CampaignType(message.campaign_type),
            target_skill_ids=tuple(dict.fromkeys(message.target_skill_ids)),
        )
    )


def record_archived(ports: Ports, message: CampaignArchived) -> None:
    ports.campaigns.record_archived(message.code, message.archived_at)


def record_joined(ports: Ports, message: CampaignJoined) -> None:
    ports.campaigns.record_joined(message.code, message.user_id, message.joined_at)
