"""In-memory imports, files and UAI directory for unit tests of the import use cases."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from chalicelib.orga.adapters.memory_students import (  # noqa: F401 - re-exported
    InMemoryStudentRepository,
)
from chalicelib.orga.domain.imports import OPEN, Import, ImportStatus
from pixcore.errors import Conflict, NotFound
from pixcore.memory import InMemoryDocumentStore


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
