"""Retrying an action that lost an optimistic-locking race."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from pixcore.errors import ConcurrentUpdate

T = TypeVar("T")


def retry_on_conflict(action: Callable[[], T], attempts: int = 2) -> T:
    """Runs `action` again (it re-reads what it needs) when its conditional write lost a race;
    after `attempts` lost races the conflict reaches the caller."""
    for attempt in range(1, attempts + 1):
        try:
            return action()
        except ConcurrentUpdate:
            if attempt == attempts:
                raise
    raise AssertionError("unreachable")
