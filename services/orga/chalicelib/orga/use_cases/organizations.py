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
from pixcore.messages.catalog import Member as MessageMember
from pixcore.messages.catalog import MembershipChanged, OrganizationRegistered
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
class Member:
    """A member as the school's administrators see them: the account's names and e-mail."""

    user_id: str
    role: MembershipRole
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class Members:
    organization_id: str
    members: list[Member]


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
            members=[MessageMember(user_id=m.user_id, role=m.role) for m in members],
        )
    )
    return _described(ports, organization_id, members)


def list_members(ports: Ports, caller: Principal, organization_id: str) -> Members:
    """The school's members with their names and e-mail, for its administrators (and the jury)."""
    require_member(caller, organization_id, admin=True)
    ports.organizations.get(organization_id)
    return _described(ports, organization_id, ports.organizations.members(organization_id))


def _described(ports: Ports, organization_id: str, members: list[Membership]) -> Members:
    described = []
    for m in members:
        try:
            account = ports.accounts.get(m.user_id)
        except NotFound:  # an account erased meanwhile: the membership alone is left to show
            described.append(Member(m.user_id, m.role))
            continue
        described.append(
            Member(m.user_id, m.role, account.first_name, account.last_name, account.email)
        )
    order = {MembershipRole.ADMIN: 0}
    described.sort(key=lambda m: (order.get(m.role, 1), m.last_name or "", m.first_name or ""))
    return Members(organization_id, described)
