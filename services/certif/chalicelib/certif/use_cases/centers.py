"""The read model of certification centres, and who may act for a centre."""

from __future__ import annotations

from chalicelib.certif.domain.calendar import CalendarWarning, check_opening
from chalicelib.certif.domain.centers import CertificationCenter
from chalicelib.certif.ports import Ports
from pixcore.errors import Forbidden
from pixcore.messages.catalog import MembershipChanged, OrganizationRegistered
from pixcore.principal import Principal, require_member
from pixcore.retry import retry_on_conflict

CENTER_ATTEMPTS = 5  # a school's registration and its memberships arrive together


def record_organization(ports: Ports, message: OrganizationRegistered) -> None:
    """Naturally idempotent: the same message always writes the same centre; members known from
    a MembershipChanged that came first are kept. Both messages may be handled at once: each
    write is conditional on the centre read, and a lost race reads it again."""

    def once() -> None:
        existing = ports.centers.find(message.organization_id)
        ports.centers.save(
            CertificationCenter(
                id=message.organization_id,
                uai=message.uai,
                name=message.name,
                type=message.organization_type,
                sector=message.sector,
                academie=message.academie,
                is_certification_center=message.is_certification_center,
                members=(
                    existing.members if existing else {m.user_id: m.role for m in message.members}
                ),
                version=existing.version if existing else 0,
            )
        )

    retry_on_conflict(once, CENTER_ATTEMPTS)


def record_members(ports: Ports, message: MembershipChanged) -> None:
    """The members replaced, the rest of the centre kept (a placeholder until its
    OrganizationRegistered arrives), conditional on the centre read."""

    def once() -> None:
        center = ports.centers.find(message.organization_id)
        if center is None:
            center = CertificationCenter(message.organization_id, "", "", "", "", "", False)
        center.members = {m.user_id: m.role for m in message.members}
        ports.centers.save(center)

    retry_on_conflict(once, CENTER_ATTEMPTS)


def get_center(ports: Ports, caller: Principal, center_id: str) -> CertificationCenter:
    require_member(caller, center_id)
    return ports.centers.get(center_id)


def center_access(
    ports: Ports, caller: Principal, center_id: str
) -> tuple[CertificationCenter, CalendarWarning | None]:
    """Members of a school that is a certification centre, from the opening date of its type
    (the jury at any time)."""
    require_member(caller, center_id)
    center = ports.centers.get(center_id)
    if not center.is_certification_center:
        raise Forbidden(
            "Cet établissement n'est pas un centre de certification.",
            code="NOT_A_CERTIFICATION_CENTER",
        )
    if caller.is_jury:
        return center, None
    return center, check_opening(ports.calendar, center.type, ports.clock.now().date())
