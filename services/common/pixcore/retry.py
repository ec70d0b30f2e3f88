"""Retrying an action that lost an optimistic-locking race."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TypeVar

from pixcore.errors import ConcurrentUpdate

T = TypeVar("T")

PAUSE_SECONDS = 0.02


def retry_on_conflict(action: Callable[[], T], attempts: int = 3) -> T:
    """Runs `action` again (it re-reads what it needs) when its conditional write lost a race,
    after a short random pause that grows with each lost race (two writers that collided do
    not collide again in step); after `attempts` lost races the conflict reaches the caller."""
    for attempt in range(1, attempts + 1):
        try:
            return action()
        except ConcurrentUpdate:
            if attempt == attempts:
                raise
            time.sleep(random.uniform(0, PAUSE_SECONDS * attempt))
    raise AssertionError("unreachable")
