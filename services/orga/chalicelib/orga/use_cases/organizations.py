"""Registering schools and managing who belongs to them."""

from __future__ import annotations

from dataclasses import dataclass

from chalicelib.orga.domain.accounts import login_key
from chalicelib.orga.domain.organizations import (
    MembershipRole,
    Organization,
    OrganizationType,
    Sector,
)
from chalicelib.orga.domain.uai import validated_uai
from chalicelib.orga.ports import AccountRepository, OrganizationRepository
from pixcore.errors import NotFound
from pixcore.ids import new_id
from pixcore.messages.catalog import Member, MembershipChanged, OrganizationRegistered
from pixcore.ports import Publisher
from pixcore.principal import Principal, require_jury, require_member


@dataclass(frozen=True)
class RegisterOrganization:
    uai: str
    name: str
    type: OrganizationType
    sector: Sector
    academie: str
    is_certification_center: bool


def register_organization(
    organizations: OrganizationRepository,
    publisher: Publisher,
    principal: Principal,
    command: RegisterOrganization,
) -> Organization:
    require_jury(principal)
    organization = Organization(
        new_id(),
        validated_uai(command.uai),
        command.name.strip(),
        command.type,
        command.sector,
        command.academie.strip(),
        command.is_certification_center,
    )
    organizations.add(organization)
    publisher.publish(
        OrganizationRegistered(
            organization_id=organization.id,
            uai=organization.uai,
            name=organization.name,
            organization_type=organization.type,
            sector=organization.sector,
            academie=organization.academie,
            is_certification_center=organization.is_certification_center,
        )
    )
    return organization


def get_organization(
    organizations: OrganizationRepository, principal: Principal, organization_id: str
) -> Organization:
    require_member(principal, organization_id)
    return organizations.get(organization_id)


def add_member(
    organizations: OrganizationRepository,
    accounts: AccountRepository,
    publisher: Publisher,
    principal: Principal,
    organization_id: str,
    email: str,
    role: MembershipRole,
) -> list[Member]:
    require_member(principal, organization_id, admin=True)
    organizations.get(organization_id)
    account = accounts.find_by_login(login_key(email))
    if account is None:
        raise NotFound("Aucun compte n'existe avec cette adresse e-mail.", code="USER_NOT_FOUND")
    organizations.set_member(organization_id, account.id, role)
    members = [
        Member(user_id=m.user_id, role=m.role) for m in organizations.members(organization_id)
    ]
    publisher.publish(MembershipChanged(organization_id=organization_id, members=members))
    return members
