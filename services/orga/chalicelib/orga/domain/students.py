"""A school's student (organization learner): identity from the school's file, account link."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import NamedTuple

from pixcore.text import fold

from .student_records import ImportedStudent

_SEP = "\x1f"


@dataclass(frozen=True, slots=True)
class Student:
    """Keyed by organization + INE; `id` is given at first import and kept on every re-import."""

    id: str
    organization_id: str
    ine: str
    last_name: str
    first_name: str
    birthdate: date
    division: str
    preferred_last_name: str | None = None
    middle_name: str | None = None
    third_name: str | None = None
    sex: str | None = None
    birth_country_code: str | None = None
    birth_department_code: str | None = None
    birth_city_code: str | None = None
    birth_city: str | None = None
    mef_code: str | None = None
    status: str | None = None
    active: bool = True
    user_id: str | None = None
    updated_at: datetime | None = None
    fingerprint: str = ""

    @property
    def reconciled(self) -> bool:
        """A student is reconciled once linked to a Pix account."""
        return self.user_id is not None

    @property
    def name_key(self) -> str:
        """Students of a division are listed by folded last name, then first name, then INE."""
        return f"{fold(self.last_name)}#{fold(self.first_name)}#{self.ine}"

    @property
    def search_text(self) -> str:
        """Searches match any of the names, accents, case, spaces and punctuation ignored."""
        names = (self.last_name, self.preferred_last_name, self.first_name, self.middle_name)
        last, first = fold(self.last_name), fold(self.first_name)
        return " ".join([*(fold(n) for n in names if n), last + first, first + last])


class Division(NamedTuple):
    """A class of the school and its number of active students."""

    name: str
    student_count: int


@dataclass(frozen=True)
class StudentPage:
    """One page of a student list; `next_cursor` continues it (None at the end)."""

    students: list[Student]
    next_cursor: str | None


@dataclass(frozen=True)
class Generation:
    """The school's current student list: the import that wrote it, and its version."""

    id: str
    version: int


class StoredStudent(NamedTuple):
    """What a re-import needs to know of a student already stored (`user_id` may be unknown:
    None; an import never rewrites the account link)."""

    id: str
    ine: str
    fingerprint: str
    active: bool
    user_id: str | None
    division: str | None


def fingerprint(s: ImportedStudent) -> str:
    """The content hash of what the file says about a student: same hash, nothing to write."""
    text = _SEP.join(
        "" if v is None else str(v)
        for v in (
            s.ine,
            s.last_name,
            s.preferred_last_name,
            s.first_name,
            s.middle_name,
            s.third_name,
            s.sex,
            s.birthdate,
            s.birth_country_code,
            s.birth_department_code,
            s.birth_city_code,
            s.birth_city,
            s.mef_code,
            s.status,
            s.division,
        )
    )
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


def student_from_file(
    s: ImportedStudent,
    organization_id: str,
    student_id: str,
    user_id: str | None,
    at: datetime,
    content_hash: str,
) -> Student:
    """A student as the school's file now describes them, active, keeping id and account link."""
    return Student(
        id=student_id,
        organization_id=organization_id,
        ine=s.ine,
        last_name=s.last_name,
        first_name=s.first_name,
        birthdate=s.birthdate,
        division=s.division,
        preferred_last_name=s.preferred_last_name,
        middle_name=s.middle_name,
        third_name=s.third_name,
        sex=s.sex,
        birth_country_code=s.birth_country_code,
        birth_department_code=s.birth_department_code,
        birth_city_code=s.birth_city_code,
        birth_city=s.birth_city,
        mef_code=s.mef_code,
        status=s.status,
        active=True,
        user_id=user_id,
        updated_at=at,
        fingerprint=content_hash,
    )


def disabled(student: Student, at: datetime) -> Student:
    """A student absent from the latest file is disabled: hidden, and cannot reconcile."""
    return replace(student, active=False, updated_at=at)


def summary(student: Student) -> dict[str, object]:
    """The line of the active student list sent to certif."""
    return {
        "id": student.id,
        "ine": student.ine,
        "last_name": student.last_name,
        "preferred_last_name": student.preferred_last_name,
        "first_name": student.first_name,
        "birthdate": student.birthdate.isoformat(),
        "sex": student.sex,
        "division": student.division,
        "birth_country_code": student.birth_country_code,
        "birth_department_code": student.birth_department_code,
        "birth_city_code": student.birth_city_code,
        "birth_city": student.birth_city,
        "mef_code": student.mef_code,
    }
