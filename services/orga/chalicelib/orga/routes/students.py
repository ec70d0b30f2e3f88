"""Routes: a school's students by division and name, its divisions, one student."""

from __future__ import annotations

from typing import Any

from chalicelib.orga import bootstrap
from chalicelib.orga.schemas import DivisionsOut, StudentOut, StudentsOut, StudentsQuery
from chalicelib.orga.use_cases import students
from pixcore.http import Api, Context

BASE = "/organizations/{org_id}"


def register(api: Api) -> None:
    # Name order needs an index per access pattern: gsi1 holds the division's name order, gsi2
    # the lookup by id; a school-wide name order would need a third index (or a second item per
    # student, doubling import writes), so without a division students come in INE order.
    @api.route(
        f"{BASE}/students",
        query=StudentsQuery,
        response=StudentsOut,
        summary="Les élèves, paginés : ceux d'une division par nom ; sans division, "
        "tout l'établissement par INE ; recherche par nom",
    )
    def list_students(ctx: Context, org_id: str) -> Any:
        q = ctx.query
        command = students.ListStudents(org_id, q.division, q.search, q.limit, q.cursor)
        return students.list_students(bootstrap.ports(), ctx.user, command)

    @api.route(
        f"{BASE}/divisions", response=DivisionsOut, summary="Les divisions et leurs effectifs"
    )
    def list_divisions(ctx: Context, org_id: str) -> Any:
        return students.list_divisions(bootstrap.ports(), ctx.user, org_id)

    @api.route(
        f"{BASE}/students/{{student_id}}",
        response=StudentOut,
        summary="Un élève et son rattachement à un compte",
    )
    def get_student(ctx: Context, org_id: str, student_id: str) -> Any:
        return students.get_student(bootstrap.ports(), ctx.user, org_id, student_id)
