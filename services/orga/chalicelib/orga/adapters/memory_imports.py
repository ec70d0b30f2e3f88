"""In-memory students, imports, files and UAI directory for unit tests of the import use cases."""

from __future__ import annotations

import base64
import copy
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from chalicelib.orga.domain.imports import OPEN, Change, Import, ImportStatus
from chalicelib.orga.domain.students import Division, StoredStudent, Student
from pixcore.errors import Conflict, NotFound
from pixcore.memory import InMemoryDocumentStore
from pixcore.text import fold


class InMemoryStudentRepository:
    def __init__(self) -> None:
        self.students: dict[tuple[str, str], Student] = {}
        self.division_counts: dict[str, dict[str, int]] = {}
        self.writes = 0

    def get(self, organization_id: str, student_id: str) -> Student:
        for s in self.students.values():
            if s.id == student_id and s.organization_id == organization_id:
                return s
        raise NotFound("Élève introuvable.", code="STUDENT_NOT_FOUND")

    def find_by_birthdate(self, organization_id: str, birthdate: date) -> list[Student]:
        return [
            s
            for s in self.students.values()
            if s.organization_id == organization_id and s.birthdate == birthdate and s.active
        ]

    def link_user(self, organization_id: str, student_id: str, user_id: str) -> None:
        student = self.get(organization_id, student_id)
        if not student.active:
            raise Conflict(
                "Cet élève ne fait plus partie de l'établissement.", code="STUDENT_DISABLED"
            )
        if student.user_id not in (None, user_id):
            raise Conflict(
                "Cet élève est déjà associé à un autre compte Pix.", code="STUDENT_ALREADY_LINKED"
            )
        self.students[(organization_id, student.ine)] = replace(student, user_id=user_id)

    def stored(self, organization_id: str) -> dict[str, StoredStudent]:
        return {
            s.ine: StoredStudent(s.id, s.ine, s.fingerprint, s.active, s.user_id, s.division)
            for (org, _), s in self.students.items()
            if org == organization_id
        }

    def save_all(self, students: Iterable[Student]) -> int:
        count = 0
        for s in students:
            self.students[(s.organization_id, s.ine)] = s
            count += 1
        self.writes += count
        return count

    def save_imported(self, changes: Iterable[tuple[Student, Change]]) -> int:
        count = 0
        for s, change in changes:
            key = (s.organization_id, s.ine)
            if change is not Change.CREATED and key in self.students:
                s = replace(s, user_id=self.students[key].user_id)
            self.students[key] = s
            count += 1
        self.writes += count
        return count

    def disable(self, organization_id: str, students: list[StoredStudent], at: datetime) -> None:
        for gone in students:
            key = (organization_id, gone.ine)
            self.students[key] = replace(self.students[key], active=False, updated_at=at)

    def set_divisions(self, organization_id: str, counts: Mapping[str, int]) -> None:
        self.division_counts[organization_id] = dict(counts)

    def divisions(self, organization_id: str) -> list[Division]:
        return [Division(*d) for d in self.division_counts.get(organization_id, {}).items()]

    def divisions_of(
        self, organization_id: str, student_ids: Iterable[str]
    ) -> dict[str, str | None]:
        found: dict[str, str | None] = dict.fromkeys(student_ids)
        for s in self.students.values():
            if s.organization_id == organization_id and s.id in found:
                found[s.id] = s.division
        return found

    def page(
        self,
        organization_id: str,
        division: str | None,
        search: str | None,
        limit: int,
        cursor: str | None,
    ) -> tuple[list[Student], str | None]:
        text = fold(search or "")
        found = sorted(
            (
                s
                for s in self.students.values()
                if s.organization_id == organization_id
                and s.active
                and (division is None or s.division == division)
                and text in s.search_text
            ),
            key=lambda s: s.name_key,
        )
        start = int(base64.b64decode(cursor)) if cursor else 0
        more = start + limit < len(found)
        cursor = base64.b64encode(str(start + limit).encode()).decode() if more else None
        return found[start : start + limit], cursor


class InMemoryImportRepository:
    def __init__(self) -> None:
        self.records: dict[tuple[str, str], Import] = {}
        self.locks: dict[str, tuple[str, datetime]] = {}

    def add(self, record: Import) -> None:
        if (record.organization_id, record.id) in self.records:
            raise Conflict("Cet import existe déjà.", code="IMPORT_EXISTS")
        self.records[(record.organization_id, record.id)] = copy.deepcopy(record)

    def get(self, organization_id: str, import_id: str) -> Import:
        if (organization_id, import_id) not in self.records:
            raise NotFound("Import introuvable.", code="IMPORT_NOT_FOUND")
        return copy.deepcopy(self.records[(organization_id, import_id)])

    def recent(self, organization_id: str, limit: int) -> list[Import]:
        mine = [copy.deepcopy(r) for (o, _), r in self.records.items() if o == organization_id]
        return sorted(mine, key=lambda r: r.id, reverse=True)[:limit]

    def transition(self, record: Import, to: ImportStatus, *allowed_from: ImportStatus) -> bool:
        stored = self.records.get((record.organization_id, record.id))
        if stored is None or stored.status not in allowed_from:
            return False
        record.status = to
        self.records[(record.organization_id, record.id)] = copy.deepcopy(record)
        return True

    def lock(self, organization_id: str, import_id: str, until: datetime, now: datetime) -> None:
        held = self.locks.get(organization_id)
        if held and held[0] != import_id and held[1] > now:
            raise Conflict(
                "Un import d'élèves est déjà en cours pour cet établissement.",
                code="IMPORT_IN_PROGRESS",
            )
        self.locks[organization_id] = (import_id, until)

    def unlock(self, organization_id: str, import_id: str) -> None:
        if self.locks.get(organization_id, ("",))[0] == import_id:
            del self.locks[organization_id]

    def lock_holder(self, organization_id: str) -> tuple[str, datetime] | None:
        return self.locks.get(organization_id)

    def open_imports(self, created_before: datetime, limit: int) -> list[Import]:
        found = sorted(
            (
                r
                for r in self.records.values()
                if r.status in OPEN and r.created_at < created_before
            ),
            key=lambda r: r.created_at,
        )
        return [copy.deepcopy(r) for r in found[:limit]]


class InMemoryImportFiles(InMemoryDocumentStore):
    def open(self, key: str) -> Any:
        import io

        return io.BytesIO(self.get(key))

    def size(self, key: str) -> int | None:
        return len(self.objects[key][0]) if key in self.objects else None

    def keys(self, prefix: str, limit: int) -> list[str]:
        return sorted(k for k in self.objects if k.startswith(prefix))[:limit]

    def move(self, source: str, target: str) -> None:
        self.objects[target] = self.objects.pop(source)

    def put_lines(self, key: str, lines: Iterable[str]) -> None:
        self.put(key, "".join(f"{line}\n" for line in lines).encode(), "application/x-ndjson")

    @contextmanager
    def line_writer(self, key: str) -> Iterator[Callable[[str], None]]:
        lines: list[str] = []
        yield lines.append
        self.put_lines(key, lines)


class InMemorySchoolDirectory:
    def __init__(self, organizations: Any) -> None:
        self.organizations = organizations

    def organization_for_uai(self, uai: str) -> str | None:
        found = [o.id for o in self.organizations.organizations.values() if o.uai == uai]
        return found[0] if found else None
