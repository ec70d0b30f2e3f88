"""When centres may organise sessions: the opening date per school type and the calendar windows
(DOMAIN.md, Step 2), as settings: a stage refuses or only warns."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from pixcore.errors import Forbidden, RuleViolation


def french_day(day: date) -> str:
    """Documents and messages show days as JJ/MM/AAAA."""
    return day.strftime("%d/%m/%Y")


class CalendarPolicy(StrEnum):
    REFUSE = "refuse"
    WARN = "warn"


@dataclass(frozen=True)
class Window:
    """Month/day pairs within a school year (they all fall in the calendar year it ends in)."""

    opens: tuple[int, int]
    starts: tuple[int, int]
    ends: tuple[int, int]
    label: str

    def bounds(self, school_year_end: int) -> tuple[date, date]:
        return date(school_year_end, *self.starts), date(school_year_end, *self.ends)


# 2020-2021: lycées open on 4 January (sessions 11 January – 20 May), collèges on 22 February
# (3e: 8 March – 12 May, derogations to 20 May).
DEFAULT_WINDOWS = {
    "LYCEE": Window((1, 4), (1, 11), (5, 20), "lycée"),
    "AGRICOLE": Window((1, 4), (1, 11), (5, 20), "lycée agricole"),
    "COLLEGE": Window((2, 22), (3, 8), (5, 12), "collège"),
}
COLLEGE_DEROGATION_END = (5, 20)


@dataclass(frozen=True)
class CalendarSettings:
    policy: CalendarPolicy = CalendarPolicy.REFUSE
    windows: dict[str, Window] = field(default_factory=lambda: dict(DEFAULT_WINDOWS))
    college_derogation: bool = False

    def window(self, school_type: str) -> Window | None:
        found = self.windows.get(school_type)
        if found and school_type == "COLLEGE" and self.college_derogation:
            return Window(found.opens, found.starts, COLLEGE_DEROGATION_END, found.label)
        return found


@dataclass(frozen=True)
class CalendarWarning:
    code: str
    message: str


def school_year_end(day: date) -> int:
    """A school year runs from September to August: its sessions fall in the year it ends."""
    return day.year + 1 if day.month >= 9 else day.year


def opening_problem(settings: CalendarSettings, school_type: str, today: date) -> str | None:
    """Before the opening date of its type, a centre cannot prepare sessions yet."""
    window = settings.window(school_type)
    if window is None:
        return None
    opens = date(school_year_end(today), *window.opens)
    if today < opens:
        return (
            f"L'espace Pix Certif ouvre le {french_day(opens)} pour les établissements de type "
            f"{window.label}."
        )
    return None


def window_problem(settings: CalendarSettings, school_type: str, day: date) -> str | None:
    """A session's date must fall within the certification window of its school type."""
    window = settings.window(school_type)
    if window is None:
        return None
    starts, ends = window.bounds(school_year_end(day))
    if starts <= day <= ends:
        return None
    return (
        f"La date de la session ({french_day(day)}) est en dehors de la période de "
        f"certification des établissements de type {window.label} : du {french_day(starts)} "
        f"au {french_day(ends)}."
    )


def check_opening(
    settings: CalendarSettings, school_type: str, today: date
) -> CalendarWarning | None:
    problem = opening_problem(settings, school_type, today)
    if problem is None:
        return None
    if settings.policy is CalendarPolicy.REFUSE:
        raise Forbidden(problem, code="CERTIFICATION_NOT_OPEN")
    return CalendarWarning("CERTIFICATION_NOT_OPEN", problem)


def check_window(settings: CalendarSettings, school_type: str, day: date) -> CalendarWarning | None:
    problem = window_problem(settings, school_type, day)
    if problem is None:
        return None
    if settings.policy is CalendarPolicy.REFUSE:
        raise RuleViolation(problem, code="SESSION_OUTSIDE_WINDOW", details={"field": "date"})
    return CalendarWarning("SESSION_OUTSIDE_WINDOW", problem)


def check_not_past(day: date, today: date) -> None:
    """A session is planned for today or a later day (Paris): a day gone by is a typing error."""
    if day < today:
        raise RuleViolation(
            f"La date de la session ({french_day(day)}) est passée : choisissez une date à partir "
            f"d'aujourd'hui ({french_day(today)}).",
            code="SESSION_IN_THE_PAST",
            details={"field": "date"},
        )
