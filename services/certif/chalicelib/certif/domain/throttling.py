"""Guessing is stopped: repeated failures from one source (joining, the examiner's password)
lock it out for a while, longer each time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

JOIN_FREE_FAILURES = 10
SUPERVISE_FREE_FAILURES = 5
FIRST_LOCKOUT = timedelta(seconds=30)
LONGEST_LOCKOUT = timedelta(hours=1)
FORGET_AFTER = timedelta(hours=24)


@dataclass(frozen=True)
class FailureRecord:
    failures: int
    last_failure_at: datetime


def locked_until(record: FailureRecord | None, free_failures: int) -> datetime | None:
    """After `free_failures` failures, each further one locks for 30 s, then 60 s, 120 s… up to
    1 h; failures are forgotten after 24 h."""
    if record is None or record.failures < free_failures:
        return None
    extra = record.failures - free_failures
    return record.last_failure_at + min(FIRST_LOCKOUT * (2 ** min(extra, 16)), LONGEST_LOCKOUT)


def retry_after(record: FailureRecord | None, free_failures: int, now: datetime) -> float | None:
    """Seconds to wait before trying again, None when not locked."""
    until = locked_until(record, free_failures)
    if until is None or now >= until:
        return None
    return (until - now).total_seconds()
