"""What engine's use cases need from the outside world."""

from __future__ import annotations

from typing import Protocol


class LearnerLinks(Protocol):
    def link(self, user_id: str, organization_id: str, student_id: str) -> None: ...

    def students_of(self, user_id: str) -> dict[str, str]: ...
