"""Schools (organizations), their kinds, and who belongs to them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pixcore.principal import ADMIN, MEMBER


class OrganizationType(StrEnum):
    COLLEGE = "COLLEGE"
    LYCEE = "LYCEE"
    AGRICOLE = "AGRICOLE"


class Sector(StrEnum):
    PUBLIC = "PUBLIC"
    PRIVATE = "PRIVATE"


class MembershipRole(StrEnum):
    ADMIN = ADMIN
    MEMBER = MEMBER


@dataclass
class Organization:
    id: str
    uai: str
    name: str
    type: OrganizationType
    sector: Sector
    academie: str
    is_certification_center: bool

    @property
    def imports_csv(self) -> bool:
        """Agricultural schools import a CSV; the others import SIECLE."""
        return self.type is OrganizationType.AGRICOLE


@dataclass(frozen=True)
class Membership:
    organization_id: str
    user_id: str
    role: MembershipRole
