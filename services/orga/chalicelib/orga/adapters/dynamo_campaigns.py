"""Campaigns, participations and the profile read model in orga's table."""

from __future__ import annotations

from datetime import datetime

from pynamodb.attributes import ListAttribute, UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.exceptions import DoesNotExist
from pynamodb.transactions import TransactWrite

from chalicelib.orga.adapters.snapshots import dump_snapshot, load_snapshot
from chalicelib.orga.adapters.tables import OrgaItem
from chalicelib.orga.domain.campaigns import CampaignType
from chalicelib.orga.domain.collection_export import ProfileSnapshot
from chalicelib.orga.domain.participation import Campaign, LearnerProfile, Participation
from pixcore.dynamo import conditional, connection
from pixcore.errors import ConcurrentUpdate, Conflict, NotFound, RuleViolation

_NOT_FOUND = NotFound("Campagne introuvable.", code="CAMPAIGN_NOT_FOUND")


def _already_sent() -> RuleViolation:
    return RuleViolation(
        "Votre profil a déjà été envoyé pour cette campagne.", code="PROFILE_ALREADY_SENT"
    )


def _not_a_participant() -> NotFound:
    return NotFound("Vous ne participez pas à cette campagne.", code="NOT_A_PARTICIPANT")


class CampaignItem(OrgaItem):
    organization_id = UnicodeAttribute()
    code = UnicodeAttribute()
    name = UnicodeAttribute()
    type = UnicodeAttribute()
    created_by = UnicodeAttribute()
    created_at = UTCDateTimeAttribute()
    target_skill_ids = ListAttribute(of=UnicodeAttribute, default=list)
    external_id_label = UnicodeAttribute(null=True)
    landing_text = UnicodeAttribute(null=True)
    archived_at = UTCDateTimeAttribute(null=True)


class CampaignCodeItem(OrgaItem):
    campaign_id = UnicodeAttribute()


class ParticipationItem(OrgaItem):
    organization_id = UnicodeAttribute()
    student_id = UnicodeAttribute()
    last_name = UnicodeAttribute()
    first_name = UnicodeAttribute()
    division = UnicodeAttribute(null=True)
    joined_at = UTCDateTimeAttribute()
    external_id = UnicodeAttribute(null=True)
    shared_at = UTCDateTimeAttribute(null=True)
    snapshot = UnicodeAttribute(null=True)
    share_requested_at = UTCDateTimeAttribute(null=True)


class ProfileItem(OrgaItem):
    snapshot = UnicodeAttribute()
    as_of = UTCDateTimeAttribute()


def _campaign(i: CampaignItem) -> Campaign:
    return Campaign(
        i.pk.removeprefix("CAMPAIGN#"),
        i.organization_id,
        i.code,
        i.name,
        CampaignType(i.type),
        i.created_by,
        i.created_at,
        [str(skill) for skill in i.target_skill_ids or []],
        i.external_id_label,
        i.landing_text,
        i.archived_at,
    )


class DynamoCampaignRepository:
    def add(self, campaign: Campaign) -> bool:
        c = campaign
        item = CampaignItem(
            f"CAMPAIGN#{c.id}",
            "CAMPAIGN",
            organization_id=c.organization_id,
            code=c.code,
            name=c.name,
            type=c.type,
            created_by=c.created_by,
            created_at=c.created_at,
            target_skill_ids=c.target_skill_ids,
            external_id_label=c.external_id_label,
            landing_text=c.landing_text,
            gsi1pk=f"ORGCAMPAIGNS#{c.organization_id}",
            gsi1sk=f"{c.created_at.isoformat()}#{c.id}",
        )
        code = CampaignCodeItem(f"CAMPAIGNCODE#{c.code}", "CODE", campaign_id=c.id)
        try:
            with conditional(), TransactWrite(connection=connection()) as tx:
                tx.save(code, condition=CampaignCodeItem.pk.does_not_exist())
                tx.save(item, condition=CampaignItem.pk.does_not_exist())
        except ConcurrentUpdate:
            return False  # the code is taken: the caller draws another
        return True

    def get(self, campaign_id: str) -> Campaign:
        try:
            return _campaign(CampaignItem.get(f"CAMPAIGN#{campaign_id}", "CAMPAIGN"))
        except DoesNotExist as exc:
            raise _NOT_FOUND from exc

    def by_code(self, code: str) -> Campaign:
        try:
            return self.get(CampaignCodeItem.get(f"CAMPAIGNCODE#{code}", "CODE").campaign_id)
        except DoesNotExist as exc:
            raise _NOT_FOUND from exc

    def of_organization(self, organization_id: str) -> list[Campaign]:
        return [
            _campaign(i)
            for i in CampaignItem.gsi1.query(
                f"ORGCAMPAIGNS#{organization_id}", scan_index_forward=False
            )
        ]

    def archive(self, campaign_id: str, at: datetime) -> None:
        self.get(campaign_id)  # NotFound for an unknown campaign, as the fake says
        with conditional(Conflict("Cette campagne est déjà archivée.", code="CAMPAIGN_ARCHIVED")):
            CampaignItem(f"CAMPAIGN#{campaign_id}", "CAMPAIGN").update(
                actions=[CampaignItem.archived_at.set(at)],
                condition=CampaignItem.pk.exists() & CampaignItem.archived_at.does_not_exist(),
            )


def _participation(i: ParticipationItem) -> Participation:
    return Participation(
        i.pk.removeprefix("CAMPAIGN#"),
        i.sk.removeprefix("PARTICIPANT#"),
        i.organization_id,
        i.student_id,
        i.last_name,
        i.first_name,
        i.division,
        i.joined_at,
        i.external_id,
        i.shared_at,
        load_snapshot(i.snapshot),
        i.share_requested_at,
    )


class DynamoParticipationRepository:
    def find(self, campaign_id: str, user_id: str) -> Participation | None:
        try:
            return _participation(
                ParticipationItem.get(f"CAMPAIGN#{campaign_id}", f"PARTICIPANT#{user_id}")
            )
        except DoesNotExist:
            return None

    def add(self, participation: Participation) -> bool:
        p = participation
        item = ParticipationItem(
            f"CAMPAIGN#{p.campaign_id}",
            f"PARTICIPANT#{p.user_id}",
            organization_id=p.organization_id,
            student_id=p.student_id,
            last_name=p.last_name,
            first_name=p.first_name,
            division=p.division,
            joined_at=p.joined_at,
            external_id=p.external_id,
        )
        try:
            with conditional():
                item.save(condition=ParticipationItem.sk.does_not_exist())
        except ConcurrentUpdate:
            return False  # already participating: joining twice is harmless
        return True

    def request_share(self, campaign_id: str, user_id: str, at: datetime) -> None:
        if self.find(campaign_id, user_id) is None:
            raise _not_a_participant()
        with conditional(_already_sent()):
            ParticipationItem(f"CAMPAIGN#{campaign_id}", f"PARTICIPANT#{user_id}").update(
                actions=[ParticipationItem.share_requested_at.set(at)],
                condition=ParticipationItem.sk.exists()
                & ParticipationItem.shared_at.does_not_exist(),
            )

    def share(
        self, campaign_id: str, user_id: str, at: datetime, snapshot: ProfileSnapshot
    ) -> None:
        if self.find(campaign_id, user_id) is None:
            raise _not_a_participant()
        with conditional(_already_sent()):
            ParticipationItem(f"CAMPAIGN#{campaign_id}", f"PARTICIPANT#{user_id}").update(
                actions=[
                    ParticipationItem.shared_at.set(at),
                    ParticipationItem.snapshot.set(dump_snapshot(snapshot)),
                ],
                condition=ParticipationItem.sk.exists()
                & ParticipationItem.shared_at.does_not_exist(),
            )

    def of_campaign(self, campaign_id: str) -> list[Participation]:
        return [
            _participation(i)
            for i in ParticipationItem.query(
                f"CAMPAIGN#{campaign_id}", ParticipationItem.sk.startswith("PARTICIPANT#")
            )
        ]


class DynamoProfileRepository:
    def save_if_newer(self, profile: LearnerProfile) -> None:
        item = ProfileItem(
            f"PROFILE#{profile.user_id}",
            "PROFILE",
            snapshot=dump_snapshot(profile.snapshot),
            as_of=profile.as_of,
        )
        try:
            with conditional():
                item.save(
                    condition=ProfileItem.pk.does_not_exist() | (ProfileItem.as_of < profile.as_of)
                )
        except ConcurrentUpdate:
            pass  # a newer profile is already there: an older message changes nothing

    def get(self, user_id: str) -> LearnerProfile | None:
        try:
            item = ProfileItem.get(f"PROFILE#{user_id}", "PROFILE")
        except DoesNotExist:
            return None
        return LearnerProfile(
            user_id, load_snapshot(item.snapshot) or ProfileSnapshot(), item.as_of
        )
