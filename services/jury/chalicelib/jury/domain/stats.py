"""The académie figures (DOMAIN.md, step 7): counters per sector, moved by facts counted once."""

from __future__ import annotations

from dataclasses import astuple, dataclass, field, fields
from datetime import UTC, date, datetime, timedelta

from pixcore.clock import PARIS

SECTORS = ("PUBLIC", "PRIVATE")
NATIONAL = "*"


@dataclass
class Figures:
    schools: int = 0
    certification_centers: int = 0
    schools_with_sessions: int = 0
    sessions_created: int = 0
    sessions_finalized: int = 0
    candidates_enrolled: int = 0
    candidates_took_part: int = 0
    certified: int = 0
    schools_with_active_students: int = 0

    def add(self, other: Figures) -> Figures:
        return Figures(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)}
        )


FIGURE_NAMES = tuple(f.name for f in fields(Figures))
Deltas = dict[str, int]


@dataclass
class WeekFigures:
    """What the season's charts show week by week: each delta of these figures moves the total
    and the week of the fact that moved it, so the weeks always add up to the totals."""

    sessions_created: int = 0
    sessions_finalized: int = 0
    candidates_enrolled: int = 0
    certified: int = 0

    def add(self, other: WeekFigures) -> WeekFigures:
        return WeekFigures(*(a + b for a, b in zip(astuple(self), astuple(other), strict=True)))


WEEK_FIGURE_NAMES = tuple(f.name for f in fields(WeekFigures))


def weekly(deltas: Deltas) -> Deltas:
    """The part of a count the weeks keep too."""
    return {name: d for name, d in deltas.items() if name in WEEK_FIGURE_NAMES and d}


def week_of(at: datetime | date) -> str:
    """The ISO week ("2027-W11") of a fact, by its date in Paris: Sunday 23:30 UTC is already
    Monday there."""
    if isinstance(at, datetime):
        at = (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone(PARIS).date()
    year, number, _ = at.isocalendar()
    return f"{year}-W{number:02d}"


def monday_of(week: str) -> date:
    year, number = week.split("-W")
    return date.fromisocalendar(int(year), int(number), 1)


@dataclass(frozen=True)
class School:
    organization_id: str
    academie: str
    sector: str
    is_certification_center: bool


@dataclass(frozen=True)
class SessionTally:
    """What a session already counts for: created (not deleted), finalised, its candidates."""

    session_id: str
    center_id: str
    revision: int = 0
    counted: bool = False
    finalized: bool = False
    candidates: int = 0
    version: int = 0


def _deltas(old: SessionTally, new: SessionTally) -> Deltas:
    found = {
        "sessions_created": int(new.counted) - int(old.counted),
        "sessions_finalized": int(new.finalized) - int(old.finalized),
        "candidates_enrolled": new.candidates - old.candidates,
    }
    return {k: v for k, v in found.items() if v}


def session_updated(
    old: SessionTally, revision: int, deleted: bool, candidate_count: int
) -> tuple[SessionTally, Deltas] | None:
    """A newer revision replaces what the session counts for; an older one changes nothing. A
    finalised session stays counted as created (finalised ≤ created, always)."""
    if revision <= old.revision:
        return None
    counted = old.finalized or not deleted
    new = SessionTally(
        old.session_id,
        old.center_id,
        revision,
        counted,
        old.finalized,
        candidate_count if counted else 0,
        old.version,
    )
    return new, _deltas(old, new)


def session_finalized(
    old: SessionTally, candidate_count: int
) -> tuple[SessionTally, Deltas] | None:
    """Finalised once; a finalisation read before any update also counts the session created."""
    if old.finalized:
        return None
    candidates = old.candidates if old.revision else candidate_count
    new = SessionTally(
        old.session_id, old.center_id, old.revision, True, True, candidates, old.version
    )
    return new, _deltas(old, new)


@dataclass(frozen=True)
class Week:
    week: str
    by_sector: dict[str, WeekFigures]

    @property
    def week_start(self) -> date:
        return monday_of(self.week)

    @property
    def total(self) -> WeekFigures:
        total = WeekFigures()
        for figures in self.by_sector.values():
            total = total.add(figures)
        return total


def season_weeks(found: dict[str, dict[str, WeekFigures]]) -> list[Week]:
    """Every week from the first to the last that counted anything, in order; a week without a
    fact is there with zeros (a chart's axis has no holes)."""
    counted = sorted(
        week
        for week, sectors in found.items()
        if any(any(astuple(figures)) for figures in sectors.values())
    )
    if not counted:
        return []
    weeks, day, last = [], monday_of(counted[0]), monday_of(counted[-1])
    while day <= last:
        week = week_of(day)
        sectors = found.get(week, {})
        weeks.append(Week(week, {s: sectors.get(s, WeekFigures()) for s in SECTORS}))
        day += timedelta(days=7)
    return weeks


@dataclass
class Dashboard:
    academie: str | None
    by_sector: dict[str, Figures] = field(default_factory=dict)
    weeks: list[Week] = field(default_factory=list)

    @property
    def total(self) -> Figures:
        total = Figures()
        for figures in self.by_sector.values():
            total = total.add(figures)
        return total
