"""Login throttling: the lockout starts after 5 failures and doubles up to an hour."""

from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.orga.adapters.memory import memory_ports
from chalicelib.orga.domain.throttling import FailureRecord, is_locked, locked_until
from chalicelib.orga.use_cases.accounts import LogIn, SignUp, log_in, sign_up
from pixcore.clock import FixedClock
from pixcore.errors import Throttled, Unauthenticated

T0 = datetime(2026, 3, 10, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "failures, lockout", [(4, None), (5, 30), (6, 60), (7, 120), (10, 960), (12, 3600), (40, 3600)]
)
def test_lockout_grows_with_failures(failures, lockout):
    until = locked_until(FailureRecord(failures, T0))
    assert (None if until is None else (until - T0).total_seconds()) == lockout


def test_lock_ends():
    record = FailureRecord(5, T0)
    assert is_locked(record, T0 + timedelta(seconds=29))
    assert not is_locked(record, T0 + timedelta(seconds=30))


def test_log_in_is_refused_while_locked_then_works_and_resets():
    ports = memory_ports(clock=FixedClock(T0))
    sign_up(ports, SignUp("Loïc", "Lefèvre", None, "Secret123", email="loic@example.fr"))
    for _ in range(5):
        with pytest.raises(Unauthenticated):
            log_in(ports, LogIn("loic@example.fr", "wrong", "10.0.0.1"))
    with pytest.raises(Throttled):
        log_in(ports, LogIn("LOIC@example.fr", "Secret123", "10.0.0.2"))
    ports.clock.advance(seconds=31)
    logged = log_in(ports, LogIn("loic@example.fr", "Secret123"))
    assert ports.tokens.verify(logged.access_token).user_id == logged.user.id
    assert ports.throttle.failures("login:loic@example.fr") is None


def test_an_unknown_login_counts_failures_too():
    ports = memory_ports(clock=FixedClock(T0))
    with pytest.raises(Unauthenticated):
        log_in(ports, LogIn("nobody@example.fr", "x", "10.0.0.9"))
    assert ports.throttle.failures("source:10.0.0.9").failures == 1
