"""A lost optimistic-locking race is retried after a short pause; the third loss reaches the caller."""

import pytest

from pixcore.errors import ConcurrentUpdate, Conflict
from pixcore.retry import retry_on_conflict


def test_a_lost_race_is_run_again_and_the_second_attempt_counts():
    attempts = []

    def action() -> str:
        attempts.append(1)
        if len(attempts) == 1:
            raise ConcurrentUpdate()
        return "saved"

    assert retry_on_conflict(action) == "saved"
    assert len(attempts) == 2


def test_three_lost_races_reach_the_caller_and_other_conflicts_are_not_retried():
    attempts = []

    def always_lost() -> None:
        attempts.append(1)
        raise ConcurrentUpdate()

    with pytest.raises(ConcurrentUpdate):
        retry_on_conflict(always_lost)
    assert len(attempts) == 3

    def refused() -> None:
        attempts.append(1)
        raise Conflict(code="SESSION_FINALIZED")

    with pytest.raises(Conflict):
        retry_on_conflict(refused)
    assert len(attempts) == 4
