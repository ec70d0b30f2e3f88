"""Routes: campaigns for schools; joining and sending a profile for students."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field

from chalicelib.orga import bootstrap
from chalicelib.orga.domain.campaigns import CampaignType
from chalicelib.orga.domain.collection_export import ProfileSnapshot
from chalicelib.orga.domain.participation import Campaign, Participation
from chalicelib.orga.schemas import Body
from chalicelib.orga.use_cases import campaigns as uc
from pixcore.http import Api, Context, FileResult


class CampaignRequest(Body):
    name: str = Field(min_length=1, max_length=255)
    type: CampaignType
    target_skill_ids: list[str] = Field(default_factory=list, max_length=2000)
    external_id_label: str | None = Field(default=None, max_length=255)
    landing_text: str | None = Field(default=None, max_length=5000)


class CampaignOut(BaseModel):
    id: str
    code: str
    name: str
    type: CampaignType
    organization_id: str
    external_id_label: str | None
    landing_text: str | None
    target_skill_ids: list[str]
    created_at: datetime
    archived_at: datetime | None
    participants_count: int | None = None
    shared_profiles_count: int | None = None


class CampaignList(BaseModel):
    campaigns: list[CampaignOut]


class JoinRequest(Body):
    first_name: str = Field(min_length=1, max_length=100)
    last_name: str = Field(min_length=1, max_length=100)
    birthdate: date
    external_id: str | None = Field(default=None, max_length=255)


class ParticipationOut(BaseModel):
    campaign_id: str
    student_id: str
    first_name: str
    last_name: str
    division: str | None
    joined_at: datetime
    shared_at: datetime | None
    pix_score: int | None = None
    certifiable: bool | None = None
    certifiable_competences_count: int | None = None


class ParticipantOut(BaseModel):
    last_name: str
    first_name: str
    status: str
    sent_at: datetime | None
    pix_score: int | None
    certifiable: bool | None
    certifiable_competences_count: int | None


class ParticipantList(BaseModel):
    participants: list[ParticipantOut]


def campaign_out(
    c: Campaign, participants: int | None = None, shared: int | None = None
) -> CampaignOut:
    return CampaignOut(
        id=c.id,
        code=c.code,
        name=c.name,
        type=c.type,
        organization_id=c.organization_id,
        external_id_label=c.external_id_label,
        landing_text=c.landing_text,
        target_skill_ids=c.target_skill_ids,
        created_at=c.created_at,
        archived_at=c.archived_at,
        participants_count=participants,
        shared_profiles_count=shared,
    )


def participation_out(p: Participation, profile: ProfileSnapshot | None = None) -> ParticipationOut:
    profile = profile or p.snapshot
    return ParticipationOut(
        campaign_id=p.campaign_id,
        student_id=p.student_id,
        first_name=p.first_name,
        last_name=p.last_name,
        division=p.division,
        joined_at=p.joined_at,
        shared_at=p.shared_at,
        pix_score=profile.pix_score if profile else None,
        certifiable=profile.certifiable if profile else None,
        certifiable_competences_count=profile.certifiable_competences_count if profile else None,
    )


def register(api: Api) -> None:
    @api.route(
        "/organizations/{org_id}/campaigns",
        ("POST",),
        body=CampaignRequest,
        response=CampaignOut,
        status=201,
        summary="Créer une campagne",
    )
    def create_campaign(ctx: Context, org_id: str) -> CampaignOut:
        deps = bootstrap.orga()
        command = uc.CreateCampaign(**ctx.body.model_dump())
        return campaign_out(
            uc.create_campaign(deps.campaigns, deps.clock, ctx.user, org_id, command)
        )

    @api.route(
        "/organizations/{org_id}/campaigns",
        response=CampaignList,
        summary="Les campagnes de l'établissement",
    )
    def list_campaigns(ctx: Context, org_id: str) -> CampaignList:
        deps = bootstrap.orga()
        listed = uc.campaigns_of(deps.campaigns, deps.participations, ctx.user, org_id)
        return CampaignList(campaigns=[campaign_out(c, n, s) for c, n, s in listed])

    @api.route(
        "/organizations/{org_id}/campaigns/{campaign_id}/archive",
        ("POST",),
        response=CampaignOut,
        summary="Archiver une campagne",
    )
    def archive_campaign(ctx: Context, org_id: str, campaign_id: str) -> CampaignOut:
        deps = bootstrap.orga()
        return campaign_out(
            uc.archive_campaign(deps.campaigns, deps.clock, ctx.user, org_id, campaign_id)
        )

    @api.route(
        "/organizations/{org_id}/campaigns/{campaign_id}/participants",
        response=ParticipantList,
        summary="Participants d'une collecte de profils",
    )
    def campaign_participants(ctx: Context, org_id: str, campaign_id: str) -> ParticipantList:
        deps = bootstrap.orga()
        people = uc.participants(deps.campaigns, deps.participations, ctx.user, org_id, campaign_id)
        return ParticipantList(
            participants=[
                ParticipantOut(
                    last_name=p.last_name,
                    first_name=p.first_name,
                    status=p.status,
                    sent_at=p.sent_at,
                    pix_score=p.pix_score,
                    certifiable=p.certifiable,
                    certifiable_competences_count=p.certifiable_competences_count,
                )
                for p in people
            ]
        )

    @api.route(
        "/organizations/{org_id}/campaigns/{campaign_id}/export.csv",
        produces="text/csv",
        summary="Export CSV des profils collectés",
    )
    def export_campaign(ctx: Context, org_id: str, campaign_id: str) -> FileResult:
        deps = bootstrap.orga()
        lines = uc.export_campaign(
            deps.campaigns, deps.organizations, deps.participations, ctx.user, org_id, campaign_id
        )
        return FileResult(
            "".join(lines).encode("utf-8"), "text/csv; charset=utf-8", f"campagne-{campaign_id}.csv"
        )

    @api.route("/campaigns/{code}", response=CampaignOut, summary="Une campagne, par son code")
    def campaign_by_code(ctx: Context, code: str) -> CampaignOut:
        return campaign_out(uc.campaign_by_code(bootstrap.orga().campaigns, code))

    @api.route(
        "/campaigns/{code}/participations",
        ("POST",),
        body=JoinRequest,
        response=ParticipationOut,
        status=201,
        summary="Rejoindre une campagne",
    )
    def join_campaign(ctx: Context, code: str) -> ParticipationOut:
        deps = bootstrap.orga()
        command = uc.JoinCampaign(code=code, **ctx.body.model_dump())
        return participation_out(
            uc.join_campaign(
                deps.campaigns,
                deps.students,
                deps.participations,
                deps.publisher,
                deps.clock,
                ctx.user,
                command,
            )
        )

    @api.route(
        "/campaigns/{code}/participations/me",
        response=ParticipationOut,
        summary="Ma participation et le profil que j'enverrais",
    )
    def my_participation(ctx: Context, code: str) -> ParticipationOut:
        deps = bootstrap.orga()
        participation, profile = uc.my_participation(
            deps.campaigns, deps.participations, deps.profiles, ctx.user, code
        )
        return participation_out(participation, profile)

    @api.route(
        "/campaigns/{code}/share",
        ("POST",),
        response=ParticipationOut,
        summary="Envoyer mon profil",
    )
    def share_profile(ctx: Context, code: str) -> ParticipationOut:
        deps = bootstrap.orga()
        return participation_out(
            uc.share_profile(
                deps.campaigns, deps.participations, deps.profiles, deps.clock, ctx.user, code
            )
        )
