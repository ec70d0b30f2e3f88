"""The school's import digest: what the last import wrote, so a re-import reads one S3 object."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from chalicelib.orga.domain.students import LINK_UNKNOWN, StoredStudent
from chalicelib.orga.ports import ImportFiles, StudentRepository
from pixcore.errors import NotFound


def digest_key(organization_id: str) -> str:
    return f"imports/{organization_id}/students.digest.jsonl"


def stored_students(files: ImportFiles, students: StudentRepository,
                    organization_id: str) -> dict[str, StoredStudent]:
    """From the digest when the last import left one (account links then unknown: they are read
    again for the students to rewrite), else from the table itself."""
    try:
        data = files.get(digest_key(organization_id))
    except NotFound:
        return students.stored(organization_id)
    stored: dict[str, StoredStudent] = {}
    for line in data.splitlines():
        ine, student_id, content, active, division = json.loads(line)
        stored[ine] = StoredStudent(student_id, ine, content, active, LINK_UNKNOWN, division)
    return stored


def forget(files: ImportFiles, organization_id: str) -> None:
    """Before writing anything: a job that stops half-way must not leave a stale digest."""
    files.delete(digest_key(organization_id))


def save(files: ImportFiles, organization_id: str,
         rows: Iterable[tuple[str, str, str, bool, str | None]]) -> None:
    files.put_lines(digest_key(organization_id), (json.dumps(row) for row in rows))


def rows(active: Iterator[tuple[str, str, str, str]], inactive: Iterable[StoredStudent]
         ) -> Iterator[tuple[str, str, str, bool, str | None]]:
    for ine, student_id, content, division in active:
        yield ine, student_id, content, True, division
    for s in inactive:
        yield s.ine, s.id, s.fingerprint, False, s.division
