"""Reading a school's students: by division, by name, page by page; divisions; one student."""

from __future__ import annotations

from chalicelib.orga.domain.students import Student
from chalicelib.orga.ports import StudentRepository
from pixcore.errors import Invalid
from pixcore.principal import Principal, require_member

MAX_PAGE = 200


def list_students(
    students: StudentRepository,
    principal: Principal,
    organization_id: str,
    division: str | None = None,
    search: str | None = None,
    limit: int = 50,
    cursor: str | None = None,
) -> tuple[list[Student], str | None]:
    """Members see the active students, at most 200 a page; search ignores accents and case."""
    require_member(principal, organization_id)
    if not 1 <= limit <= MAX_PAGE:
        raise Invalid(
            f"La taille de page doit être comprise entre 1 et {MAX_PAGE}.", code="INVALID_LIMIT"
        )
    return students.page(organization_id, division or None, search or None, limit, cursor)


def list_divisions(
    students: StudentRepository, principal: Principal, organization_id: str
) -> list[tuple[str, int]]:
    require_member(principal, organization_id)
    return sorted(students.divisions(organization_id))


def get_student(
    students: StudentRepository, principal: Principal, organization_id: str, student_id: str
) -> Student:
    require_member(principal, organization_id)
    return students.get(organization_id, student_id)
