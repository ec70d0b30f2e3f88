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
CONTENT_TYPES = (
    "application/xml",
    "text/xml",
    "application/zip",
    "application/octet-stream",
    "text/csv",
)
UNSUPPORTED_TYPE_MESSAGE = (
    "Ce type de fichier ({content_type}) n'est pas accepté. Envoyez l'export SIECLE des élèves "
    "au format XML (ElevesSansAdresses.xml) ou ZIP, ou, pour un établissement agricole, le "
    "fichier CSV des élèves."
)


def is_accepted_type(content_type: str) -> bool:
    """An import takes SIECLE XML, a ZIP holding it, the agricultural CSV, or bytes of no stated
    type (its content decides: a zip is known by its magic number)."""
    return content_type.split(";")[0].strip().lower() in CONTENT_TYPES


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
OPEN = (ImportStatus.QUEUED, ImportStatus.RUNNING)
IMPORT_TIMEOUT = "IMPORT_TIMEOUT"
TIMEOUT_MESSAGE = (
    "L'import n'a pas pu aboutir : il a été interrompu avant la fin. Relancez-le "
    "en important de nouveau le même fichier ; si cela se reproduit, contactez le "
    "support."
)


def can_run(status: ImportStatus) -> bool:
    """A queued import may start; a running one may be resumed by a redelivered job (the crashed
    attempt wrote nothing it would not write again); a finished one never runs again."""
    return status in (ImportStatus.QUEUED, ImportStatus.RUNNING)


def is_stuck(
    status: ImportStatus, import_id: str, lock: tuple[str, datetime] | None, now: datetime
) -> bool:
    """A queued or running import is stuck once it no longer holds its school's lock with a
    lease still running: its job takes the lock when queued and again when it starts, and runs
    for less than a lease; past that, the job is dead (its message went to the dead-letter
    queue) and the import will never finish by itself."""
    if status not in OPEN:
        return False
    return lock is None or lock[0] != import_id or lock[1] <= now


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
    warnings: list[dict[str, Any]] = field(default_factory=list)

    @property
    def import_id(self) -> str:
        return self.id


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


class Change(StrEnum):
    CREATED = "CREATED"
    UPDATED = "UPDATED"
    UNCHANGED = "UNCHANGED"


@dataclass
class ImportPlan:
    """What a successful file changes: the students to write, and who stays or goes. `stored`
    loses each student the file names: what remains is absent from the file."""

    organization_id: str
    at: datetime
    stored: dict[str, StoredStudent]
    new_id: Any
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    divisions: Counter[str] = field(default_factory=Counter)

    def students(self, imported: Iterable[ImportedStudent]) -> Iterator[tuple[Student, Change]]:
        """Every student of the file and what to do with it: a new INE is created; a known one
        keeps its id (and its account link, which an update never touches) and is updated only
        if the file changed it or it was disabled."""
        stored, org, at = self.stored, self.organization_id, self.at
        for s in imported:
            content = fingerprint(s)
            previous = stored.pop(s.ine, None)
            self.divisions[s.division] += 1
            if previous is None:
                self.created += 1
                yield student_from_file(s, org, self.new_id(), None, at, content), Change.CREATED
                continue
            change = (
                Change.UPDATED
                if previous.fingerprint != content or not previous.active
                else Change.UNCHANGED
            )
            self.updated += change is Change.UPDATED
            self.unchanged += change is Change.UNCHANGED
            yield student_from_file(s, org, previous.id, previous.user_id, at, content), change

    @property
    def imported(self) -> int:
        return self.created + self.updated + self.unchanged

    def absent(self) -> list[StoredStudent]:
        """Once the file is read: the stored students it does not name."""
        return list(self.stored.values())

    def to_disable(self) -> list[StoredStudent]:
        """Students absent from the file are disabled (those already disabled stay so)."""
        return [s for s in self.stored.values() if s.active]


def counts(
    read: int, plan: ImportPlan, disabled: int, skipped: Mapping[str, int]
) -> dict[str, Any]:
    return {
        "read": read,
        "imported": plan.imported,
        "created": plan.created,
        "updated": plan.updated,
        "unchanged": plan.unchanged,
        "disabled": disabled,
        "skipped": dict(skipped),
    }
