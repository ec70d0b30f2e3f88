"""In-memory repositories for unit tests of jury's use cases."""

from __future__ import annotations

from chalicelib.jury.domain.stats import School


class InMemorySchoolRepository:
    def __init__(self) -> None:
        self.schools: dict[str, School] = {}

    def save(self, school: School) -> None:
        self.schools[school.id] = school

    def all(self) -> list[School]:
        return list(self.schools.values())
