"""Campaigns: created by a school, joined by its students, profiles sent and exported."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date

from chalicelib.orga.domain.campaigns import (
    CampaignType,
    check_new_campaign,
    check_target_skills,
    ensure_can_join,
    ensure_can_send,
    validated_campaign_code,
)
from chalicelib.orga.domain.collection_export import (
    CollectionCampaign,
    CollectionParticipant,
    ParticipantSummary,
    ProfileSnapshot,
    collection_csv,
    participants_summary,
)
from chalicelib.orga.domain.participation import Campaign, Participation, ParticipationView, view
from chalicelib.orga.domain.reconciliation import StudentIdentity, TypedIdentity, reconcile
from chalicelib.orga.ports import Ports
from pixcore.codes import campaign_code, unique_code
from pixcore.errors import Forbidden, NotFound
from pixcore.ids import new_id
from pixcore.messages.catalog import LearnerReconciled
from pixcore.principal import Principal, require_member


@dataclass(frozen=True)
class CreateCampaign:
    organization_id: str
    name: str
    type: CampaignType
    target_skill_ids: list[str] = field(default_factory=list)
    external_id_label: str | None = None
    landing_text: str | None = None


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
    ports.campaigns.archive(campaign.id, ports.clock.now())
    return ports.campaigns.get(campaign.id)


def campaign_by_code(ports: Ports, caller: Principal, code: str) -> Campaign:
    return ports.campaigns.by_code(validated_campaign_code(code))


@dataclass(frozen=True)
class JoinCampaign:
    code: str
    first_name: str
    last_name: str
    birthdate: date
    external_id: str | None = None


def join_campaign(ports: Ports, caller: Principal, command: JoinCampaign) -> ParticipationView:
    """Joining reconciles the account with the school's record; joining again is harmless."""
    students, participations, principal = ports.students, ports.participations, caller
    campaign = campaign_by_code(ports, caller, command.code)
    ensure_can_join(campaign.archived_at)
    existing = participations.find(campaign.id, principal.user_id)
    if existing:
        return view(existing)
    candidates = students.find_by_birthdate(campaign.organization_id, command.birthdate)
    identities = [
        StudentIdentity(
            s.id, s.first_name, s.last_name, s.preferred_last_name, s.birthdate, s.user_id, s.active
        )
        for s in candidates
    ]
    typed = TypedIdentity(command.first_name, command.last_name, command.birthdate)
    match = reconcile(typed, principal.user_id, identities)
    student = next(s for s in candidates if s.id == match.id)
    if student.user_id != principal.user_id:
        students.link_user(campaign.organization_id, student.id, principal.user_id)
        ports.publisher.publish(
            LearnerReconciled(
                organization_id=campaign.organization_id,
                student_id=student.id,
                user_id=principal.user_id,
            )
        )
    participation = Participation(
        campaign.id,
        principal.user_id,
        campaign.organization_id,
        student.id,
        student.last_name,
        student.first_name,
        student.division,
        ports.clock.now(),
        command.external_id,
    )
    participations.add(participation)
    return view(participations.find(campaign.id, principal.user_id) or participation)


def share_profile(ports: Ports, caller: Principal, code: str) -> ParticipationView:
    """« Envoyer mon profil »: a snapshot of the profile as of now, sent once."""
    participations, profiles, principal = ports.participations, ports.profiles, caller
    campaign = campaign_by_code(ports, caller, code)
    participation = participations.find(campaign.id, principal.user_id)
    if participation is None:
        raise Forbidden("Rejoignez d'abord la campagne.", code="NOT_A_PARTICIPANT")
    ensure_can_send(campaign.archived_at, participation.has_shared)
    profile = profiles.get(principal.user_id)
    snapshot = profile.snapshot if profile else ProfileSnapshot()
    participations.share(campaign.id, principal.user_id, ports.clock.now(), snapshot)
    return view(participations.find(campaign.id, principal.user_id) or participation)


def my_participation(ports: Ports, caller: Principal, code: str) -> ParticipationView:
    """The student's participation and the profile they would send (or the one they sent)."""
    campaign = campaign_by_code(ports, caller, code)
    participation = ports.participations.find(campaign.id, caller.user_id)
    if participation is None:
        raise NotFound("Vous ne participez pas à cette campagne.", code="NOT_A_PARTICIPANT")
    if participation.has_shared:
        return view(participation)
    profile = ports.profiles.get(caller.user_id)
    return view(participation, profile.snapshot if profile else None)


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
            p.last_name, p.first_name, p.division, p.external_id, p.shared_at, p.snapshot
        )
        for p in people
    ]
