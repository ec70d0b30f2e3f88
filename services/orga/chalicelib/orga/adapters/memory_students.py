"""In-memory students for unit tests: generations of each school's list, leavers, account links."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from chalicelib.orga.domain.students import Division, Generation, StoredStudent, Student
from pixcore.errors import ConcurrentUpdate, Conflict, Invalid, NotFound
from pixcore.text import fold


class InMemoryStudentRepository:
    """Generations of each school's list, the students who left, and the account links."""

    def __init__(self) -> None:
        self.lists: dict[tuple[str, str], dict[str, Student]] = {}
        self.list_divisions: dict[tuple[str, str], dict[str, int]] = {}
        self.current: dict[str, Generation] = {}
        self.left: dict[str, dict[str, Student]] = {}
        self.links: dict[tuple[str, str], str] = {}  # (school, student id) → account
        self.accounts: dict[tuple[str, str], str] = {}  # (school, account) → student id
        self.writes = 0

    # --- readers ------------------------------------------------------------------------------

    def _list(self, organization_id: str) -> dict[str, Student]:
        current = self.current.get(organization_id)
        return self.lists.get((organization_id, current.id), {}) if current else {}

    def _linked(self, s: Student, active: bool = True) -> Student:
        user_id = self.links.get((s.organization_id, s.id))
        return replace(s, user_id=user_id, active=active)

    @property
    def students(self) -> dict[tuple[str, str], Student]:
        """What readers see of every school: current lists, then those who left (disabled)."""
        seen: dict[tuple[str, str], Student] = {}
        for org in set(self.current) | set(self.left):
            active = self._list(org)
            for ine, s in active.items():
                seen[(org, ine)] = self._linked(s)
            for ine, s in self.left.get(org, {}).items():
                if ine not in active:
                    seen[(org, ine)] = self._linked(s, active=False)
        return seen

    def get(self, organization_id: str, student_id: str) -> Student:
        for (org, _), s in self.students.items():
            if s.id == student_id and org == organization_id:
                return s
        raise NotFound("Élève introuvable.", code="STUDENT_NOT_FOUND")

    def find_by_birthdate(self, organization_id: str, birthdate: date) -> list[Student]:
        return [
            self._linked(s)
            for s in self._list(organization_id).values()
            if s.birthdate == birthdate
        ]

    def page(
        self,
        organization_id: str,
        division: str | None,
        search: str | None,
        limit: int,
        after: dict[str, Any] | None,
    ) -> tuple[list[Student], dict[str, Any] | None]:
        current = self.current.get(organization_id)
        if after is not None and (current is None or after.get("g") != current.id):
            raise Invalid(_LIST_CHANGED, code="INVALID_CURSOR")
        text = fold(search or "")

        def order(s: Student) -> str:  # a division by name, the school by INE, as DynamoDB
            return s.name_key if division else s.ine

        found = sorted(
            (
                s
                for s in self._list(organization_id).values()
                if (division is None or s.division == division) and text in s.search_text
            ),
            key=order,
        )
        start = str((after or {}).get("k", ""))
        found = [s for s in found if order(s) > start]
        page = [self._linked(s) for s in found[:limit]]
        more = len(found) > limit and current is not None
        return page, {"g": current.id, "k": order(page[-1])} if more and current else None

    def divisions(self, organization_id: str) -> list[Division]:
        current = self.current.get(organization_id)
        counts = self.list_divisions.get((organization_id, current.id), {}) if current else {}
        return [Division(*d) for d in counts.items()]

    def divisions_of(
        self, organization_id: str, student_ids: Iterable[str]
    ) -> dict[str, str | None]:
        found: dict[str, str | None] = dict.fromkeys(student_ids)
        for (org, _), s in self.students.items():
            if org == organization_id and s.id in found:
                found[s.id] = s.division
        return found

    # --- links --------------------------------------------------------------------------------

    def link_user(
        self, organization_id: str, student_id: str, user_id: str, replacing: str | None = None
    ) -> None:
        student = self.get(organization_id, student_id)
        if not student.active:
            raise Conflict(
                "Cet élève ne fait plus partie de l'établissement.", code="STUDENT_DISABLED"
            )
        if self.links.get((organization_id, student_id), user_id) != user_id:
            raise Conflict(_STUDENT_LINKED, code="STUDENT_ALREADY_LINKED")
        linked = self.accounts.get((organization_id, user_id))
        if linked not in (None, student_id, replacing):
            raise Conflict(_ACCOUNT_LINKED, code="ACCOUNT_ALREADY_LINKED")
        if replacing and linked == replacing:
            self.links.pop((organization_id, replacing), None)
        self.links[(organization_id, student_id)] = user_id
        self.accounts[(organization_id, user_id)] = student_id

    def linked_student(self, organization_id: str, user_id: str) -> str | None:
        return self.accounts.get((organization_id, user_id))

    # --- import side --------------------------------------------------------------------------

    def current_generation(self, organization_id: str) -> Generation | None:
        return self.current.get(organization_id)

    def stored(self, organization_id: str) -> dict[str, StoredStudent]:
        return {
            s.ine: StoredStudent(s.id, s.ine, s.fingerprint, s.active, s.user_id, s.division)
            for (org, _), s in self.students.items()
            if org == organization_id
        }

    def write_generation(
        self, organization_id: str, generation: str, students: Iterable[Student]
    ) -> int:
        target = self.lists.setdefault((organization_id, generation), {})
        count = 0
        for s in students:
            self.write_one(target, s)
            count += 1
        return count

    def write_one(self, target: dict[str, Student], student: Student) -> None:
        """One student written (tests make it fail at the n-th write)."""
        target[student.ine] = replace(student, user_id=None, active=True)
        self.writes += 1

    def write_divisions(
        self, organization_id: str, generation: str, counts: Mapping[str, int]
    ) -> None:
        self.list_divisions[(organization_id, generation)] = dict(counts)

    def archive(
        self, organization_id: str, generation: str, students: list[StoredStudent], at: datetime
    ) -> None:
        source = self.lists.get((organization_id, generation), {})
        left = self.left.setdefault(organization_id, {})
        for gone in students:
            if gone.ine in source:
                left[gone.ine] = replace(source[gone.ine], active=False, updated_at=at)

    def switch_generation(self, organization_id: str, generation: str, expected: int) -> None:
        current = self.current.get(organization_id)
        if (current.version if current else 0) != expected:
            raise ConcurrentUpdate()
        self.current[organization_id] = Generation(generation, expected + 1)

    def retire_generation(self, organization_id: str, generation: str) -> int:
        current = self.current.get(organization_id)
        if current and current.id == generation:
            return 0
        self.list_divisions.pop((organization_id, generation), None)
        return len(self.lists.pop((organization_id, generation), {}))

    def save_all(self, students: Iterable[Student]) -> int:
        """Test set-up: students put straight into their school's current list."""
        count = 0
        for s in students:
            current = self.current.setdefault(s.organization_id, Generation("initial", 1))
            self.lists.setdefault((s.organization_id, current.id), {})[s.ine] = s
            count += 1
        return count


_LIST_CHANGED = (
    "La liste des élèves a changé depuis (un import a eu lieu) : reprenez-la depuis le début."
)
_STUDENT_LINKED = "Cet élève est déjà associé à un autre compte Pix."
_ACCOUNT_LINKED = (
    "Votre compte est déjà associé à un autre élève de cet établissement : adressez-vous à "
    "votre professeur."
)
