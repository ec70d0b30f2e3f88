"""Login and sign-up throttling: what a key remembers of its recent failures, and the rules.

Three keys count a wrong login: the account (locks it for everyone, briefly, after 5), the
source on that account (a guesser from one address is stopped long before the account is kept
closed), and the source's unknown logins (one address trying many accounts). A school behind
one address shares only the last key, and only its misspelled usernames count there."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

FREE_FAILURES = 5
FIRST_LOCKOUT = timedelta(seconds=30)
LONGEST_LOCKOUT = timedelta(hours=1)
FORGET_AFTER = timedelta(hours=24)
SOURCE_ACCOUNT_LIMIT = 10  # failures of one source on one account …
SOURCE_ACCOUNT_WINDOW = timedelta(hours=24)  # … in a sliding day
UNKNOWN_LOGINS_LIMIT = 100  # distinct unknown logins tried from one source …
UNKNOWN_LOGINS_WINDOW = timedelta(hours=1)  # … in a sliding hour
SIGN_UP_LIMIT = 100  # accounts created from one source …
SIGN_UP_WINDOW = timedelta(hours=1)  # … in a sliding hour (a whole class signs up at once)


@dataclass(frozen=True)
class Attempts:
    """What one throttle key remembers: when each recent failure happened (and, for a source's
    unknown logins, on which login), oldest first; `version` is the one it was read at."""

    times: tuple[datetime, ...] = ()
    logins: tuple[str, ...] = ()
    version: int = 0


def lockout(failures: int) -> timedelta | None:
    """After 5 failed logins the account is locked 30 s, and each further failure doubles it, up
    to 1 h: 5 → 30 s, 6 → 60 s, 7 → 120 s … 12 and more → 1 h."""
    if failures < FREE_FAILURES:
        return None
    return min(FIRST_LOCKOUT * (2 ** min(failures - FREE_FAILURES, 16)), LONGEST_LOCKOUT)


def within(attempts: Attempts, now: datetime, window: timedelta) -> Attempts:
    """Only what happened in the window counts (a sliding window)."""
    kept = [i for i, at in enumerate(attempts.times) if at > now - window]
    return replace(
        attempts,
        times=tuple(attempts.times[i] for i in kept),
        logins=tuple(attempts.logins[i] for i in kept if i < len(attempts.logins)),
    )


def account_locked_until(attempts: Attempts, now: datetime) -> datetime | None:
    """Locked from the last failure for `lockout(failures of the last 24 h)`."""
    recent = within(attempts, now, FORGET_AFTER).times
    wait = lockout(len(recent))
    until = recent[-1] + wait if recent and wait else None
    return until if until and until > now else None


def source_account_blocked_until(attempts: Attempts, now: datetime) -> datetime | None:
    """A source with 10 failures on one account within a day tries it no more until the oldest
    of them is a day old: it can no longer keep that account locked for others."""
    recent = within(attempts, now, SOURCE_ACCOUNT_WINDOW).times
    if len(recent) < SOURCE_ACCOUNT_LIMIT:
        return None
    return recent[-SOURCE_ACCOUNT_LIMIT] + SOURCE_ACCOUNT_WINDOW


def unknown_logins_blocked_until(attempts: Attempts, now: datetime) -> datetime | None:
    """A source that tried 100 distinct unknown logins within an hour is refused until the
    oldest of them is an hour old."""
    recent = within(attempts, now, UNKNOWN_LOGINS_WINDOW)
    if len(set(recent.logins)) < UNKNOWN_LOGINS_LIMIT:
        return None
    return recent.times[0] + UNKNOWN_LOGINS_WINDOW


def sign_ups_blocked_until(attempts: Attempts, now: datetime) -> datetime | None:
    """A source creates at most 100 accounts in a sliding hour."""
    recent = within(attempts, now, SIGN_UP_WINDOW).times
    if len(recent) < SIGN_UP_LIMIT:
        return None
    return recent[-SIGN_UP_LIMIT] + SIGN_UP_WINDOW


def with_one_more(
    attempts: Attempts, now: datetime, window: timedelta, login: str | None = None
) -> Attempts:
    """The key after one more failure (a login already in the window is moved to now, so that
    it is counted once); what left the window is forgotten."""
    recent = within(attempts, now, window)
    times, logins = list(recent.times), list(recent.logins)
    if login is not None:
        if login in logins:
            del times[logins.index(login)]
            logins.remove(login)
        logins.append(login)
    times.append(now)
    return replace(recent, times=tuple(times), logins=tuple(logins))
