"""What orga's import and student use cases need from the outside world (gathered in `Ports`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from contextlib import AbstractContextManager
from datetime import date, datetime
from typing import Any, Protocol

from chalicelib.orga.domain.imports import Import, ImportStatus
from chalicelib.orga.domain.student_import import StudentFileRules
from chalicelib.orga.domain.student_records import StudentRecord
from chalicelib.orga.domain.students import Division, Generation, StoredStudent, Student

# --- Students and imports -------------------------------------------------------------------


class StudentRepository(Protocol):
    """A school's students as one list at a time: each import writes a new generation of the list
    beside the current one and makes it current with one conditional write, so readers see the
    previous list or the new one, never a mix. Students absent from the current list (they left)
    are kept apart, disabled. Account links are kept apart too: no import ever rewrites them."""

    # --- What readers see: the current list -------------------------------------------------

    def get(self, organization_id: str, student_id: str) -> Student:
        """Raises NotFound(STUDENT_NOT_FOUND), also when the student is another school's."""
        ...

    def find_by_birthdate(self, organization_id: str, birthdate: date) -> list[Student]:
        """Active students only: a disabled student cannot reconcile."""
        ...

    def page(
        self,
        organization_id: str,
        division: str | None,
        search: str | None,
        limit: int,
        after: dict[str, Any] | None,
    ) -> tuple[list[Student], dict[str, Any] | None]:
        """Active students, by name within a division (else by INE); the position returned
        continues the list; a position of another generation of the list is Invalid
        (INVALID_CURSOR)."""
        ...

    def divisions(self, organization_id: str) -> list[Division]: ...

    def divisions_of(
        self, organization_id: str, student_ids: Iterable[str]
    ) -> dict[str, str | None]:
        """The division of each of these students (their last one for a student who left; None
        for one the school does not know), in one read of the school, not one per student."""
        ...

    # --- Account links ----------------------------------------------------------------------

    def link_user(
        self, organization_id: str, student_id: str, user_id: str, replacing: str | None = None
    ) -> None:
        """Conditional, holding under concurrent joins: idempotent for the same pair;
        Conflict(STUDENT_ALREADY_LINKED) when the student is another account's,
        Conflict(ACCOUNT_ALREADY_LINKED) when the account is linked to another student of the
        school than `replacing` (a student who left), Conflict(STUDENT_DISABLED) when the student
        is not in the current list."""
        ...

    def linked_student(self, organization_id: str, user_id: str) -> str | None:
        """The student of the school this account is linked to, if any."""
        ...

    # --- What an import writes ----------------------------------------------------------------

    def current_generation(self, organization_id: str) -> Generation | None: ...

    def stored(self, organization_id: str) -> dict[str, StoredStudent]:
        """Every student of the school (current list and those who left) by INE."""
        ...

    def write_generation(
        self, organization_id: str, generation: str, students: Iterable[Student]
    ) -> int:
        """Writes a whole new list, streamed, where no reader looks yet; idempotent (a retried
        import writes the same keys again). A write the store refuses for good raises Invalid
        (STUDENT_NOT_STORABLE); other failures are transient. Returns how many were written."""
        ...

    def write_divisions(
        self, organization_id: str, generation: str, counts: Mapping[str, int]
    ) -> None: ...

    def archive(
        self, organization_id: str, generation: str, students: list[StoredStudent], at: datetime
    ) -> None:
        """Keeps a disabled copy of these students of `generation` (those the new list drops);
        invisible while the current list still holds them."""
        ...

    def switch_generation(self, organization_id: str, generation: str, expected: int) -> None:
        """Makes `generation` the current list if the list is still at version `expected` (0:
        no list yet); ConcurrentUpdate otherwise."""
        ...

    def retire_generation(self, organization_id: str, generation: str) -> int:
        """Deletes a list that is not (or no longer) current; the current one is kept.
        Idempotent. Returns how many items went."""
        ...


class ImportRepository(Protocol):
    def add(self, record: Import) -> None: ...

    def get(self, organization_id: str, import_id: str) -> Import:
        """Raises NotFound(IMPORT_NOT_FOUND)."""
        ...

    def recent(self, organization_id: str, limit: int) -> list[Import]: ...

    def transition(self, record: Import, to: ImportStatus, *allowed_from: ImportStatus) -> bool:
        """Conditional write of the status (and counts, errors, finish time): False when the
        stored status is not one of `allowed_from`."""
        ...

    def lock(self, organization_id: str, import_id: str, until: datetime, now: datetime) -> None:
        """Takes the school's import lock, or Conflict(IMPORT_IN_PROGRESS) while another import
        holds an unexpired lease; the holder may extend its own lease."""
        ...

    def unlock(self, organization_id: str, import_id: str) -> None:
        """Releases the lock if this import holds it."""
        ...

    def lock_holder(self, organization_id: str) -> tuple[str, datetime] | None:
        """The import holding the school's lock and the end of its lease, if any."""
        ...

    def open_imports(self, created_before: datetime, limit: int) -> list[Import]:
        """Imports of every school still QUEUED or RUNNING, created before that time, oldest
        first."""
        ...


LineWriter = Callable[[str], None]


class ImportFiles(Protocol):
    """The orga documents bucket, as imports use it."""

    bucket: str

    def put(
        self, key: str, body: bytes, content_type: str = "application/octet-stream"
    ) -> None: ...

    def open(self, key: str) -> Any: ...

    def get(self, key: str) -> bytes:
        """The whole object; NotFound when there is none."""
        ...

    def delete(self, key: str) -> None: ...

    def size(self, key: str) -> int | None:
        """The object's size, None when there is no such object."""
        ...

    def keys(self, prefix: str, limit: int) -> list[str]: ...

    def move(self, source: str, target: str) -> None: ...

    def put_lines(self, key: str, lines: Iterable[str]) -> None:
        """Streams JSON lines into one object without holding them all in memory."""
        ...

    def line_writer(self, key: str) -> AbstractContextManager[LineWriter]:
        """A function taking one line at a time (not held in memory); the object is stored when
        the block ends without error, and not at all otherwise."""
        ...

    def presigned_put(
        self, key: str, expires_in: int = 900, content_type: str | None = None
    ) -> str: ...


class SchoolDirectory(Protocol):
    def organization_for_uai(self, uai: str) -> str | None: ...


class StudentFileReader(Protocol):
    """Reads an import's stored file (SIECLE XML or ZIP, agricultural CSV) into records."""

    def open(
        self, record: Import, uai: str
    ) -> AbstractContextManager[tuple[Iterable[StudentRecord], StudentFileRules]]:
        """The file's records, which may be read more than once, and the rules of its kind;
        `FileRejected` if the file cannot be read as a whole."""
        ...
