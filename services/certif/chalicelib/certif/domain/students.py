"""Certif's read model of the schools' students: who may be enrolled, linked and certifiable."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from pixcore.text import fold


@dataclass(frozen=True)
class Profile:
    """The latest profile engine told of: certifiable with 5 competences at level ≥ 1."""

    user_id: str
    certifiable: bool
    level_count: int
    as_of: datetime

    def newer_than(self, other: Profile | None) -> bool:
        return other is None or self.as_of > other.as_of


@dataclass(frozen=True)
class EnrollableStudent:
    """An active student of a school, as its last import listed them."""

    id: str
    center_id: str
    first_name: str
    last_name: str
    birthdate: date
    preferred_last_name: str | None = None
    sex: str | None = None
    division: str | None = None
    birth_country_code: str | None = None
    birth_department_code: str | None = None
    birth_city_code: str | None = None
    birth_city: str | None = None
    imported_at: datetime | None = None

    @property
    def search_key(self) -> str:
        return fold(f"{self.last_name}{self.preferred_last_name or ''}{self.first_name}")


@dataclass(frozen=True)
class StudentView:
    """One line of the enrolment picker."""

    student: EnrollableStudent
    user_id: str | None
    profile: Profile | None
    enrolled: bool

    id = property(lambda self: self.student.id)
    first_name = property(lambda self: self.student.first_name)
    last_name = property(lambda self: self.student.last_name)
    birthdate = property(lambda self: self.student.birthdate)
    division = property(lambda self: self.student.division)

    @property
    def reconciled(self) -> bool:
        return self.user_id is not None

    @property
    def certifiable(self) -> bool:
        return bool(self.profile and self.profile.certifiable)

    @property
    def certifiable_competence_count(self) -> int:
        return self.profile.level_count if self.profile else 0


def matches_search(student: EnrollableStudent, search: str | None) -> bool:
    """A search matches any part of the folded last, used or first name."""
    return not search or fold(search) in student.search_key


def level_count(levels: list[int]) -> int:
    """Competences at level ≥ 1 (5 make a profile certifiable)."""
    return sum(1 for level in levels if level >= 1)
