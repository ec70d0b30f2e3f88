"""Certif's message handlers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chalicelib.certif.use_cases import centers
from pixcore.consumer import Handlers
from pixcore.messages.catalog import MembershipChanged, OrganizationRegistered

if TYPE_CHECKING:
    from chalicelib.certif.bootstrap import Certif


def handlers(deps: Certif) -> Handlers:
    return {
        OrganizationRegistered: lambda m: centers.record_organization(deps.centers, m),
        MembershipChanged: lambda m: centers.record_members(deps.centers, m),
    }
