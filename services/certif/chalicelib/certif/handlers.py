"""Certif's message handlers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chalicelib.certif.use_cases import centers
from pixcore.consumer import Handler

if TYPE_CHECKING:
    from chalicelib.certif.bootstrap import Certif


def handlers(deps: Certif) -> dict[str, Handler]:
    return {
        "OrganizationRegistered": lambda m: centers.record_organization(deps.centers, m),
        "MembershipChanged": lambda m: centers.record_members(deps.centers, m),
    }
