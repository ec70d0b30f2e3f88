"""Registering schools and managing who belongs to them."""

from __future__ import annotations

from dataclasses import dataclass

from chalicelib.orga.domain.accounts import login_key
from chalicelib.orga.domain.organizations import (
    Membership,
    MembershipRole,
    Organization,
    OrganizationType,
    Sector,
)
from chalicelib.orga.domain.uai import validated_uai
from chalicelib.orga.ports import Ports
from pixcore.errors import NotFound
from pixcore.ids import new_id
from pixcore.messages.catalog import Member, MembershipChanged, OrganizationRegistered
from pixcore.principal import Principal, require_jury, require_member


@dataclass(frozen=True)
class RegisterOrganization:
    uai: str
    name: str
    type: OrganizationType
    sector: Sector
    academie: str
    is_certification_center: bool


@dataclass(frozen=True)
class AddMember:
    organization_id: str
    email: str
    role: MembershipRole


@dataclass(frozen=True)
class Members:
    organization_id: str
    members: list[Membership]


def register_organization(
    ports: Ports, caller: Principal, command: RegisterOrganization
) -> Organization:
    require_jury(caller)
    organization = Organization(
        new_id(),
        validated_uai(command.uai),
        command.name.strip(),
        command.type,
        command.sector,
        command.academie.strip(),
        command.is_certification_center,
    )
    ports.organizations.add(organization)
    ports.publisher.publish(
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


def get_organization(ports: Ports, caller: Principal, organization_id: str) -> Organization:
    require_member(caller, organization_id)
    return ports.organizations.get(organization_id)


def add_member(ports: Ports, caller: Principal, command: AddMember) -> Members:
    organization_id = command.organization_id
    require_member(caller, organization_id, admin=True)
    ports.organizations.get(organization_id)
    account = ports.accounts.find_by_login(login_key(command.email))
    if account is None:
        raise NotFound("Aucun compte n'existe avec cette adresse e-mail.", code="USER_NOT_FOUND")
    ports.organizations.set_member(organization_id, account.id, command.role)
    members = ports.organizations.members(organization_id)
    ports.publisher.publish(
        MembershipChanged(
            organization_id=organization_id,
            members=[Member(user_id=m.user_id, role=m.role) for m in members],
        )
    )
    return Members(organization_id, members)
