"""Routes: a school's students by division and name, its divisions, one student."""

from __future__ import annotations

from chalicelib.orga import bootstrap
from chalicelib.orga.domain.students import Student
from chalicelib.orga.import_schemas import (
    DivisionOut,
    DivisionsOut,
    StudentOut,
    StudentRow,
    StudentsOut,
    StudentsQuery,
)
from chalicelib.orga.use_cases import students
from pixcore.http import Api, Context

BASE = "/organizations/{org_id}"


def row(s: Student) -> StudentRow:
    return StudentRow(
        id=s.id,
        ine=s.ine,
        last_name=s.last_name,
        first_name=s.first_name,
        birthdate=s.birthdate,
        division=s.division,
        reconciled=s.reconciled,
    )


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
    def list_students(ctx: Context, org_id: str) -> StudentsOut:
        q = ctx.query
        found, cursor = students.list_students(
            bootstrap.orga().students, ctx.user, org_id, q.division, q.search, q.limit, q.cursor
        )
        return StudentsOut(students=[row(s) for s in found], next_cursor=cursor)

    @api.route(
        f"{BASE}/divisions", response=DivisionsOut, summary="Les divisions et leurs effectifs"
    )
    def list_divisions(ctx: Context, org_id: str) -> DivisionsOut:
        found = students.list_divisions(bootstrap.orga().students, ctx.user, org_id)
        return DivisionsOut([DivisionOut(name=n, student_count=c) for n, c in found])

    @api.route(
        f"{BASE}/students/{{student_id}}",
        response=StudentOut,
        summary="Un élève et son rattachement à un compte",
    )
    def get_student(ctx: Context, org_id: str, student_id: str) -> StudentOut:
        s = students.get_student(bootstrap.orga().students, ctx.user, org_id, student_id)
        fields = {k: getattr(s, k) for k in StudentOut.model_fields if k != "reconciled"}
        return StudentOut(**fields, reconciled=s.reconciled)
