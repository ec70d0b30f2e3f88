"""What orga's use cases need from the outside world."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from chalicelib.orga.domain.accounts import Account
from chalicelib.orga.domain.throttling import FailureRecord
from chalicelib.orga.domain.organizations import Membership, MembershipRole, Organization


class AccountRepository(Protocol):
    def add(self, account: Account) -> None:
        """Raises Conflict(LOGIN_TAKEN) when the email or username is already used."""
        ...

    def get(self, user_id: str) -> Account: ...

    def find_by_login(self, login: str) -> Account | None: ...

    def login_taken(self, login: str) -> bool: ...


class OrganizationRepository(Protocol):
    def add(self, organization: Organization) -> None:
        """Raises Conflict(UAI_TAKEN) when another school has that UAI."""
        ...

    def get(self, organization_id: str) -> Organization: ...

    def set_member(self, organization_id: str, user_id: str, role: MembershipRole) -> None: ...

    def members(self, organization_id: str) -> list[Membership]: ...


class LoginThrottle(Protocol):
    def failures(self, key: str) -> FailureRecord | None: ...

    def record_failure(self, key: str, at: datetime) -> None:
        """Counts one more failure atomically (concurrent attempts all count)."""
        ...

    def reset(self, key: str) -> None: ...
