"""Keeping the schools read model and serving the académie dashboard."""

from __future__ import annotations

from chalicelib.jury.domain.stats import Dashboard, School, dashboard
from chalicelib.jury.ports import SchoolRepository
from pixcore.messages.catalog import OrganizationRegistered
from pixcore.principal import Principal, require_jury


def record_school(schools: SchoolRepository, message: OrganizationRegistered) -> None:
    schools.save(
        School(
            message.organization_id,
            message.uai,
            message.name,
            message.sector,
            message.academie,
            message.is_certification_center,
        )
    )


def academie_dashboard(
    schools: SchoolRepository, principal: Principal, academie: str | None
) -> Dashboard:
    require_jury(principal)
    return dashboard(schools.all(), academie)
