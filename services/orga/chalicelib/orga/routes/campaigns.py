"""Routes: campaigns for schools; joining and sending a profile for students."""

from __future__ import annotations

from typing import Any

from chalicelib.orga import bootstrap
from chalicelib.orga.schemas import (
    CampaignList,
    CampaignOut,
    CampaignRequest,
    JoinRequest,
    ParticipantList,
    ParticipationOut,
    TargetSkillsOut,
)
from chalicelib.orga.use_cases import campaigns as uc
from chalicelib.orga.use_cases import participations
from pixcore.http import Api, Context, FileResult

SCHOOL = "/organizations/{org_id}/campaigns"


def register(api: Api) -> None:
    @api.route(
        SCHOOL,
        ("POST",),
        body=CampaignRequest,
        response=CampaignOut,
        status=201,
        summary="Créer une campagne",
    )
    def create_campaign(ctx: Context, org_id: str) -> Any:
        command = uc.CreateCampaign(organization_id=org_id, **ctx.body.model_dump())
        return uc.create_campaign(bootstrap.ports(), ctx.user, command)

    @api.route(
        "/organizations/{org_id}/campaign-target-skills",
        response=TargetSkillsOut,
        summary="Les acquis qu'une campagne d'évaluation peut viser, par compétence",
    )
    def campaign_target_skills(ctx: Context, org_id: str) -> Any:
        return {"skills": uc.target_skills(bootstrap.ports(), ctx.user, org_id)}

    @api.route(SCHOOL, response=CampaignList, summary="Les campagnes de l'établissement")
    def list_campaigns(ctx: Context, org_id: str) -> Any:
        return {"campaigns": uc.campaigns_of(bootstrap.ports(), ctx.user, org_id)}

    @api.route(
        SCHOOL + "/{campaign_id}/archive",
        ("POST",),
        response=CampaignOut,
        summary="Archiver une campagne",
    )
    def archive_campaign(ctx: Context, org_id: str, campaign_id: str) -> Any:
        return uc.archive_campaign(bootstrap.ports(), ctx.user, org_id, campaign_id)

    @api.route(
        SCHOOL + "/{campaign_id}/participants",
        response=ParticipantList,
        summary="Participants d'une campagne",
    )
    def campaign_participants(ctx: Context, org_id: str, campaign_id: str) -> Any:
        people = uc.participants(bootstrap.ports(), ctx.user, org_id, campaign_id)
        return {"participants": people}

    @api.route(
        SCHOOL + "/{campaign_id}/export.csv",
        produces="text/csv",
        summary="Export CSV des résultats d'une campagne",
    )
    def export_campaign(ctx: Context, org_id: str, campaign_id: str) -> FileResult:
        lines = uc.export_campaign(bootstrap.ports(), ctx.user, org_id, campaign_id)
        return FileResult(
            "".join(lines).encode("utf-8"), "text/csv; charset=utf-8", f"campagne-{campaign_id}.csv"
        )

    @api.route("/campaigns/{code}", response=CampaignOut, summary="Une campagne, par son code")
    def campaign_by_code(ctx: Context, code: str) -> Any:
        return uc.campaign_by_code(bootstrap.ports(), ctx.user, code)

    @api.route(
        "/campaigns/{code}/participations",
        ("POST",),
        body=JoinRequest,
        response=ParticipationOut,
        status=201,
        summary="Rejoindre une campagne",
    )
    def join_campaign(ctx: Context, code: str) -> Any:
        command = participations.JoinCampaign(code=code, **ctx.body.model_dump())
        return participations.join_campaign(bootstrap.ports(), ctx.user, command)

    @api.route(
        "/campaigns/{code}/participations/me",
        response=ParticipationOut,
        summary="Ma participation et le profil que j'enverrais",
    )
    def my_participation(ctx: Context, code: str) -> Any:
        return participations.my_participation(bootstrap.ports(), ctx.user, code)

    @api.route(
        "/campaigns/{code}/share",
        ("POST",),
        response=ParticipationOut,
        summary="Envoyer mon profil",
    )
    def share_profile(ctx: Context, code: str) -> Any:
        return participations.share_profile(bootstrap.ports(), ctx.user, code)
