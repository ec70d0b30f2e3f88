"""A student's side of a campaign: joining it (reconciliation), sending their profile or results
(engine takes the snapshot as of the request), and what they see of it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from chalicelib.orga.domain.campaigns import ensure_can_join, ensure_can_send
from chalicelib.orga.domain.collection_export import CompetenceResult, ProfileSnapshot
from chalicelib.orga.domain.participation import Participation, ParticipationView, view
from chalicelib.orga.domain.reconciliation import StudentIdentity, TypedIdentity, reconcile
from chalicelib.orga.domain.students import Student
from chalicelib.orga.ports import Ports
from chalicelib.orga.use_cases.campaigns import campaign_by_code
from pixcore.errors import Forbidden, NotFound, RuleViolation
from pixcore.logs import get_logger
from pixcore.messages.catalog import (
    CampaignJoined,
    LearnerReconciled,
    ProfileShared,
    ProfileShareRequested,
)
from pixcore.principal import Principal

log = get_logger("orga.campaigns")


@dataclass(frozen=True)
class JoinCampaign:
    code: str
    first_name: str
    last_name: str
    birthdate: date
    external_id: str | None = None


def join_campaign(ports: Ports, caller: Principal, command: JoinCampaign) -> ParticipationView:
    """Joining reconciles the account with the school's record (one account ↔ one active student
    of a school: the record the account already has counts too); joining again is harmless and
    tells engine again that the student may start."""
    campaign = campaign_by_code(ports, caller, command.code)
    ensure_can_join(campaign.archived_at)
    org = campaign.organization_id
    participation = ports.participations.find(campaign.id, caller.user_id)
    if participation is None:
        student = _reconciled(ports, caller, org, command)
        participation = Participation(
            campaign.id,
            caller.user_id,
            org,
            student.id,
            student.last_name,
            student.first_name,
            student.division,
            ports.clock.now(),
            command.external_id,
        )
        ports.participations.add(participation)
        participation = ports.participations.find(campaign.id, caller.user_id) or participation
    ports.publisher.publish(
        CampaignJoined(
            campaign_id=campaign.id,
            code=campaign.code,
            organization_id=org,
            student_id=participation.student_id,
            user_id=caller.user_id,
            joined_at=participation.joined_at,
        )
    )
    return view(participation)


def _reconciled(ports: Ports, caller: Principal, org: str, command: JoinCampaign) -> Student:
    candidates = ports.students.find_by_birthdate(org, command.birthdate)
    linked_id = ports.students.linked_student(org, caller.user_id)
    linked = _student_or_none(ports, org, linked_id) if linked_id else None
    known = candidates + (
        [linked] if linked and linked.id not in {s.id for s in candidates} else []
    )
    identities = [
        StudentIdentity(
            s.id, s.first_name, s.last_name, s.preferred_last_name, s.birthdate, s.user_id, s.active
        )
        for s in known
    ]
    typed = TypedIdentity(command.first_name, command.last_name, command.birthdate)
    match = reconcile(typed, caller.user_id, identities)
    student = next(s for s in candidates if s.id == match.id)
    if student.user_id != caller.user_id:
        replacing = linked.id if linked is not None and not linked.active else None
        ports.students.link_user(org, student.id, caller.user_id, replacing=replacing)
        ports.publisher.publish(
            LearnerReconciled(organization_id=org, student_id=student.id, user_id=caller.user_id)
        )
    return student


def _student_or_none(ports: Ports, org: str, student_id: str) -> Student | None:
    try:
        return ports.students.get(org, student_id)
    except NotFound:
        return None


def share_profile(ports: Ports, caller: Principal, code: str) -> ParticipationView:
    """« Envoyer mon profil »: engine is asked for the profile as of now (and, for an assessment,
    the mastery of its targets); the participation shows « Envoi en cours » until it answers. A
    profile is sent once; asking again while it is on its way asks engine again."""
    campaign = campaign_by_code(ports, caller, code)
    participation = ports.participations.find(campaign.id, caller.user_id)
    if participation is None:
        raise Forbidden("Rejoignez d'abord la campagne.", code="NOT_A_PARTICIPANT")
    ensure_can_send(campaign.archived_at, participation.has_shared)
    at = ports.clock.now()
    ports.participations.request_share(campaign.id, caller.user_id, at)
    ports.publisher.publish(
        ProfileShareRequested(
            campaign_id=campaign.id, code=campaign.code, user_id=caller.user_id, requested_at=at
        )
    )
    return view(ports.participations.find(campaign.id, caller.user_id) or participation)


def record_share(ports: Ports, message: ProfileShared) -> None:
    """Engine's snapshot for a share request, recorded once: a duplicate or a later answer to a
    repeated request changes nothing (the first snapshot is the one sent)."""
    snapshot = ProfileSnapshot(
        {m.competence: CompetenceResult(m.level, m.pix) for m in message.competences},
        target_skill_count=message.target_skill_count,
        validated_target_skill_count=message.validated_target_skill_count,
        mastery_percentage=message.mastery_percentage,
    )
    try:
        ports.participations.share(message.campaign_id, message.user_id, message.as_of, snapshot)
    except RuleViolation:
        log.info("share.already_recorded", campaign_id=message.campaign_id)


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
