"""What jury's use cases need from the outside world."""

from __future__ import annotations

from typing import Protocol

from chalicelib.jury.domain.stats import School


class SchoolRepository(Protocol):
    def save(self, school: School) -> None: ...

    def all(self) -> list[School]: ...
