"""Who is calling: the platform role, memberships and scopes a verified token carries; the checks."""

from __future__ import annotations

from dataclasses import dataclass, field

from pixcore.errors import Forbidden

STUDENT = "STUDENT"
JURY = "JURY"
SUPERADMIN = "SUPERADMIN"
ACADEMIE = "ACADEMIE"
EXAMINER = "EXAMINER"
ROLES = (STUDENT, JURY, SUPERADMIN, ACADEMIE, EXAMINER)

ADMIN = "ADMIN"
MEMBER = "MEMBER"
MEMBERSHIP_ROLES = (ADMIN, MEMBER)


@dataclass(frozen=True)
class Principal:
    """`academie` scopes an ACADEMIE user; `session_id` scopes an examiner's token to one session."""

    user_id: str
    role: str = STUDENT
    memberships: dict[str, str] = field(default_factory=dict)
    academie: str | None = None
    session_id: str | None = None

    @property
    def is_jury(self) -> bool:
        return self.role in (JURY, SUPERADMIN)

    @property
    def is_examiner(self) -> bool:
        return self.role == EXAMINER and self.session_id is not None

    def is_member_of(self, organization_id: str) -> bool:
        return organization_id in self.memberships

    def is_admin_of(self, organization_id: str) -> bool:
        return self.memberships.get(organization_id) == ADMIN

    def examines(self, session_id: str) -> bool:
        return self.is_examiner and self.session_id == session_id


def require_jury(caller: Principal) -> None:
    if not caller.is_jury:
        raise Forbidden("Cette action est réservée au jury Pix.", code="JURY_ONLY")


def require_member(caller: Principal, organization_id: str, admin: bool = False) -> None:
    """Members see their organization; admins manage it; the jury may do both."""
    if caller.is_jury:
        return
    if admin and not caller.is_admin_of(organization_id):
        raise Forbidden(
            "Cette action est réservée aux administrateurs de l'établissement.",
            code="ORGANIZATION_ADMIN_ONLY",
        )
    if not caller.is_member_of(organization_id):
        raise Forbidden("Vous n'êtes pas membre de cet établissement.", code="NOT_A_MEMBER")


def require_examiner(caller: Principal, session_id: str) -> None:
    """The examiner's space of a session opens only with a token scoped to that session."""
    if not caller.examines(session_id):
        raise Forbidden(
            "Cet espace est réservé au surveillant de la session.", code="EXAMINER_ONLY"
        )


def require_academie(caller: Principal, academie: str | None) -> str | None:
    """The jury sees every académie; an académie user only their own. Returns the académie seen."""
    if caller.is_jury:
        return academie
    if caller.role == ACADEMIE and caller.academie and academie in (None, caller.academie):
        return caller.academie
    raise Forbidden(
        "Ces statistiques sont réservées au jury et à l'académie concernée.",
        code="ACADEMIE_ONLY",
    )


def require_user(caller: Principal) -> None:
    """A personal route (a profile, a test, certificates) wants a person, not an examiner's token."""
    if caller.role == EXAMINER:
        raise Forbidden("Ce jeton ne donne accès qu'à l'espace surveillant.", code="EXAMINER_TOKEN")
