"""Keeping the read model of certification centres, and showing a centre to its members."""

from __future__ import annotations

from chalicelib.certif.domain.centers import CertificationCenter
from chalicelib.certif.ports import CenterRepository
from pixcore.messages.catalog import MembershipChanged, OrganizationRegistered
from pixcore.principal import Principal, require_member


def record_organization(centers: CenterRepository, message: OrganizationRegistered) -> None:
    """Naturally idempotent: the same message always writes the same centre."""
    existing = centers.find(message.organization_id)
    centers.save(
        CertificationCenter(
            id=message.organization_id,
            uai=message.uai,
            name=message.name,
            type=message.organization_type,
            sector=message.sector,
            academie=message.academie,
            is_certification_center=message.is_certification_center,
            members=existing.members if existing else {m.user_id: m.role for m in message.members},
        )
    )


def record_members(centers: CenterRepository, message: MembershipChanged) -> None:
    center = centers.find(message.organization_id)
    if center is None:
        center = CertificationCenter(message.organization_id, "", "", "", "", "", False)
    center.members = {m.user_id: m.role for m in message.members}
    centers.save(center)


def get_center(
    centers: CenterRepository, principal: Principal, center_id: str
) -> CertificationCenter:
    require_member(principal, center_id)
    return centers.get(center_id)
