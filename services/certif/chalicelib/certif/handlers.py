"""Certif's message handlers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pixcore.consumer import Handler

from chalicelib.certif.use_cases import centers

if TYPE_CHECKING:
    from chalicelib.certif.bootstrap import Certif


def handlers(deps: Certif) -> dict[str, Handler]:
    return {
        "OrganizationRegistered": lambda m: centers.record_organization(deps.centers, m),
        "MembershipChanged": lambda m: centers.record_members(deps.centers, m),
    }
