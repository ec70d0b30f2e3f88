"""Candidates: the students a centre may enrol, enrolling a selection, editing, removing."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from chalicelib.certif.domain.calendar import french_day
from chalicelib.certif.domain.candidates import Candidate, check_enrollable, duplicates
from chalicelib.certif.domain.sessions import check_editable
from chalicelib.certif.domain.students import EnrollableStudent, StudentView
from chalicelib.certif.ports import Ports
from chalicelib.certif.use_cases.centers import center_access
from chalicelib.certif.use_cases.sessions import announce, session_for_member
from pixcore.cursors import decode_cursor, encode_cursor
from pixcore.errors import Conflict, Invalid, NotFound, RuleViolation
from pixcore.ids import new_id
from pixcore.principal import Principal
from pixcore.retry import retry_on_conflict

# A DynamoDB transaction holds 100 writes: the session's and up to 99 candidates'.
MAX_STUDENTS_PER_ENROLMENT = 99
MAX_CANDIDATES_PER_SESSION = 500
EDITABLE_FIELDS = {
    "extra_time_percentage",
    "birthdate",
    "birth_city",
    "birth_city_code",
    "birth_department_code",
    "birth_country_code",
    "external_id",
    "email",
    "sex",
}


@dataclass(frozen=True)
class StudentQuery:
    center_id: str
    division: str | None = None
    search: str | None = None
    session_id: str | None = None
    limit: int = 50
    cursor: str | None = None


@dataclass(frozen=True)
class StudentPage:
    students: list[StudentView]
    next_cursor: str | None


def enrollable_students(ports: Ports, caller: Principal, query: StudentQuery) -> StudentPage:
    """Active students with their class, whether they are linked to an account, certifiable
    and how many competences they have at level ≥ 1; those already in `session_id` marked."""
    center_access(ports, caller, query.center_id)
    scope = f"students:{query.center_id}:{query.division or ''}:{query.search or ''}"
    secret = ports.cursor_secret()
    found, position = ports.students.page(
        query.center_id,
        query.division,
        query.search,
        query.limit,
        decode_cursor(query.cursor, secret, scope),
    )
    enrolled: set[str] = set()
    if query.session_id:
        session = session_for_member(ports, caller, query.session_id)
        enrolled = {c.student_id for c in ports.candidates.of_session(session.id) if c.student_id}
    links = ports.students.links(query.center_id, [s.id for s in found])
    profiles = ports.students.profiles(list(set(links.values())))
    views = [
        StudentView(s, links.get(s.id), profiles.get(links.get(s.id, "")), s.id in enrolled)
        for s in found
    ]
    return StudentPage(views, encode_cursor(position, secret, scope))


def as_candidate(student: EnrollableStudent, session_id: str, user_id: str | None) -> Candidate:
    return Candidate(
        id=new_id(),
        session_id=session_id,
        center_id=student.center_id,
        student_id=student.id,
        first_name=student.first_name,
        last_name=student.last_name,
        birthdate=student.birthdate,
        preferred_last_name=student.preferred_last_name,
        sex=student.sex,
        birth_city=student.birth_city,
        birth_city_code=student.birth_city_code,
        birth_department_code=student.birth_department_code,
        birth_country_code=student.birth_country_code,
        division=student.division,
        user_id=user_id,
    )


def enroll_students(
    ports: Ports, caller: Principal, session_id: str, student_ids: list[str]
) -> list[Candidate]:
    """All or nothing: every student must be an active student of the centre, none already in
    the session (same names and birthdate) — else nothing is enrolled and the list says who."""
    wanted = list(dict.fromkeys(student_ids))
    if not wanted or len(wanted) > MAX_STUDENTS_PER_ENROLMENT:
        raise Invalid(
            f"Sélectionnez entre 1 et {MAX_STUDENTS_PER_ENROLMENT} élèves à la fois.",
            code="INVALID_SELECTION",
            details={"max": MAX_STUDENTS_PER_ENROLMENT},
        )

    def attempt() -> list[Candidate]:
        session = session_for_member(ports, caller, session_id)
        center_access(ports, caller, session.center_id)
        check_editable(session)
        students = ports.students.get_students(session.center_id, wanted)
        unknown = [sid for sid in wanted if sid not in students]
        if unknown:
            raise NotFound(
                "Certains élèves sont introuvables parmi les élèves actifs de l'établissement.",
                code="STUDENT_NOT_FOUND",
                details={"student_ids": unknown},
            )
        existing = ports.candidates.of_session(session.id)
        check_enrollable(existing)
        if len(existing) + len(wanted) > MAX_CANDIDATES_PER_SESSION:
            raise RuleViolation(
                f"Une session compte au plus {MAX_CANDIDATES_PER_SESSION} candidats.",
                code="SESSION_FULL",
            )
        links = ports.students.links(session.center_id, wanted)
        incoming = [as_candidate(students[s], session.id, links.get(s)) for s in wanted]
        twins = duplicates(existing, incoming)
        if twins:
            raise Conflict(
                "Certains élèves sont déjà inscrits à cette session (mêmes nom, prénom et date "
                "de naissance) : aucun élève n'a été inscrit.",
                code="DUPLICATE_CANDIDATES",
                details={"duplicates": [_duplicate(c, twin) for c, twin in twins]},
            )
        saved = ports.candidates.enroll(session, incoming)
        announce(ports, saved)
        return incoming

    return retry_on_conflict(attempt)


def _duplicate(candidate: Candidate, twin: Candidate | None) -> dict[str, Any]:
    return {
        "student_id": candidate.student_id,
        "first_name": candidate.first_name,
        "last_name": candidate.last_name,
        "birthdate": french_day(candidate.birthdate),
        "already_enrolled_as": twin.id if twin else None,
    }


def list_candidates(ports: Ports, caller: Principal, session_id: str) -> list[Candidate]:
    session = session_for_member(ports, caller, session_id)
    return sorted(
        ports.candidates.of_session(session.id), key=lambda c: (c.last_name, c.first_name)
    )


@dataclass(frozen=True)
class EditCandidate:
    session_id: str
    candidate_id: str
    changes: dict[str, Any]


def update_candidate(ports: Ports, caller: Principal, command: EditCandidate) -> Candidate:
    """Extra time, birth data, external id and convocation email, until the session is
    finalised."""
    session_id, candidate_id, changes = command.session_id, command.candidate_id, command.changes
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise Invalid("Ces champs ne sont pas modifiables.", details={"fields": sorted(unknown)})

    def attempt() -> Candidate:
        session = session_for_member(ports, caller, session_id)
        check_editable(session)
        candidate = ports.candidates.get(session.id, candidate_id)
        return ports.candidates.save(replace(candidate, **changes))

    return retry_on_conflict(attempt)


def remove_candidate(ports: Ports, caller: Principal, session_id: str, candidate_id: str) -> None:
    """Only until the candidate has joined the session."""

    def attempt() -> None:
        session = session_for_member(ports, caller, session_id)
        check_editable(session)
        candidate = ports.candidates.get(session.id, candidate_id)
        if candidate.has_joined:
            raise Conflict(
                "Ce candidat a déjà rejoint la session : il ne peut plus être retiré.",
                code="CANDIDATE_ALREADY_JOINED",
            )
        announce(ports, ports.candidates.remove(session, candidate))

    retry_on_conflict(attempt)
