"""Signing up, logging in, and who am I."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pixcore.auth import STUDENT, TokenService
from pixcore.clock import Clock
from pixcore.errors import Invalid, Unauthenticated
from pixcore.ids import new_id
from pixcore.passwords import hash_password, verify_password

from chalicelib.orga.domain.accounts import Account, check_email, check_password_strength, login_key
from chalicelib.orga.ports import AccountRepository

# Verifying against a real hash when the login is unknown keeps response times alike.
_DUMMY_HASH = hash_password("pixcert-no-such-user-1")


@dataclass(frozen=True)
class SignUp:
    first_name: str
    last_name: str
    birthdate: date | None
    password: str
    email: str | None = None
    username: str | None = None
    role: str = STUDENT


def sign_up(accounts: AccountRepository, clock: Clock, command: SignUp) -> Account:
    if not (command.email or command.username):
        raise Invalid("Une adresse e-mail ou un identifiant est nécessaire.", code="LOGIN_REQUIRED")
    check_password_strength(command.password)
    account = Account(
        id=new_id(),
        first_name=command.first_name.strip(),
        last_name=command.last_name.strip(),
        birthdate=command.birthdate,
        email=check_email(command.email) if command.email else None,
        username=login_key(command.username) if command.username else None,
        password_hash=hash_password(command.password),
        role=command.role,
        created_at=clock.now(),
    )
    accounts.add(account)
    return account


def log_in(accounts: AccountRepository, tokens: TokenService, identifier: str,
           password: str) -> tuple[str, Account]:
    account = accounts.find_by_login(login_key(identifier))
    if not verify_password(password, account.password_hash if account else _DUMMY_HASH) or not account:
        raise Unauthenticated("L'adresse e-mail, l'identifiant ou le mot de passe est incorrect.",
                              code="INVALID_CREDENTIALS")
    return tokens.issue(account.principal()), account
