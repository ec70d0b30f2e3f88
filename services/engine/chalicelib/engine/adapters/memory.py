"""In-memory repositories for unit tests of engine's use cases."""

from __future__ import annotations


class InMemoryLearnerLinks:
    def __init__(self) -> None:
        self.links: dict[str, dict[str, str]] = {}

    def link(self, user_id: str, organization_id: str, student_id: str) -> None:
        self.links.setdefault(user_id, {})[organization_id] = student_id

    def students_of(self, user_id: str) -> dict[str, str]:
        return dict(self.links.get(user_id, {}))
