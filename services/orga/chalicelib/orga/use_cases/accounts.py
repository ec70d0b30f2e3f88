"""Signing up, logging in (throttled), and who am I."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from chalicelib.orga.domain.accounts import Account, check_email, check_password_strength, login_key
from chalicelib.orga.domain.throttling import SOURCE_FREE_FAILURES, is_locked, locked_until
from chalicelib.orga.domain.usernames import generate_username
from chalicelib.orga.ports import Ports
from pixcore.errors import Throttled, Unauthenticated
from pixcore.ids import new_id
from pixcore.passwords import hash_password, verify_password
from pixcore.principal import STUDENT, Principal

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
    """A wrong password counts against the login and the source; a locked one is refused before
    the password is even checked, and says until when."""
    throttle, identifier, source = ports.throttle, command.identifier, command.source
    password = command.password
    now = ports.clock.now()
    keys = [(f"login:{login_key(identifier)}", 5)]
    if source:
        keys.append((f"source:{source}", SOURCE_FREE_FAILURES))
    for key, free in keys:
        record = throttle.failures(key)
        until = locked_until(record, free)
        if until is not None and is_locked(record, now, free):
            raise Throttled(details={"retry_after_seconds": int((until - now).total_seconds()) + 1})
    account = ports.accounts.find_by_login(login_key(identifier))
    if (
        not verify_password(password, account.password_hash if account else _DUMMY_HASH)
        or not account
    ):
        for key, _ in keys:
            throttle.record_failure(key, now)
        raise Unauthenticated(
            "L'adresse e-mail, l'identifiant ou le mot de passe est incorrect.",
            code="INVALID_CREDENTIALS",
        )
    throttle.reset(keys[0][0])
    return LoggedIn(ports.tokens.issue(account.principal()), ports.tokens.lifetime, account)


def me(ports: Ports, caller: Principal) -> Account:
    return ports.accounts.get(caller.user_id)
