"""Schools and their members as orga announces them: the académie figures and the centre admins
who may print attestations."""

from __future__ import annotations

from chalicelib.jury.ports import Ports
from chalicelib.jury.use_cases import counting
from pixcore.messages.catalog import MembershipChanged, OrganizationRegistered


def organization_registered(ports: Ports, message: OrganizationRegistered) -> None:
    counting.organization_registered(ports, message)
    if message.members:
        members = {m.user_id: m.role for m in message.members}
        ports.members.save(message.organization_id, members, message.occurred_at)


def membership_changed(ports: Ports, message: MembershipChanged) -> None:
    """The whole list of members; an older list never replaces a newer one."""
    members = {m.user_id: m.role for m in message.members}
    ports.members.save(message.organization_id, members, message.occurred_at)
