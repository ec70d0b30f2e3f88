"""Login throttling: repeated failures lock an account or a source out, longer each time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

FREE_FAILURES = 5
FIRST_LOCKOUT = timedelta(seconds=30)
LONGEST_LOCKOUT = timedelta(hours=1)
SOURCE_FREE_FAILURES = 50
FORGET_AFTER = timedelta(hours=24)


@dataclass(frozen=True)
class FailureRecord:
    failures: int
    last_failure_at: datetime


def locked_until(
    record: FailureRecord | None, free_failures: int = FREE_FAILURES
) -> datetime | None:
    """After 5 failed logins, each further failure locks for 30 s, then 60 s, 120 s… up to 1 h;
    a failure older than 24 h is forgotten."""
    if record is None or record.failures < free_failures:
        return None
    extra = record.failures - free_failures
    lockout = min(FIRST_LOCKOUT * (2 ** min(extra, 16)), LONGEST_LOCKOUT)
    return record.last_failure_at + lockout


def is_locked(
    record: FailureRecord | None, now: datetime, free_failures: int = FREE_FAILURES
) -> bool:
    until = locked_until(record, free_failures)
    return until is not None and now < until
