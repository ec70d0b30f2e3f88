"""A student import job: its lifecycle, its counts, and what a file changes in the student list."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from .student_records import ImportedStudent
from .students import StoredStudent, Student, fingerprint, student_from_file

IMPORT_LEASE_SECONDS = 15 * 60
MAX_IMPORT_BYTES = 512 * 1024 * 1024
CONTENT_TYPES = ("application/xml", "text/xml", "application/zip", "application/octet-stream",
                 "text/csv")


class ImportStatus(StrEnum):
    AWAITING_UPLOAD = "AWAITING_UPLOAD"
    QUEUED = "QUEUED"
    RUNNING = "RUNNING"
    DONE = "DONE"
    FAILED = "FAILED"


class FileKind(StrEnum):
    SIECLE = "SIECLE"
    CSV = "CSV"


class ImportSource(StrEnum):
    UPLOAD = "UPLOAD"
    PRESIGNED = "PRESIGNED"
    INBOX = "INBOX"


FINISHED = (ImportStatus.DONE, ImportStatus.FAILED)


def can_run(status: ImportStatus) -> bool:
    """A queued import may start; a running one may be resumed by a redelivered job (the crashed
    attempt wrote nothing it would not write again); a finished one never runs again."""
    return status in (ImportStatus.QUEUED, ImportStatus.RUNNING)


@dataclass
class Import:
    id: str
    organization_id: str
    status: ImportStatus
    file_kind: FileKind
    source: ImportSource
    key: str
    created_at: datetime
    finished_at: datetime | None = None
    counts: dict[str, Any] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)
    inbox_key: str | None = None


def upload_key(organization_id: str, import_id: str) -> str:
    return f"imports/{organization_id}/{import_id}"


def students_list_key(organization_id: str, import_id: str) -> str:
    return f"imports/{organization_id}/{import_id}.students.jsonl"


def inbox_target(inbox_key: str, ok: bool) -> str:
    """`inbox/<UAI>/<name>` ends in `done/<UAI>/<name>` or `failed/<UAI>/<name>`."""
    rest = inbox_key.removeprefix("inbox/")
    return f"{'done' if ok else 'failed'}/{rest}"


def inbox_uai(inbox_key: str) -> str | None:
    """The school a file dropped in the inbox belongs to: the folder right under `inbox/`."""
    parts = inbox_key.split("/")
    if len(parts) < 3 or parts[0] != "inbox" or not parts[1] or not parts[-1]:
        return None
    return parts[1].upper()


@dataclass
class ImportPlan:
    """What a successful file changes: the students to write, and who stays or goes."""

    organization_id: str
    at: datetime
    stored: dict[str, StoredStudent]
    new_id: Any
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    divisions: Counter[str] = field(default_factory=Counter)
    seen: set[str] = field(default_factory=set)

    def students(self, imported: Iterable[ImportedStudent]) -> Iterator[tuple[Student, bool]]:
        """Every student of the file, with whether it must be written: a new INE is created, a
        known one keeps its id and account link and is written only if the file changed it or it
        was disabled."""
        stored, org, at = self.stored, self.organization_id, self.at
        for s in imported:
            content = fingerprint(s)
            previous = stored.get(s.ine)
            if previous is None:
                self.created += 1
                student, write = student_from_file(s, org, self.new_id(), None, at, content), True
            else:
                write = previous.fingerprint != content or not previous.active
                self.updated += write
                self.unchanged += not write
                student = student_from_file(s, org, previous.id, previous.user_id, at, content)
            self.seen.add(s.ine)
            self.divisions[s.division] += 1
            yield student, write

    def to_disable(self) -> list[StoredStudent]:
        """Students absent from the file are disabled (those already disabled stay so)."""
        return [s for ine, s in self.stored.items() if s.active and ine not in self.seen]


def counts(read: int, imported: int, plan: ImportPlan, disabled: int,
           skipped: Mapping[str, int]) -> dict[str, Any]:
    return {"read": read, "imported": imported, "created": plan.created,
            "updated": plan.updated, "unchanged": plan.unchanged, "disabled": disabled,
            "skipped": dict(skipped)}
