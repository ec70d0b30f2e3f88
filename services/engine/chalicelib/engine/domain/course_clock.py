"""The certification test's clock: 1 h 45 from the start, times the candidate's extra time."""

from __future__ import annotations

from datetime import datetime, timedelta

from pixcore.errors import Invalid, PixError

TEST_DURATION = timedelta(minutes=105)
MAX_EXTRA_TIME_PERCENTAGE = 200
LOCAL_STAGE = "local"


class AcceleratedClockRefused(PixError):
    """A shorter test asked for outside the local stack: the service refuses to run with it."""

    status = 500
    default_code = "ACCELERATED_CLOCK_REFUSED"
    default_message = (
        "Une durée de test raccourcie n'est permise que sur la pile locale de démonstration."
    )


def deadline_for(
    started_at: datetime, extra_time_percentage: int, duration: timedelta = TEST_DURATION
) -> datetime:
    """The test ends 1 h 45 × (1 + extra time) after it started, e.g. 2 h 19 min 39 s with 33 %
    of extra time; the server holds this deadline, whatever the candidate's computer says."""
    if not 0 <= extra_time_percentage <= MAX_EXTRA_TIME_PERCENTAGE:
        raise Invalid(
            "Le temps majoré doit être compris entre 0 et 200 %.",
            code="EXTRA_TIME_INVALID",
            details={"extra_time_percentage": extra_time_percentage},
        )
    return started_at + duration * (1 + extra_time_percentage / 100)


def course_duration(stage: str, override_seconds: str | None) -> timedelta:
    """The test lasts 1 h 45. The demo may shorten it (to show a candidate running out of
    time), but only on the local stack: anywhere else the setting is refused, never honoured."""
    if not override_seconds:
        return TEST_DURATION
    if stage != LOCAL_STAGE:
        raise AcceleratedClockRefused(details={"stage": stage})
    try:
        seconds = float(override_seconds)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds <= TEST_DURATION.total_seconds():
        raise Invalid(
            "La durée de test raccourcie doit être un nombre de secondes entre 1 et 6300.",
            code="TEST_DURATION_INVALID",
            details={"seconds": override_seconds},
        )
    return timedelta(seconds=seconds)
