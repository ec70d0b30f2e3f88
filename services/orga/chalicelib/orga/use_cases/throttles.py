"""The throttles of logging in and signing up, kept by conditional writes (concurrent attempts
all count)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime, timedelta

from chalicelib.orga.domain.throttling import (
    FORGET_AFTER,
    SIGN_UP_WINDOW,
    SOURCE_ACCOUNT_WINDOW,
    UNKNOWN_LOGINS_WINDOW,
    Attempts,
    account_locked_until,
    sign_ups_blocked_until,
    source_account_blocked_until,
    unknown_logins_blocked_until,
    with_one_more,
)
from chalicelib.orga.ports import LoginThrottle
from pixcore.errors import ConcurrentUpdate, Throttled
from pixcore.retry import retry_on_conflict

# A key's conditional write may lose to concurrent attempts many times in a row; each lost race
# re-reads the key and decides again, so every admitted attempt is counted once.
RACES = 30


def _refuse(until: datetime, now: datetime) -> Throttled:
    return Throttled(details={"retry_after_seconds": int((until - now).total_seconds()) + 1})


class LoginThrottles:
    """The three keys of one login attempt."""

    def __init__(self, throttle: LoginThrottle, login: str, source: str | None) -> None:
        self.throttle = throttle
        source = source or "unknown"
        self.account = f"login:{login}"
        self.pair = f"login:{login}|source:{source}"
        self.source = f"source:{source}"
        self.login_tag = hashlib.blake2b(login.encode(), digest_size=8).hexdigest()

    def admit(self, now: datetime) -> None:
        """Refuses a source blocked for this account or for its unknown logins, then admits the
        attempt on the account by a conditional write that counts it as a failure until it
        succeeds: at most 5 attempts get in before the lock, whatever the concurrency."""
        for key, rule in (
            (self.source, unknown_logins_blocked_until),
            (self.pair, source_account_blocked_until),
        ):
            until = rule(self.throttle.attempts(key), now)
            if until is not None:
                raise _refuse(until, now)
        _update(self.throttle, self.account, now, FORGET_AFTER, account_locked_until)

    def failed(self, now: datetime, unknown_login: bool) -> None:
        _update(self.throttle, self.pair, now, SOURCE_ACCOUNT_WINDOW)
        if unknown_login:
            _update(self.throttle, self.source, now, UNKNOWN_LOGINS_WINDOW, login=self.login_tag)

    def succeeded(self) -> None:
        """A successful login resets the account and this source's count on it."""
        self.throttle.clear(self.account)
        self.throttle.clear(self.pair)


def admit_sign_up(throttle: LoginThrottle, source: str | None, now: datetime) -> None:
    """At most 100 accounts created from one source in a sliding hour."""
    key = f"signup:{source or 'unknown'}"
    _update(throttle, key, now, SIGN_UP_WINDOW, sign_ups_blocked_until)


def _update(
    throttle: LoginThrottle,
    key: str,
    now: datetime,
    window: timedelta,
    blocked: Callable[[Attempts, datetime], datetime | None] | None = None,
    login: str | None = None,
) -> None:
    def once() -> None:
        attempts = throttle.attempts(key)
        until = blocked(attempts, now) if blocked else None
        if until is not None:
            raise _refuse(until, now)
        throttle.save(key, with_one_more(attempts, now, window, login), now + window)

    try:
        retry_on_conflict(once, attempts=RACES)
    except ConcurrentUpdate as crowded:  # that many at once on one key: throttled as well
        raise Throttled(details={"retry_after_seconds": 1}) from crowded
