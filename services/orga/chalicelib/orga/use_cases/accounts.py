"""Signing up, logging in (throttled), and who am I."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

from chalicelib.orga.domain.accounts import (
    Account,
    check_can_become_academie,
    check_email,
    check_password_strength,
    login_key,
)
from chalicelib.orga.domain.usernames import generate_username
from chalicelib.orga.ports import Ports
from chalicelib.orga.use_cases.throttles import LoginThrottles, admit_sign_up
from pixcore.errors import Invalid, Unauthenticated
from pixcore.ids import new_id
from pixcore.passwords import hash_password, needs_rehash, verify_password
from pixcore.principal import ACADEMIE, STUDENT, Principal, require_jury


@cache
def _dummy_hash() -> str:
    """Verifying against a real hash when the login is unknown keeps response times alike."""
    return hash_password("pixcert-no-such-user-1")


@dataclass(frozen=True)
class SignUp:
    first_name: str
    last_name: str
    birthdate: date | None
    password: str
    email: str | None = None
    username: str | None = None
    role: str = STUDENT
    source: str | None = None


@dataclass(frozen=True)
class LogIn:
    identifier: str
    password: str
    source: str | None = None


@dataclass(frozen=True)
class LoggedIn:
    access_token: str
    expires_in: int
    user: Account
    token_type: str = "bearer"


def sign_up(ports: Ports, command: SignUp) -> Account:
    """Without an email, a student gets a generated username (prenom.nom + DDMM)."""
    accounts, clock = ports.accounts, ports.clock
    check_password_strength(command.password)
    admit_sign_up(ports.throttle, command.source, clock.now())
    username = login_key(command.username) if command.username else None
    if not command.email and not username and command.birthdate:
        username = generate_username(
            command.first_name, command.last_name, command.birthdate, accounts.login_taken
        )
    account = Account(
        id=new_id(),
        first_name=command.first_name.strip(),
        last_name=command.last_name.strip(),
        birthdate=command.birthdate,
        email=check_email(command.email) if command.email else None,
        username=username,
        password_hash=hash_password(command.password),
        role=command.role,
        created_at=clock.now(),
    )
    accounts.add(account)
    return account


def log_in(ports: Ports, command: LogIn) -> LoggedIn:
    """A wrong password counts against the account, the source on that account and, for an
    unknown login, the source; a locked attempt is refused before the password is even checked,
    and says until when (`Retry-After`)."""
    now, login = ports.clock.now(), login_key(command.identifier)
    throttles = LoginThrottles(ports.throttle, login, command.source)
    throttles.admit(now)
    account = ports.accounts.find_by_login(login)
    if not verify_password(
        command.password, account.password_hash if account else _dummy_hash()
    ) or (account is None):
        throttles.failed(now, unknown_login=account is None)
        raise Unauthenticated(
            "L'adresse e-mail, l'identifiant ou le mot de passe est incorrect.",
            code="INVALID_CREDENTIALS",
        )
    throttles.succeeded()
    if needs_rehash(account.password_hash):  # an older scheme: replaced now we know the password
        new = hash_password(command.password)
        ports.accounts.replace_password_hash(account.id, account.password_hash, new)
        account.password_hash = new
    return LoggedIn(ports.tokens.issue(account.principal()), ports.tokens.lifetime, account)


@dataclass(frozen=True)
class GrantAcademie:
    """An account (found by its email, or created with these names and password) that watches
    one académie's figures."""

    email: str
    academie: str
    first_name: str | None = None
    last_name: str | None = None
    password: str | None = None


def grant_academie(ports: Ports, caller: Principal, command: GrantAcademie) -> Account:
    """The jury gives an account the ACADEMIE role with its académie; its next token carries
    both. Without such an account, one is created (names and password then required)."""
    require_jury(caller)
    email, academie = check_email(command.email), command.academie.strip()
    account = ports.accounts.find_by_login(email)
    if account is None:
        if not (command.first_name and command.last_name and command.password):
            raise Invalid(
                "Aucun compte n'existe avec cette adresse : indiquez le prénom, le nom et un mot "
                "de passe pour le créer.",
                code="ACCOUNT_DETAILS_REQUIRED",
            )
        command_up = SignUp(
            command.first_name, command.last_name, None, command.password, email=email
        )
        account = sign_up(ports, command_up)
    check_can_become_academie(account)
    ports.accounts.set_role(account.id, ACADEMIE, academie)
    return ports.accounts.get(account.id)


def me(ports: Ports, caller: Principal) -> Account:
    return ports.accounts.get(caller.user_id)
