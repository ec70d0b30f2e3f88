"""Contract of the throttle port: what a key remembers, written only over the version read."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.orga.adapters.dynamo_throttle import DynamoLoginThrottle
from chalicelib.orga.adapters.memory import InMemoryLoginThrottle
from chalicelib.orga.domain.throttling import Attempts
from pixcore.errors import ConcurrentUpdate
from pixcore.ids import new_id

T0 = datetime(2026, 3, 10, 8, 0, tzinfo=UTC)


@pytest.fixture
def throttle(kind: str):  # noqa: ANN201
    return InMemoryLoginThrottle() if kind == "memory" else DynamoLoginThrottle()


def test_a_key_remembers_its_failures_and_is_written_over_the_version_read(throttle):
    key = f"login:{new_id()}"
    assert throttle.attempts(key) == Attempts()
    first = Attempts((T0,), ("a1b2",))
    throttle.save(key, first, T0 + timedelta(days=1))
    read = throttle.attempts(key)
    assert (read.times, read.logins, read.version) == ((T0,), ("a1b2",), 1)
    with pytest.raises(ConcurrentUpdate):
        throttle.save(key, Attempts((T0, T0)), T0 + timedelta(days=1))  # read before the first
    throttle.save(key, Attempts((T0, T0 + timedelta(seconds=1)), version=1), T0)
    assert len(throttle.attempts(key).times) == 2
    throttle.clear(key)
    throttle.clear(key)
    assert throttle.attempts(key) == Attempts()
