"""Reading a school's students: by division, by name, page by page; divisions; one student."""

from __future__ import annotations

from dataclasses import dataclass

from chalicelib.orga.domain.students import Division, Student, StudentPage
from chalicelib.orga.ports import Ports
from pixcore.cursors import decode_cursor, encode_cursor
from pixcore.errors import Invalid
from pixcore.principal import Principal, require_member

MAX_PAGE = 200


@dataclass(frozen=True)
class ListStudents:
    organization_id: str
    division: str | None = None
    search: str | None = None
    limit: int = 50
    cursor: str | None = None


def list_students(ports: Ports, caller: Principal, command: ListStudents) -> StudentPage:
    """Members see the active students, at most 200 a page; search ignores accents and case."""
    require_member(caller, command.organization_id)
    if not 1 <= command.limit <= MAX_PAGE:
        raise Invalid(
            f"La taille de page doit être comprise entre 1 et {MAX_PAGE}.", code="INVALID_LIMIT"
        )
    division, search = command.division or None, command.search or None
    # A cursor continues the list it was given for: this school, this division, this search.
    scope = f"students:{command.organization_id}:{division or ''}:{search or ''}"
    secret = ports.cursor_secret()
    after = decode_cursor(command.cursor, secret, scope)
    found, position = ports.students.page(
        command.organization_id, division, search, command.limit, after
    )
    return StudentPage(found, encode_cursor(position, secret, scope))


def list_divisions(ports: Ports, caller: Principal, organization_id: str) -> list[Division]:
    require_member(caller, organization_id)
    return sorted(Division(*d) for d in ports.students.divisions(organization_id))


def get_student(ports: Ports, caller: Principal, organization_id: str, student_id: str) -> Student:
    require_member(caller, organization_id)
    return ports.students.get(organization_id, student_id)
