"""Accounts: who a person is on pixcert and how they sign in."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from pixcore.errors import Conflict, Invalid
from pixcore.principal import ACADEMIE, JURY, STUDENT, SUPERADMIN, Principal

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MIN_PASSWORD_LENGTH = 8


@dataclass
class Account:
    id: str
    first_name: str
    last_name: str
    birthdate: date | None
    email: str | None
    username: str | None
    password_hash: str
    role: str = STUDENT
    memberships: dict[str, str] = field(default_factory=dict)
    created_at: datetime | None = None
    academie: str | None = None

    def principal(self) -> Principal:
        academie = self.academie if self.role == ACADEMIE else None
        return Principal(self.id, self.role, dict(self.memberships), academie=academie)

    @property
    def login(self) -> str:
        return (self.email or self.username or "").lower()


def login_key(identifier: str) -> str:
    """Emails and usernames are matched without regard to case or surrounding spaces."""
    return identifier.strip().lower()


def check_password_strength(password: str) -> None:
    """A password has at least 8 characters, with a letter and a digit."""
    if (
        len(password) < MIN_PASSWORD_LENGTH
        or not any(c.isalpha() for c in password)
        or not any(c.isdigit() for c in password)
    ):
        raise Invalid(
            "Le mot de passe doit contenir au moins 8 caractères, dont une lettre et un chiffre.",
            code="PASSWORD_TOO_WEAK",
        )


def check_email(email: str) -> str:
    email = login_key(email)
    if not EMAIL.match(email):
        raise Invalid("L'adresse e-mail n'est pas valide.", code="EMAIL_INVALID")
    return email


def check_can_become_academie(account: Account) -> None:
    """A jury account keeps its role: the académie role is for the académie's own users."""
    if account.role in (JURY, SUPERADMIN):
        raise Conflict(
            "Ce compte est un compte du jury Pix : il voit déjà toutes les académies.",
            code="ROLE_CONFLICT",
        )
