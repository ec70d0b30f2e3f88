"""Clocks: the system one, and a fixed one for tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock:
    def __init__(self, at: datetime) -> None:
        self.at = at

    def now(self) -> datetime:
        return self.at

    def advance(self, **delta: float) -> None:
        self.at += timedelta(**delta)


def to_paris(moment: datetime) -> datetime:
    return moment.astimezone(PARIS)


def french_date(moment: datetime) -> str:
    """Documents show dates as JJ/MM/AAAA in Europe/Paris time."""
    if isinstance(moment, datetime):
        moment = to_paris(moment) if moment.tzinfo else moment
    return moment.strftime("%d/%m/%Y")
