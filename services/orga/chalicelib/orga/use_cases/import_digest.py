"""The digest of a school's student list: what its import wrote, so the next import reads one S3
object instead of the table; and the manifest an import leaves before making its list current."""

from __future__ import annotations

import json
from contextlib import AbstractContextManager
from typing import Any

from chalicelib.orga.domain.students import Generation, StoredStudent, Student
from chalicelib.orga.ports import ImportFiles, LineWriter, StudentRepository
from pixcore.errors import NotFound


def digest_key(organization_id: str, generation: str) -> str:
    return f"imports/{organization_id}/{generation}.digest.jsonl"


def manifest_key(organization_id: str, generation: str) -> str:
    return f"imports/{organization_id}/{generation}.manifest.json"


def stored_students(
    files: ImportFiles,
    students: StudentRepository,
    organization_id: str,
    current: Generation | None,
) -> dict[str, StoredStudent]:
    """From the current list's digest when there is one, else from the table itself."""
    if current is None:
        return {}
    try:
        data = files.get(digest_key(organization_id, current.id))
    except NotFound:
        return students.stored(organization_id)
    stored: dict[str, StoredStudent] = {}
    same: dict[Any, Any] = {}  # one copy of each division name
    for line in data.splitlines():
        ine, student_id, content, active, division = json.loads(line)
        division = same.setdefault(division, division)
        stored[ine] = StoredStudent(student_id, ine, content, active, None, division)
    return stored


def writer(
    files: ImportFiles, organization_id: str, generation: str
) -> AbstractContextManager[LineWriter]:
    """The new list's digest, saved when the block ends (before the list becomes current)."""
    return files.line_writer(digest_key(organization_id, generation))


def active_row(student: Student) -> str:
    return json.dumps([student.ine, student.id, student.fingerprint, True, student.division])


def inactive_row(student: StoredStudent) -> str:
    return json.dumps([student.ine, student.id, student.fingerprint, False, student.division])


def save_manifest(
    files: ImportFiles, organization_id: str, generation: str, manifest: dict[str, Any]
) -> None:
    body = json.dumps(manifest, ensure_ascii=False).encode()
    files.put(manifest_key(organization_id, generation), body, "application/json")


def manifest(files: ImportFiles, organization_id: str, generation: str) -> dict[str, Any]:
    return dict(json.loads(files.get(manifest_key(organization_id, generation))))


def forget(files: ImportFiles, organization_id: str, generation: str) -> None:
    """A retired list's digest and manifest go with it."""
    files.delete(digest_key(organization_id, generation))
    files.delete(manifest_key(organization_id, generation))
