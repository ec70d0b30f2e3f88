"""The local stack's knobs stay consistent with the cloud's and with each other."""

from __future__ import annotations

from infra import resources
from infra.local import pump, stack
from pixcore import runtime


def test_the_kernel_lease_defaults_to_the_queues_visibility_timeout():
    assert runtime.VISIBILITY_TIMEOUT_SECONDS == resources.VISIBILITY_TIMEOUT


def test_the_local_lease_is_the_local_visibility_and_outlasts_the_retry_delay():
    environment = stack.LocalStack().environment()
    assert environment["PIXCERT_MESSAGE_LEASE_SECONDS"] == str(pump.LOCAL_VISIBILITY_SECONDS)
    # A message left in flight by a killed process comes back when its claim expires: the
    # first retry takes it over instead of meeting MESSAGE_IN_PROGRESS until the dead letters.
    assert pump.RETRY_DELAY_SECONDS < pump.LOCAL_VISIBILITY_SECONDS <= resources.VISIBILITY_TIMEOUT
    assert environment["PYNAMODB_CONFIG"].endswith("pynamodb_settings.py")
