"""The school's import digest: what the last import wrote, so a re-import reads one S3 object."""

from __future__ import annotations

import json
from contextlib import AbstractContextManager
from typing import Any

from chalicelib.orga.domain.students import StoredStudent, Student
from chalicelib.orga.ports import ImportFiles, LineWriter, StudentRepository
from pixcore.errors import NotFound


def digest_key(organization_id: str) -> str:
    return f"imports/{organization_id}/students.digest.jsonl"


def stored_students(
    files: ImportFiles, students: StudentRepository, organization_id: str
) -> dict[str, StoredStudent]:
    """From the digest when the last import left one (account links then unknown: an import
    never rewrites them), else from the table itself."""
    try:
        data = files.get(digest_key(organization_id))
    except NotFound:
        return students.stored(organization_id)
    stored: dict[str, StoredStudent] = {}
    same: dict[Any, Any] = {}  # one copy of each division name
    for line in data.splitlines():
        ine, student_id, content, active, division = json.loads(line)
        division = same.setdefault(division, division)
        stored[ine] = StoredStudent(student_id, ine, content, active, None, division)
    return stored


def forget(files: ImportFiles, organization_id: str) -> None:
    """Before writing anything: a job that stops half-way must not leave a stale digest."""
    files.delete(digest_key(organization_id))


def writer(files: ImportFiles, organization_id: str) -> AbstractContextManager[LineWriter]:
    """The new digest, saved when the block ends: after every write of the import."""
    return files.line_writer(digest_key(organization_id))


def active_row(student: Student) -> str:
    return json.dumps([student.ine, student.id, student.fingerprint, True, student.division])


def inactive_row(student: StoredStudent) -> str:
    return json.dumps([student.ine, student.id, student.fingerprint, False, student.division])
