"""In-memory repositories for unit tests of orga's use cases."""

from __future__ import annotations

import copy
from datetime import datetime

from pixcore.errors import Conflict, NotFound

from chalicelib.orga.domain.accounts import Account
from chalicelib.orga.domain.throttling import FailureRecord
from chalicelib.orga.domain.organizations import Membership, MembershipRole, Organization


class InMemoryAccountRepository:
    def __init__(self) -> None:
        self.accounts: dict[str, Account] = {}
        self.logins: dict[str, str] = {}
        self.memberships: dict[str, dict[str, str]] = {}

    def add(self, account: Account) -> None:
        logins = [k for k in (account.email, account.username) if k]
        if any(k in self.logins for k in logins):
            raise Conflict("Cette adresse e-mail ou cet identifiant est déjà utilisé.", code="LOGIN_TAKEN")
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
        self.records: dict[str, FailureRecord] = {}

    def failures(self, key: str) -> FailureRecord | None:
        return self.records.get(key)

    def record_failure(self, key: str, at: datetime) -> None:
        previous = self.records.get(key)
        self.records[key] = FailureRecord((previous.failures if previous else 0) + 1, at)

    def reset(self, key: str) -> None:
        self.records.pop(key, None)
