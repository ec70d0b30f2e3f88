"""Login and sign-up throttling with DOMAIN-style numbers: 5 failures lock an account 30 s, then
doubling to an hour; a source is held per account and by its unknown logins, never for others'
typos; sign-ups are throttled per source."""

from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.orga.adapters.memory import memory_ports
from chalicelib.orga.domain.throttling import Attempts, account_locked_until, lockout
from chalicelib.orga.use_cases.accounts import LogIn, SignUp, log_in, sign_up
from pixcore.clock import FixedClock
from pixcore.errors import Throttled, Unauthenticated

T0 = datetime(2026, 3, 10, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "failures, seconds", [(4, None), (5, 30), (6, 60), (7, 120), (10, 960), (12, 3600), (40, 3600)]
)
def test_lockout_grows_with_failures(failures, seconds):
    wait = lockout(failures)
    assert (None if wait is None else wait.total_seconds()) == seconds


def test_lock_ends_and_failures_older_than_a_day_are_forgotten():
    five = Attempts(tuple(T0 + timedelta(seconds=i) for i in range(5)))
    assert account_locked_until(five, T0 + timedelta(seconds=33)) == T0 + timedelta(seconds=34)
    assert account_locked_until(five, T0 + timedelta(seconds=34)) is None
    assert account_locked_until(five, T0 + timedelta(days=1, seconds=4)) is None


def world(*emails: str):  # noqa: ANN201
    ports = memory_ports(clock=FixedClock(T0))
    for email in emails:
        sign_up(ports, SignUp("Loïc", "Lefèvre", None, "Secret123", email=email, source="10.9.9.9"))
    return ports


def attempt(ports, email: str, password: str, source: str = "10.0.0.1") -> str:  # noqa: ANN001
    try:
        log_in(ports, LogIn(email, password, source))
        return "ok"
    except Unauthenticated:
        return "401"
    except Throttled:
        return "429"


def test_log_in_is_refused_while_locked_then_works_and_resets():
    ports = world("loic@example.fr")
    assert [attempt(ports, "loic@example.fr", "wrong") for _ in range(5)] == ["401"] * 5
    with pytest.raises(Throttled) as locked:
        log_in(ports, LogIn("LOIC@example.fr", "Secret123", "10.0.0.2"))
    assert locked.value.details["retry_after_seconds"] == 31
    ports.clock.advance(seconds=31)
    logged = log_in(ports, LogIn("loic@example.fr", "Secret123"))
    assert ports.tokens.verify(logged.access_token).user_id == logged.user.id
    assert ports.throttle.attempts("login:loic@example.fr") == Attempts()


def test_an_unknown_login_counts_against_the_source():
    ports = world()
    assert attempt(ports, "nobody@example.fr", "x", "10.0.0.9") == "401"
    assert len(ports.throttle.attempts("source:10.0.0.9").logins) == 1


def test_a_school_behind_one_address_is_not_locked_out_by_its_students_typos():
    emails = [f"eleve{i}@example.fr" for i in range(30)]
    ports = world(*emails)
    for email in emails:  # every student mistypes their own password 3 times
        assert [attempt(ports, email, "Faux1234") for _ in range(3)] == ["401"] * 3
    assert all(attempt(ports, email, "Secret123") == "ok" for email in emails)


def test_a_source_that_keeps_locking_an_account_is_stopped_and_the_lock_ends():
    # GIVEN an attacker at 6.6.6.6 who tries one wrong password each time the jury's lock ends
    ports = world("jury@example.fr")
    outcomes = []
    for _ in range(12):
        outcomes.append(attempt(ports, "jury@example.fr", "Devine123", "6.6.6.6"))
        until = account_locked_until(ports.throttle.attempts("login:jury@example.fr"), T0)
        ports.clock.advance(seconds=(until - ports.clock.now()).total_seconds() if until else 1)
    # THEN after 10 failures the attacker is refused before reaching the account …
    assert outcomes == ["401"] * 10 + ["429"] * 2
    # … so the lock ends for good (at most 16 min after the last) and the jury logs in
    ports.clock.advance(minutes=16)
    assert attempt(ports, "jury@example.fr", "Devine123", "6.6.6.6") == "429"
    assert attempt(ports, "jury@example.fr", "Secret123", "10.1.1.1") == "ok"


def test_one_source_trying_a_hundred_unknown_logins_is_refused_then_forgiven():
    ports = world("loic@example.fr")
    for i in range(100):
        assert attempt(ports, f"inconnu{i}@example.fr", "x", "7.7.7.7") == "401"
    assert attempt(ports, "inconnu100@example.fr", "x", "7.7.7.7") == "429"
    assert attempt(ports, "loic@example.fr", "Secret123", "7.7.7.7") == "429"
    assert attempt(ports, "loic@example.fr", "Secret123", "10.0.0.1") == "ok"
    ports.clock.advance(hours=1)
    assert attempt(ports, "loic@example.fr", "Secret123", "7.7.7.7") == "ok"


def test_the_same_unknown_login_mistyped_again_counts_once():
    ports = world()
    for _ in range(3):
        attempt(ports, "zoe.lefevr@example.fr", "x", "7.7.7.7")
    assert len(ports.throttle.attempts("source:7.7.7.7").logins) == 1


def test_sign_up_is_throttled_per_source():
    ports = world()
    for i in range(100):
        sign_up(ports, SignUp("Zoé", "Lefèvre", None, "Secret123", f"e{i}@example.fr", source="s"))
    with pytest.raises(Throttled) as refused:
        sign_up(ports, SignUp("Zoé", "Lefèvre", None, "Secret123", "e@example.fr", source="s"))
    assert refused.value.details["retry_after_seconds"] > 0
    sign_up(ports, SignUp("Zoé", "Lefèvre", None, "Secret123", "f@example.fr", source="t"))


def test_an_older_scrypt_password_is_rehashed_with_argon2id_at_the_next_login():
    import base64
    import hashlib

    ports = world("loic@example.fr")
    account = ports.accounts.find_by_login("loic@example.fr")
    digest = hashlib.scrypt(b"Secret123", salt=b"0123456789abcdef", n=2**14, r=8, p=1, dklen=32)
    old = f"scrypt$16384$8$1${base64.b64encode(b'0123456789abcdef').decode()}$" + (
        base64.b64encode(digest).decode()
    )
    ports.accounts.accounts[account.id].password_hash = old
    assert attempt(ports, "loic@example.fr", "Wrong1234") == "401"
    assert ports.accounts.get(account.id).password_hash == old  # a failure changes nothing
    assert attempt(ports, "loic@example.fr", "Secret123") == "ok"
    stored = ports.accounts.get(account.id).password_hash
    assert (
        stored.startswith("$argon2id$") and attempt(ports, "loic@example.fr", "Secret123") == "ok"
    )


def test_a_jury_account_does_not_become_an_academie_one():
    from chalicelib.orga.use_cases.accounts import GrantAcademie, grant_academie
    from pixcore.errors import Conflict
    from pixcore.principal import JURY, Principal

    ports = world()
    sign_up(ports, SignUp("Jury", "Pix", None, "Secret123", email="jury@example.fr", role=JURY))
    with pytest.raises(Conflict) as refused:
        grant_academie(ports, Principal("j", JURY), GrantAcademie("jury@example.fr", "Paris"))
    assert refused.value.code == "ROLE_CONFLICT"
