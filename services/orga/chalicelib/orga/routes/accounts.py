"""Routes: login, sign-up, my account, schools and their members."""

from __future__ import annotations

from dataclasses import asdict

from chalicelib.orga import bootstrap, schemas
from chalicelib.orga.domain.accounts import Account
from chalicelib.orga.use_cases import accounts, organizations
from pixcore.http import Api, Context


def user_out(account: Account) -> schemas.UserOut:
    return schemas.UserOut(
        id=account.id,
        first_name=account.first_name,
        last_name=account.last_name,
        birthdate=account.birthdate,
        email=account.email,
        username=account.username,
        role=account.role,
        memberships=account.memberships,
    )


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
    def create_token(ctx: Context) -> schemas.TokenResponse:
        deps = bootstrap.orga()
        token, account = accounts.log_in(
            deps.accounts,
            deps.throttle,
            deps.tokens,
            deps.clock,
            ctx.body.email or ctx.body.username,
            ctx.body.password,
            ctx.source_ip,
        )
        return schemas.TokenResponse(
            access_token=token, expires_in=deps.tokens.lifetime, user=user_out(account)
        )

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
    def sign_up(ctx: Context) -> schemas.UserOut:
        deps = bootstrap.orga()
        command = accounts.SignUp(**ctx.body.model_dump())
        return user_out(accounts.sign_up(deps.accounts, deps.clock, command))

    @api.route("/me", response=schemas.UserOut, summary="Mon compte")
    def me(ctx: Context) -> schemas.UserOut:
        return user_out(bootstrap.orga().accounts.get(ctx.user.user_id))

    @api.route(
        "/organizations",
        ("POST",),
        body=schemas.OrganizationRequest,
        response=schemas.OrganizationOut,
        status=201,
        summary="Créer un établissement (jury)",
    )
    def create_organization(ctx: Context) -> schemas.OrganizationOut:
        deps = bootstrap.orga()
        command = organizations.RegisterOrganization(**ctx.body.model_dump())
        created = organizations.register_organization(
            deps.organizations, deps.publisher, ctx.user, command
        )
        return schemas.OrganizationOut(**asdict(created))

    @api.route(
        "/organizations/{org_id}", response=schemas.OrganizationOut, summary="Un établissement"
    )
    def get_organization(ctx: Context, org_id: str) -> schemas.OrganizationOut:
        found = organizations.get_organization(bootstrap.orga().organizations, ctx.user, org_id)
        return schemas.OrganizationOut(**asdict(found))

    @api.route(
        "/organizations/{org_id}/memberships",
        ("POST",),
        body=schemas.MembershipRequest,
        response=schemas.MembersOut,
        status=201,
        summary="Ajouter un membre",
    )
    def add_membership(ctx: Context, org_id: str) -> schemas.MembersOut:
        deps = bootstrap.orga()
        members = organizations.add_member(
            deps.organizations,
            deps.accounts,
            deps.publisher,
            ctx.user,
            org_id,
            ctx.body.email,
            ctx.body.role,
        )
        return schemas.MembersOut(
            organization_id=org_id, members=[schemas.MemberOut(**m.model_dump()) for m in members]
        )
