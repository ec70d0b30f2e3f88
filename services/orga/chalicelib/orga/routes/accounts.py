"""Routes: login, sign-up, my account, schools and their members."""

from __future__ import annotations

from typing import Any

from chalicelib.orga import bootstrap, schemas
from chalicelib.orga.use_cases import accounts, organizations
from pixcore.http import Api, Context


def register(api: Api) -> None:
    @api.route(
        "/auth/token",
        ("POST",),
        auth="public",
        body=schemas.TokenRequest,
        response=schemas.TokenResponse,
        summary="Se connecter",
        errors={401: ("INVALID_CREDENTIALS",), 429: ("TOO_MANY_REQUESTS",)},
    )
    def create_token(ctx: Context) -> Any:
        command = accounts.LogIn(
            ctx.body.email or ctx.body.username, ctx.body.password, ctx.source_ip
        )
        return accounts.log_in(bootstrap.ports(), command)

    @api.route(
        "/users",
        ("POST",),
        auth="public",
        body=schemas.SignUpRequest,
        response=schemas.UserOut,
        status=201,
        summary="Créer un compte élève",
        errors={409: ("LOGIN_TAKEN",), 429: ("TOO_MANY_REQUESTS",)},
    )
    def sign_up(ctx: Context) -> Any:
        command = accounts.SignUp(**ctx.body.model_dump(), source=ctx.source_ip)
        return accounts.sign_up(bootstrap.ports(), command)

    @api.route(
        "/academie-users",
        ("POST",),
        body=schemas.AcademieUserRequest,
        response=schemas.UserOut,
        summary="Donner le rôle ACADEMIE à un compte, ou le créer (jury)",
    )
    def grant_academie(ctx: Context) -> Any:
        command = accounts.GrantAcademie(**ctx.body.model_dump())
        return accounts.grant_academie(bootstrap.ports(), ctx.user, command)

    @api.route("/me", response=schemas.UserOut, summary="Mon compte")
    def me(ctx: Context) -> Any:
        return accounts.me(bootstrap.ports(), ctx.user)

    @api.route(
        "/organizations",
        ("POST",),
        body=schemas.OrganizationRequest,
        response=schemas.OrganizationOut,
        status=201,
        summary="Créer un établissement (jury)",
    )
    def create_organization(ctx: Context) -> Any:
        command = organizations.RegisterOrganization(**ctx.body.model_dump())
        return organizations.register_organization(bootstrap.ports(), ctx.user, command)

    @api.route(
        "/organizations/{org_id}", response=schemas.OrganizationOut, summary="Un établissement"
    )
    def get_organization(ctx: Context, org_id: str) -> Any:
        return organizations.get_organization(bootstrap.ports(), ctx.user, org_id)

    @api.route(
        "/organizations/{org_id}/memberships",
        ("POST",),
        body=schemas.MembershipRequest,
        response=schemas.MembersOut,
        status=201,
        summary="Ajouter un membre",
    )
    def add_membership(ctx: Context, org_id: str) -> Any:
        command = organizations.AddMember(org_id, ctx.body.email, ctx.body.role)
        return organizations.add_member(bootstrap.ports(), ctx.user, command)

    @api.route(
        "/organizations/{org_id}/memberships",
        response=schemas.MembersOut,
        summary="Les membres de l'établissement (administrateurs)",
    )
    def list_memberships(ctx: Context, org_id: str) -> Any:
        return organizations.list_members(bootstrap.ports(), ctx.user, org_id)
