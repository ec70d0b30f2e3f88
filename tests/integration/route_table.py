"""Who may call what: every route of the four OpenAPI documents × every identity.

A row per route: `Row(who, sample)`. `who` names the identities that get through (the others get
403, or 404 where a resource of someone else is hidden); the three without a valid token get 401
on every non-public route. `sample` builds the request a caller of the route would send, from
the `World` of the test (ids of the school, the student's assessment…), so that the access check
is what decides; `exact` names an identity held to a stricter outcome (the one candidate of the
session gets 2xx on join, where any other person may try and meet a business refusal). The
certif rows follow a test day in order: the student joins, the examiner of this session (a token
from the session's examiner password) authorises, the student starts. A new route gets its row
in the same commit: the test fails without it.

Outcomes: OK (anything but 401/403; a 404 of an unknown id is fine), SUCCESS (2xx), DENIED (403
or 404), or an exact status. No cell may answer 5xx."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

NO_TOKEN, TAMPERED, EXPIRED = "none", "tampered", "expired"
STUDENT, MEMBER, OTHER_ADMIN, ADMIN = "student", "member", "admin of another school", "admin"
OTHER_EXAMINER, EXAMINER = "examiner of another session", "examiner of this session"
JURY, ACADEMIE = "jury", "académie"
IDENTITIES = (
    NO_TOKEN,
    TAMPERED,
    EXPIRED,
    STUDENT,
    MEMBER,
    OTHER_ADMIN,
    ADMIN,
    OTHER_EXAMINER,
    EXAMINER,
    JURY,
    ACADEMIE,
)
UNAUTHENTICATED = (NO_TOKEN, TAMPERED, EXPIRED)
PEOPLE = (
    STUDENT,
    MEMBER,
    OTHER_ADMIN,
    ADMIN,
    JURY,
    ACADEMIE,
)  # a person's token, not an examiner's
SIGNED = (*PEOPLE, OTHER_EXAMINER, EXAMINER)
SCHOOL_MEMBERS = (MEMBER, ADMIN, JURY)
SCHOOL_ADMINS = (ADMIN, JURY)

OK, SUCCESS, DENIED = "ok", "2xx", "denied"


@dataclass
class Request:
    body: Any = None  # JSON
    raw: bytes | None = None
    content_type: str = "application/json"
    query: dict[str, str] = field(default_factory=dict)
    params: dict[str, str] = field(default_factory=dict)  # path parameters beyond the World's


Sample = Callable[[Any, str], Request]  # (world, identity) → the request


def empty(world: Any, identity: str) -> Request:
    return Request()


@dataclass
class Row:
    who: tuple[str, ...]
    sample: Sample = empty
    public: bool = False
    allowed: str = OK  # what the identities of `who` get
    denied: str = DENIED  # what the other signed identities get
    # Identities whose answer is stricter than `allowed` (e.g. the one candidate of the session
    # gets 2xx where any other person may try and be refused by a business rule).
    exact: dict[str, str] = field(default_factory=dict)
    # Cells known wrong here and fixed on a branch that has not landed yet (identity → where):
    # the test requires them to be still wrong, so the mark goes when the fix arrives.
    pending: dict[str, str] = field(default_factory=dict)

    def expected(self, identity: str) -> str:
        if identity in self.exact:
            return self.exact[identity]
        if self.public:
            return self.allowed
        if identity in UNAUTHENTICATED:
            return "401"
        return self.allowed if identity in self.who else self.denied


def public(sample: Sample = empty, allowed: str = SUCCESS) -> Row:
    return Row(IDENTITIES, sample, public=True, allowed=allowed)


def body(make: Callable[[Any, str], Any]) -> Sample:
    return lambda world, identity: Request(body=make(world, identity))


def signup(world: Any, identity: str) -> Any:
    slug = "".join(c for c in identity if c.isalnum())
    return {
        "first_name": "Inès",
        "last_name": "Lefèvre",
        "birthdate": "2008-03-14",
        "email": f"signup-{slug}@route-table.test",
        "password": "Motdepasse-2021",
    }


def spare(body: Any = None) -> Sample:
    """The identity's own session and its one candidate, for the routes that remove things."""

    def sample(world: Any, identity: str) -> Request:
        session, candidate = world.spares[identity]
        return Request(body=body, params={"session_id": session, "candidate_id": candidate})

    return sample


SESSION = {
    "address": "Collège Jean-Moulin",
    "room": "Salle B12",
    "date": "2027-03-09",
    "time": "14:00",
    "examiner": "M. Martin",
}
CANDIDATE = {"first_name": "Zoé", "last_name": "Lefèvre", "birthdate": "2011-02-28"}
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
CAMPAIGN_CODE = "ROUTES123"  # an assessment campaign engine knows the student joined
SIECLE = (
    b'<?xml version="1.0" encoding="ISO-8859-15"?><BEE_ELEVES><PARAMETRES><UAJ>0750655E</UAJ>'
    b"</PARAMETRES><DONNEES><ELEVES/><STRUCTURES/></DONNEES></BEE_ELEVES>"
)

ROUTES: dict[tuple[str, str, str], Row] = {
    # orga
    ("orga", "GET", "/health"): public(),
    ("orga", "GET", "/openapi.json"): public(),
    ("orga", "POST", "/auth/token"): public(
        body(lambda w, i: {"email": w.login_email, "password": w.login_password})
    ),
    ("orga", "POST", "/users"): public(body(signup), allowed=OK),
    ("orga", "GET", "/me"): Row(PEOPLE, denied="404"),
    ("orga", "POST", "/academie-users"): Row(
        (JURY,),
        body(
            lambda w, i: {
                "email": f"dane-{''.join(c for c in i if c.isalnum())}@route-table.test",
                "academie": "Paris",
                "first_name": "Claire",
                "last_name": "Dumas",
                "password": "Motdepasse-2021",
            }
        ),
        allowed=SUCCESS,
    ),
    ("orga", "POST", "/organizations"): Row(
        (JURY,),
        body(
            lambda w, i: {
                "uai": "0750002V",
                "name": "Lycée Condorcet",
                "type": "LYCEE",
                "sector": "PUBLIC",
                "academie": "Paris",
            }
        ),
        allowed=SUCCESS,
    ),
    ("orga", "GET", "/organizations/{org_id}"): Row(SCHOOL_MEMBERS, allowed=SUCCESS),
    ("orga", "POST", "/organizations/{org_id}/memberships"): Row(
        SCHOOL_ADMINS, body(lambda w, i: {"email": w.login_email, "role": "MEMBER"})
    ),
    ("orga", "GET", "/organizations/{org_id}/memberships"): Row(SCHOOL_ADMINS, allowed=SUCCESS),
    ("orga", "POST", "/organizations/{org_id}/campaigns"): Row(
        SCHOOL_MEMBERS,
        body(lambda w, i: {"name": "Collecte de rentrée", "type": "PROFILES_COLLECTION"}),
        allowed=SUCCESS,
    ),
    ("orga", "GET", "/organizations/{org_id}/campaigns"): Row(SCHOOL_MEMBERS, allowed=SUCCESS),
    ("orga", "GET", "/organizations/{org_id}/campaign-target-skills"): Row(
        SCHOOL_MEMBERS, allowed=SUCCESS
    ),
    ("orga", "POST", "/organizations/{org_id}/campaigns/{campaign_id}/archive"): Row(
        SCHOOL_MEMBERS
    ),
    ("orga", "GET", "/organizations/{org_id}/campaigns/{campaign_id}/participants"): Row(
        SCHOOL_MEMBERS
    ),
    ("orga", "GET", "/organizations/{org_id}/campaigns/{campaign_id}/export.csv"): Row(
        SCHOOL_MEMBERS
    ),
    ("orga", "GET", "/campaigns/{code}"): Row(SIGNED),
    ("orga", "POST", "/campaigns/{code}/participations"): Row(
        PEOPLE,
        body(
            lambda w, i: {"first_name": "Inès", "last_name": "Lefèvre", "birthdate": "2008-03-14"}
        ),
    ),
    ("orga", "GET", "/campaigns/{code}/participations/me"): Row(PEOPLE),
    ("orga", "POST", "/campaigns/{code}/share"): Row(PEOPLE),
    ("orga", "GET", "/organizations/{org_id}/certification-results.csv"): Row(
        SCHOOL_ADMINS, allowed=SUCCESS
    ),
    ("orga", "POST", "/organizations/{org_id}/imports"): Row(
        SCHOOL_ADMINS, lambda w, i: Request(raw=SIECLE, content_type="application/xml")
    ),
    ("orga", "GET", "/organizations/{org_id}/imports"): Row(SCHOOL_ADMINS, allowed=SUCCESS),
    ("orga", "POST", "/organizations/{org_id}/imports/upload-url"): Row(
        SCHOOL_ADMINS, allowed=SUCCESS
    ),
    ("orga", "POST", "/organizations/{org_id}/imports/{import_id}/start"): Row(SCHOOL_ADMINS),
    ("orga", "GET", "/organizations/{org_id}/imports/{import_id}"): Row(SCHOOL_ADMINS),
    ("orga", "GET", "/organizations/{org_id}/students"): Row(SCHOOL_MEMBERS, allowed=SUCCESS),
    ("orga", "GET", "/organizations/{org_id}/divisions"): Row(SCHOOL_MEMBERS, allowed=SUCCESS),
    ("orga", "GET", "/organizations/{org_id}/students/{student_id}"): Row(SCHOOL_MEMBERS),
    # a learner's data: export (each person their own; a school's admins a student's), erasure
    # (a school's admins a student record of theirs, the jury an account), their reports; the
    # samples name unknown ids so that no cell erases the World's people
    ("orga", "POST", "/users/me/data-export"): Row(PEOPLE),
    ("orga", "GET", "/users/me/data-export"): Row(PEOPLE),
    ("orga", "GET", "/data-exports/{export_id}"): Row(
        PEOPLE, lambda w, i: Request(params={"export_id": "export-unknown"})
    ),
    ("orga", "POST", "/organizations/{org_id}/students/{student_id}/data-export"): Row(
        SCHOOL_ADMINS
    ),
    ("orga", "POST", "/organizations/{org_id}/students/{student_id}/erasure"): Row(SCHOOL_ADMINS),
    ("orga", "POST", "/users/{user_id}/erasure"): Row(
        (JURY,), lambda w, i: Request(params={"user_id": "user-unknown"})
    ),
    ("orga", "GET", "/erasures/{erasure_id}"): Row(
        SCHOOL_ADMINS, lambda w, i: Request(params={"erasure_id": "erasure-unknown"})
    ),
    # certif
    ("certif", "GET", "/health"): public(),
    ("certif", "GET", "/openapi.json"): public(),
    ("certif", "GET", "/centers/{center_id}"): Row(SCHOOL_MEMBERS, allowed=SUCCESS),
    ("certif", "POST", "/centers/{center_id}/sessions"): Row(
        SCHOOL_MEMBERS, body(lambda w, i: SESSION), allowed=SUCCESS
    ),
    ("certif", "GET", "/centers/{center_id}/sessions"): Row(SCHOOL_MEMBERS, allowed=SUCCESS),
    ("certif", "GET", "/centers/{center_id}/students"): Row(SCHOOL_MEMBERS, allowed=SUCCESS),
    ("certif", "GET", "/sessions/{session_id}"): Row(SCHOOL_MEMBERS, allowed=SUCCESS),
    ("certif", "PATCH", "/sessions/{session_id}"): Row(
        SCHOOL_MEMBERS, body(lambda w, i: {"room": "Salle C3"}), allowed=SUCCESS
    ),
    ("certif", "GET", "/sessions/{session_id}/candidates"): Row(SCHOOL_MEMBERS, allowed=SUCCESS),
    ("certif", "POST", "/sessions/{session_id}/candidates"): Row(
        SCHOOL_MEMBERS, spare(body={"student_ids": ["s-lan"]}), allowed=SUCCESS
    ),
    ("certif", "PATCH", "/sessions/{session_id}/candidates/{candidate_id}"): Row(
        SCHOOL_MEMBERS, body(lambda w, i: {"extra_time_percentage": 30}), allowed=SUCCESS
    ),
    ("certif", "GET", "/sessions/{session_id}/attendance-sheet.pdf"): Row(
        SCHOOL_MEMBERS, allowed=SUCCESS
    ),
    ("certif", "GET", "/sessions/{session_id}/incident-report.pdf"): Row(
        SCHOOL_MEMBERS, allowed=SUCCESS
    ),
    # The test day, in its order: the candidate joins, the examiner authorises, the test starts.
    ("certif", "POST", "/sessions/{session_id}/supervise"): public(
        body(lambda w, i: {"examiner_password": w.examiner_password})
    ),
    ("certif", "POST", "/sessions/{session_id}/join"): Row(
        PEOPLE, body(lambda w, i: CANDIDATE), exact={STUDENT: SUCCESS}
    ),
    ("certif", "GET", "/sessions/{session_id}/me"): Row(PEOPLE, exact={STUDENT: SUCCESS}),
    ("certif", "GET", "/sessions/{session_id}/supervision"): Row((EXAMINER,), allowed=SUCCESS),
    ("certif", "POST", "/sessions/{session_id}/candidates/{candidate_id}/authorize"): Row(
        (EXAMINER,), allowed=SUCCESS
    ),
    ("certif", "POST", "/sessions/{session_id}/start"): Row(
        PEOPLE, body(lambda w, i: {"access_code": w.access_code}), exact={STUDENT: SUCCESS}
    ),
    ("certif", "POST", "/sessions/{session_id}/candidates/{candidate_id}/unlock"): Row(
        (EXAMINER,), allowed=SUCCESS
    ),
    ("certif", "POST", "/sessions/{session_id}/candidates/{candidate_id}/end-screen-seen"): Row(
        (EXAMINER,), allowed=SUCCESS
    ),
    ("certif", "POST", "/sessions/{session_id}/candidates/{candidate_id}/end-test"): Row(
        (EXAMINER,), body(lambda w, i: {"reason": "Malaise du candidat"}), allowed=SUCCESS
    ),
    # Closing the session: the draft, a scanned document, finalising (refused: a test is open).
    ("certif", "GET", "/sessions/{session_id}/finalization"): Row(SCHOOL_MEMBERS, allowed=SUCCESS),
    ("certif", "PUT", "/sessions/{session_id}/finalization"): Row(
        SCHOOL_MEMBERS, body(lambda w, i: {"has_incident": False}), allowed=SUCCESS
    ),
    ("certif", "POST", "/sessions/{session_id}/documents"): Row(
        SCHOOL_MEMBERS,
        lambda w, i: Request(raw=PDF, content_type="application/pdf", query={"filename": "pv.pdf"}),
        allowed=SUCCESS,
    ),
    ("certif", "POST", "/sessions/{session_id}/finalize"): Row(SCHOOL_MEMBERS, allowed="422"),
    # Each identity removes from a session of its own (the world's one keeps its candidates).
    ("certif", "DELETE", "/sessions/{session_id}/candidates/{candidate_id}"): Row(
        SCHOOL_MEMBERS, spare(), allowed=SUCCESS
    ),
    ("certif", "DELETE", "/sessions/{session_id}"): Row(SCHOOL_MEMBERS, spare(), allowed=SUCCESS),
    # engine
    ("engine", "GET", "/health"): public(),
    ("engine", "GET", "/openapi.json"): public(),
    ("engine", "GET", "/referential"): Row(SIGNED, allowed=SUCCESS),
    ("engine", "POST", "/competence-evaluations"): Row(
        PEOPLE, body(lambda w, i: {"competence": "1.1"}), allowed=SUCCESS
    ),
    ("engine", "POST", "/assessments"): Row(
        (STUDENT,), body(lambda w, i: {"campaign_code": CAMPAIGN_CODE}), allowed=SUCCESS
    ),
    ("engine", "GET", "/assessments/{assessment_id}"): Row((STUDENT,), allowed=SUCCESS),
    ("engine", "GET", "/assessments/{assessment_id}/next"): Row((STUDENT,), allowed=SUCCESS),
    ("engine", "POST", "/assessments/{assessment_id}/answers"): Row(
        (STUDENT,), body(lambda w, i: {"challenge_id": w.challenge_id, "skip": True})
    ),
    ("engine", "GET", "/users/me/profile"): Row(PEOPLE, allowed=SUCCESS),
    # The candidate's own certification course (a course of nobody here: 404 for people).
    ("engine", "GET", "/certification-courses/{course_id}"): Row(PEOPLE),
    ("engine", "GET", "/certification-courses/{course_id}/next"): Row(PEOPLE),
    ("engine", "POST", "/certification-courses/{course_id}/answers"): Row(
        PEOPLE, body(lambda w, i: {"challenge_id": w.challenge_id, "skip": True})
    ),
    ("engine", "POST", "/certification-courses/{course_id}/end-screen"): Row(PEOPLE),
    # jury
    ("jury", "GET", "/health"): public(),
    ("jury", "GET", "/openapi.json"): public(),
    ("jury", "GET", "/sessions"): Row((JURY,), allowed=SUCCESS),
    ("jury", "GET", "/sessions/{session_id}"): Row((JURY,)),
    ("jury", "POST", "/sessions/{session_id}/assign"): Row((JURY,)),
    ("jury", "POST", "/sessions/{session_id}/publish"): Row((JURY,)),
    ("jury", "POST", "/sessions/publish"): Row(
        (JURY,), body(lambda w, i: {"session_ids": [w.session]})
    ),
    ("jury", "POST", "/issue-reports/{issue_report_id}/resolve"): Row(
        (JURY,),
        body(lambda w, i: {"version": 0, "certification_id": "course-unknown", "comment": "Vu"}),
    ),
    ("jury", "POST", "/certifications/{course_id}/neutralize"): Row(
        (JURY,), body(lambda w, i: {"version": 0, "question_number": 3})
    ),
    ("jury", "POST", "/certifications/{course_id}/deneutralize"): Row(
        (JURY,), body(lambda w, i: {"version": 0, "question_number": 3})
    ),
    ("jury", "POST", "/certifications/{course_id}/cancel"): Row(
        (JURY,), body(lambda w, i: {"version": 0})
    ),
    ("jury", "POST", "/certifications/{course_id}/uncancel"): Row(
        (JURY,), body(lambda w, i: {"version": 0})
    ),
    ("jury", "PATCH", "/certifications/{course_id}"): Row(
        (JURY,), body(lambda w, i: {"version": 0, "comment_for_jury": "Vu"})
    ),
    ("jury", "GET", "/certifications/{course_id}/history"): Row((JURY,)),
    ("jury", "GET", "/certifications/{course_id}/attestation.pdf"): Row(PEOPLE),
    ("jury", "GET", "/sessions/{session_id}/attestations.pdf"): Row(SCHOOL_ADMINS),
    ("jury", "GET", "/users/me/certifications"): Row(PEOPLE, allowed=SUCCESS),
    ("jury", "GET", "/verify/{code}"): public(allowed=OK),
    ("jury", "POST", "/verify/document"): public(
        lambda w, i: Request(raw=PDF, content_type="application/pdf"), allowed=OK
    ),
    ("jury", "GET", "/stats"): Row((JURY, ACADEMIE), allowed=SUCCESS),
}
