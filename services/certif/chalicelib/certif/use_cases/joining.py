"""The candidate's side of the day: join the session, wait for the examiner, start (or resume)
the test with the access code."""

from __future__ import annotations

import hmac
from dataclasses import dataclass, replace
from datetime import date

from chalicelib.certif.domain.candidates import MAX_WRONG_ACCESS_CODES, Candidate, matches
from chalicelib.certif.domain.sessions import Session
from chalicelib.certif.domain.throttling import retry_after
from chalicelib.certif.ports import Ports
from chalicelib.certif.use_cases.sessions import open_session
from pixcore.errors import Conflict, Forbidden, Invalid, NotFound, RuleViolation, Throttled
from pixcore.ids import new_id
from pixcore.messages.catalog import CertificationStartRequested
from pixcore.principal import Principal, require_user
from pixcore.retry import retry_on_conflict

NOT_CERTIFIABLE = (
    "Votre profil n'est pas encore certifiable. Pour faire certifier votre profil, vous devez "
    "avoir obtenu un niveau supérieur à 0 dans 5 compétences minimum."
)
# Same answer for an unknown session, a closed one and names that match nobody: the session
# number cannot be probed, and nobody learns who is enrolled.
NO_MATCH = (
    "Nous n'avons pas trouvé de candidat correspondant dans cette session. Vérifiez le numéro "
    "de session donné par le surveillant, vos nom et prénom tels qu'écrits sur la feuille "
    "d'émargement, et votre date de naissance."
)
# A school's candidates share one address: a source gets many more tries than an account.
JOIN_USER_FREE_FAILURES = 10
JOIN_SOURCE_FREE_FAILURES = 50


@dataclass(frozen=True)
class JoinSession:
    session_id: str
    first_name: str
    last_name: str
    birthdate: date
    source: str | None = None


@dataclass(frozen=True)
class Started:
    course_id: str
    candidate_id: str
    session_id: str


def _no_match() -> NotFound:
    return NotFound(NO_MATCH, code="CANDIDATE_NOT_FOUND")


def _throttle_keys(caller: Principal, source: str | None) -> list[tuple[str, int]]:
    keys = [(f"join:user:{caller.user_id}", JOIN_USER_FREE_FAILURES)]
    if source:
        keys.append((f"join:source:{source}", JOIN_SOURCE_FREE_FAILURES))
    return keys


def _check_throttle(ports: Ports, keys: list[tuple[str, int]]) -> None:
    now = ports.clock.now()
    for key, free in keys:
        wait = retry_after(ports.throttle.failures(key), free, now)
        if wait is not None:
            raise Throttled(
                "Trop de tentatives : patientez avant de réessayer.",
                code="TOO_MANY_ATTEMPTS",
                details={"retry_after_seconds": round(wait)},
            )


def _failed(ports: Ports, keys: list[tuple[str, int]]) -> NotFound:
    for key, _ in keys:
        ports.throttle.record_failure(key, ports.clock.now())
    return _no_match()


def join(ports: Ports, caller: Principal, command: JoinSession) -> Candidate:
    """Birthdate exact and names folded; the account must be the one linked to the student;
    joining twice is harmless, two accounts cannot take one candidate."""
    require_user(caller)
    keys = _throttle_keys(caller, command.source)
    _check_throttle(ports, keys)
    profile = ports.students.profiles([caller.user_id]).get(caller.user_id)
    if profile is None or not profile.certifiable:
        raise RuleViolation(NOT_CERTIFIABLE, code="NOT_CERTIFIABLE")
    session = open_session(ports, command.session_id)
    if session is None:
        raise _failed(ports, keys)
    found = [
        c
        for c in ports.candidates.born_on(session.id, command.birthdate)
        if matches(c, command.first_name, command.last_name, command.birthdate)
    ]
    if not found:
        raise _failed(ports, keys)
    seat = retry_on_conflict(lambda: _take_seat(ports, caller, session, found[0].id, command))
    if seat is None:
        raise _failed(ports, keys)
    return seat


def _take_seat(
    ports: Ports, caller: Principal, session: Session, candidate_id: str, command: JoinSession
) -> Candidate | None:
    candidate = ports.candidates.get(session.id, candidate_id)
    if not matches(candidate, command.first_name, command.last_name, command.birthdate):
        return None  # edited since the lookup read it
    if candidate.has_joined:
        if candidate.user_id == caller.user_id:
            return candidate
        raise Conflict(
            "Ce candidat a déjà rejoint la session avec un autre compte : appelez le surveillant.",
            code="CANDIDATE_ALREADY_TAKEN",
        )
    linked = (
        ports.students.links(session.center_id, [candidate.student_id]).get(candidate.student_id)
        if candidate.student_id
        else None
    )
    if linked != caller.user_id:
        raise Forbidden(
            "Votre compte Pix n'est pas celui qui est rattaché à votre fiche élève dans cet "
            "établissement : connectez-vous avec votre compte habituel ou appelez le surveillant.",
            code="ACCOUNT_NOT_LINKED",
        )
    return ports.candidates.save(
        replace(candidate, user_id=caller.user_id, joined_at=ports.clock.now())
    )


def seat_of(ports: Ports, caller: Principal, session_id: str) -> tuple[Session, Candidate]:
    """The candidate the caller joined as, in an open session."""
    require_user(caller)
    session = open_session(ports, session_id)
    seat = ports.candidates.seat(session.id, caller.user_id) if session else None
    if session is None or seat is None:
        raise _no_match()
    return session, seat


def my_seat(ports: Ports, caller: Principal, session_id: str) -> Candidate:
    return seat_of(ports, caller, session_id)[1]


def start(ports: Ports, caller: Principal, session_id: str, access_code: str) -> Started:
    """Once authorised, the access code (any case) starts the test; the same call after a
    disconnection resumes the same course. 5 wrong codes lock the candidate until the examiner
    unlocks them."""

    def attempt() -> tuple[Candidate, Session, bool]:
        session, candidate = seat_of(ports, caller, session_id)
        if candidate.locked:
            raise _locked()
        if candidate.ended_by_examiner_at:
            raise Conflict("Votre test a été arrêté par le surveillant.", code="TEST_ENDED")
        if not candidate.authorized_at:
            raise Conflict(
                "Le surveillant ne vous a pas encore autorisé à commencer : patientez.",
                code="NOT_AUTHORIZED_YET",
            )
        typed = access_code.strip().upper()
        if not hmac.compare_digest(typed.encode(), session.access_code.encode()):
            wrong = ports.candidates.save(
                replace(candidate, wrong_code_count=candidate.wrong_code_count + 1)
            )
            return wrong, session, False
        now = ports.clock.now()
        started = replace(
            candidate,
            wrong_code_count=0,
            course_id=candidate.course_id or new_id(),
            start_requested_at=candidate.start_requested_at or now,
        )
        if started != candidate:
            started = ports.candidates.save(started)
        return started, session, True

    candidate, session, right = retry_on_conflict(attempt, attempts=3)
    if not right:
        if candidate.locked:
            raise _locked()
        raise Invalid(
            "Code d'accès incorrect : vérifiez le code donné par le surveillant.",
            code="WRONG_ACCESS_CODE",
            details={"attempts_left": MAX_WRONG_ACCESS_CODES - candidate.wrong_code_count},
        )
    assert candidate.course_id is not None
    ports.publisher.publish(
        CertificationStartRequested(
            course_id=candidate.course_id,
            session_id=session.id,
            center_id=session.center_id,
            candidate_id=candidate.id,
            user_id=caller.user_id,
            extra_time_percentage=candidate.extra_time_percentage,
            session_date=session.date,
            window_starts_at=session.starts_at,
        )
    )
    return Started(candidate.course_id, candidate.id, session.id)


def _locked() -> Throttled:
    return Throttled(
        "Trop de codes d'accès erronés : appelez le surveillant pour qu'il vous débloque.",
        code="CANDIDATE_LOCKED",
    )
