"""In-memory repositories for unit tests of orga's use cases."""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from chalicelib.orga.adapters.memory_imports import (  # noqa: F401 - re-exported fakes
    InMemoryImportFiles,
    InMemoryImportRepository,
    InMemorySchoolDirectory,
    InMemoryStudentRepository,
)
from chalicelib.orga.domain.accounts import Account
from chalicelib.orga.domain.collection_export import ProfileSnapshot
from chalicelib.orga.domain.organizations import Membership, MembershipRole, Organization
from chalicelib.orga.domain.participation import Campaign, LearnerProfile, Participation, is_newer
from chalicelib.orga.domain.results_export import CertificationResultRow
from chalicelib.orga.domain.throttling import Attempts
from chalicelib.orga.ports import Ports
from pixcore.clock import FixedClock
from pixcore.errors import ConcurrentUpdate, Conflict, NotFound, RuleViolation
from pixcore.memory import InMemoryPublisher


class InMemoryAccountRepository:
    def __init__(self) -> None:
        self.accounts: dict[str, Account] = {}
        self.logins: dict[str, str] = {}
        self.memberships: dict[str, dict[str, str]] = {}

    def add(self, account: Account) -> None:
        logins = [k for k in (account.email, account.username) if k]
        if any(k in self.logins for k in logins):
            raise Conflict(
                "Cette adresse e-mail ou cet identifiant est déjà utilisé.", code="LOGIN_TAKEN"
            )
        self.accounts[account.id] = copy.deepcopy(account)
        self.logins.update({k: account.id for k in logins})

    def get(self, user_id: str) -> Account:
        if user_id not in self.accounts:
            raise NotFound("Utilisateur introuvable.", code="USER_NOT_FOUND")
        account = copy.deepcopy(self.accounts[user_id])
        account.memberships = dict(self.memberships.get(user_id, {}))
        return account

    def find_by_login(self, login: str) -> Account | None:
        user_id = self.logins.get(login)
        return self.get(user_id) if user_id else None

    def login_taken(self, login: str) -> bool:
        return login in self.logins

    def set_role(self, user_id: str, role: str, academie: str | None) -> None:
        if user_id not in self.accounts:
            raise NotFound("Utilisateur introuvable.", code="USER_NOT_FOUND")
        self.accounts[user_id].role, self.accounts[user_id].academie = role, academie

    def replace_password_hash(self, user_id: str, old: str, new: str) -> None:
        account = self.accounts.get(user_id)
        if account is not None and account.password_hash == old:
            account.password_hash = new


class InMemoryOrganizationRepository:
    def __init__(self, accounts: InMemoryAccountRepository) -> None:
        self.organizations: dict[str, Organization] = {}
        self.accounts = accounts

    def add(self, organization: Organization) -> None:
        if any(o.uai == organization.uai for o in self.organizations.values()):
            raise Conflict("Un établissement avec cet UAI existe déjà.", code="UAI_TAKEN")
        self.organizations[organization.id] = copy.deepcopy(organization)

    def get(self, organization_id: str) -> Organization:
        if organization_id not in self.organizations:
            raise NotFound("Établissement introuvable.", code="ORGANIZATION_NOT_FOUND")
        return copy.deepcopy(self.organizations[organization_id])

    def set_member(self, organization_id: str, user_id: str, role: MembershipRole) -> None:
        self.accounts.memberships.setdefault(user_id, {})[organization_id] = role

    def members(self, organization_id: str) -> list[Membership]:
        return [
            Membership(organization_id, user_id, MembershipRole(roles[organization_id]))
            for user_id, roles in sorted(self.accounts.memberships.items())
            if organization_id in roles
        ]


class InMemoryLoginThrottle:
    def __init__(self) -> None:
        self.keys: dict[str, Attempts] = {}

    def attempts(self, key: str) -> Attempts:
        return self.keys.get(key, Attempts())

    def save(self, key: str, attempts: Attempts, forget_at: datetime) -> None:
        if self.attempts(key).version != attempts.version:
            raise ConcurrentUpdate()
        self.keys[key] = replace(attempts, version=attempts.version + 1)

    def clear(self, key: str) -> None:
        self.keys.pop(key, None)


class InMemoryCampaignRepository:
    def __init__(self) -> None:
        self.campaigns: dict[str, Campaign] = {}

    def add(self, campaign: Campaign) -> bool:
        if any(c.code == campaign.code for c in self.campaigns.values()):
            return False
        self.campaigns[campaign.id] = copy.deepcopy(campaign)
        return True

    def get(self, campaign_id: str) -> Campaign:
        if campaign_id not in self.campaigns:
            raise NotFound("Campagne introuvable.", code="CAMPAIGN_NOT_FOUND")
        return copy.deepcopy(self.campaigns[campaign_id])

    def by_code(self, code: str) -> Campaign:
        for campaign in self.campaigns.values():
            if campaign.code == code:
                return copy.deepcopy(campaign)
        raise NotFound("Campagne introuvable.", code="CAMPAIGN_NOT_FOUND")

    def of_organization(self, organization_id: str) -> list[Campaign]:
        """Newest first, as the school sees them."""
        mine = [c for c in self.campaigns.values() if c.organization_id == organization_id]
        mine.sort(key=lambda c: (c.created_at, c.id), reverse=True)
        return [copy.deepcopy(c) for c in mine]

    def archive(self, campaign_id: str, at: datetime) -> None:
        self.get(campaign_id)
        campaign = self.campaigns[campaign_id]
        if campaign.archived_at:
            raise Conflict("Cette campagne est déjà archivée.", code="CAMPAIGN_ARCHIVED")
        campaign.archived_at = at


class InMemoryParticipationRepository:
    def __init__(self) -> None:
        self.participations: dict[tuple[str, str], Participation] = {}

    def find(self, campaign_id: str, user_id: str) -> Participation | None:
        return copy.deepcopy(self.participations.get((campaign_id, user_id)))

    def add(self, participation: Participation) -> bool:
        key = (participation.campaign_id, participation.user_id)
        if key in self.participations:
            return False
        self.participations[key] = copy.deepcopy(participation)
        return True

    def request_share(self, campaign_id: str, user_id: str, at: datetime) -> None:
        participation = self.participations.get((campaign_id, user_id))
        if participation is None:
            raise NotFound("Vous ne participez pas à cette campagne.", code="NOT_A_PARTICIPANT")
        if participation.shared_at:
            raise RuleViolation(
                "Votre profil a déjà été envoyé pour cette campagne.", code="PROFILE_ALREADY_SENT"
            )
        participation.share_requested_at = at

    def share(
        self, campaign_id: str, user_id: str, at: datetime, snapshot: ProfileSnapshot
    ) -> None:
        participation = self.participations.get((campaign_id, user_id))
        if participation is None:
            raise NotFound("Vous ne participez pas à cette campagne.", code="NOT_A_PARTICIPANT")
        if participation.shared_at:
            raise RuleViolation(
                "Votre profil a déjà été envoyé pour cette campagne.", code="PROFILE_ALREADY_SENT"
            )
        participation.shared_at, participation.snapshot = at, snapshot

    def of_campaign(self, campaign_id: str) -> list[Participation]:
        return [copy.deepcopy(p) for (c, _), p in self.participations.items() if c == campaign_id]


class InMemoryProfileRepository:
    def __init__(self) -> None:
        self.profiles: dict[str, LearnerProfile] = {}

    def save_if_newer(self, profile: LearnerProfile) -> None:
        if is_newer(profile, self.profiles.get(profile.user_id)):
            self.profiles[profile.user_id] = profile

    def get(self, user_id: str) -> LearnerProfile | None:
        return self.profiles.get(user_id)


class InMemoryResultRepository:
    def __init__(self) -> None:
        self.rows: dict[tuple[str, str, str], tuple[CertificationResultRow, str | None]] = {}

    def save_session(
        self,
        organization_id: str,
        session_id: str,
        rows: list[tuple[CertificationResultRow, str | None]],
    ) -> None:
        for row, division in rows:
            self.rows[(organization_id, session_id, str(row.certification_id))] = (row, division)

    def of_organization(
        self, organization_id: str
    ) -> list[tuple[CertificationResultRow, str | None]]:
        return [v for (org, _, _), v in sorted(self.rows.items()) if org == organization_id]


def memory_ports(**overrides: Any) -> Ports:
    """Orga's ports made of the in-memory fakes (the import file reader is the real one, over the
    in-memory files); `overrides` replaces some of them."""
    from chalicelib.orga.adapters.skills_file import ShippedSkills
    from chalicelib.orga.adapters.student_files import StoredStudentFiles
    from pixcore.auth import TokenService

    accounts = overrides.pop("accounts", None) or InMemoryAccountRepository()
    organizations = overrides.pop("organizations", None) or InMemoryOrganizationRepository(accounts)
    files = overrides.pop("import_files", None) or InMemoryImportFiles("docs")
    ports = Ports(
        accounts=accounts,
        organizations=organizations,
        throttle=InMemoryLoginThrottle(),
        campaigns=InMemoryCampaignRepository(),
        participations=InMemoryParticipationRepository(),
        profiles=InMemoryProfileRepository(),
        results=InMemoryResultRepository(),
        students=InMemoryStudentRepository(),
        imports=InMemoryImportRepository(),
        import_files=files,
        student_files=StoredStudentFiles(files),
        schools=InMemorySchoolDirectory(organizations),
        publisher=InMemoryPublisher(),
        skills=ShippedSkills(),
        tokens=TokenService(lambda: "memory-signing-key-0123456789abcdef"),
        clock=FixedClock(datetime(2020, 9, 14, tzinfo=UTC)),
        cursor_secret=lambda: b"memory-cursor-secret",
    )
    for name, value in overrides.items():
        setattr(ports, name, value)
    return ports
