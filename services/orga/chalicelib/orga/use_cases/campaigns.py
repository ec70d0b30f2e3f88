"""Campaigns: created by a school, joined by its students, profiles sent and exported."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from chalicelib.orga.domain.assessment_export import assessment_csv
from chalicelib.orga.domain.campaigns import (
    CampaignType,
    check_new_campaign,
    check_target_skills,
    validated_campaign_code,
)
from chalicelib.orga.domain.collection_export import (
    CollectionCampaign,
    CollectionParticipant,
    ParticipantSummary,
    collection_csv,
    participants_summary,
)
from chalicelib.orga.domain.participation import Campaign, Participation
from chalicelib.orga.ports import Ports
from pixcore.codes import campaign_code, unique_code
from pixcore.errors import Forbidden
from pixcore.ids import new_id
from pixcore.messages.catalog import CampaignArchived, CampaignCreated
from pixcore.principal import Principal, require_member


@dataclass(frozen=True)
class CreateCampaign:
    organization_id: str
    name: str
    type: CampaignType
    target_skill_ids: list[str] = field(default_factory=list)
    external_id_label: str | None = None
    landing_text: str | None = None


def target_skills(ports: Ports, caller: Principal, organization_id: str) -> dict[str, list[str]]:
    """What a school's assessment campaign may target, by competence (for its creation form)."""
    require_member(caller, organization_id)
    return ports.skills.by_competence()


def create_campaign(ports: Ports, caller: Principal, command: CreateCampaign) -> Campaign:
    organization_id = command.organization_id
    require_member(caller, organization_id)
    check_new_campaign(
        command.name, command.type, command.target_skill_ids, command.external_id_label
    )
    check_target_skills(ports.skills.unknown(list(command.target_skill_ids)))
    draft = Campaign(
        id=new_id(),
        organization_id=organization_id,
        code="",
        name=command.name.strip(),
        type=CampaignType(command.type),
        created_by=caller.user_id,
        created_at=ports.clock.now(),
        target_skill_ids=list(command.target_skill_ids),
        external_id_label=command.external_id_label,
        landing_text=command.landing_text,
    )

    def claim(code: str) -> bool:
        draft.code = code
        return ports.campaigns.add(draft)

    unique_code(campaign_code, claim)
    ports.publisher.publish(
        CampaignCreated(
            campaign_id=draft.id,
            code=draft.code,
            organization_id=organization_id,
            campaign_type=draft.type.value,
            target_skill_ids=draft.target_skill_ids,
            created_at=draft.created_at,
        )
    )
    return draft


def campaigns_of(ports: Ports, caller: Principal, organization_id: str) -> list[Campaign]:
    """Each campaign with its number of participants and of profiles sent."""
    require_member(caller, organization_id)
    listed = []
    for campaign in ports.campaigns.of_organization(organization_id):
        people = ports.participations.of_campaign(campaign.id)
        shared = sum(p.has_shared for p in people)
        listed.append(
            replace(campaign, participants_count=len(people), shared_profiles_count=shared)
        )
    return listed


def archive_campaign(
    ports: Ports, caller: Principal, organization_id: str, campaign_id: str
) -> Campaign:
    campaign = _campaign_of(ports, caller, organization_id, campaign_id)
    at = ports.clock.now()
    ports.campaigns.archive(campaign.id, at)
    ports.publisher.publish(
        CampaignArchived(campaign_id=campaign.id, code=campaign.code, archived_at=at)
    )
    return ports.campaigns.get(campaign.id)


def campaign_by_code(ports: Ports, caller: Principal, code: str) -> Campaign:
    return ports.campaigns.by_code(validated_campaign_code(code))


def participants(
    ports: Ports, caller: Principal, organization_id: str, campaign_id: str
) -> list[ParticipantSummary]:
    _campaign_of(ports, caller, organization_id, campaign_id)
    people = ports.participations.of_campaign(campaign_id)
    return participants_summary(_collection_participants(people))


def export_campaign(
    ports: Ports, caller: Principal, organization_id: str, campaign_id: str
) -> Iterator[str]:
    campaign = _campaign_of(ports, caller, organization_id, campaign_id)
    school = ports.organizations.get(organization_id)
    header = CollectionCampaign(campaign.id, campaign.name, school.name, campaign.external_id_label)
    people = sorted(
        ports.participations.of_campaign(campaign_id),
        key=lambda p: (p.division or "", p.last_name, p.first_name),
    )
    if campaign.type is CampaignType.ASSESSMENT:
        return assessment_csv(header, _collection_participants(people))
    return collection_csv(header, _collection_participants(people))


def _campaign_of(
    ports: Ports, caller: Principal, organization_id: str, campaign_id: str
) -> Campaign:
    require_member(caller, organization_id)
    campaign = ports.campaigns.get(campaign_id)
    if campaign.organization_id != organization_id:
        raise Forbidden(
            "Cette campagne n'appartient pas à cet établissement.",
            code="CAMPAIGN_OF_ANOTHER_ORGANIZATION",
        )
    return campaign


def _collection_participants(people: list[Participation]) -> list[CollectionParticipant]:
    return [
        CollectionParticipant(
            p.last_name,
            p.first_name,
            p.division,
            p.external_id,
            p.shared_at,
            p.snapshot,
            p.share_requested_at,
        )
        for p in people
    ]
