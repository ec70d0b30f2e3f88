"""The examiner's space: opened with the session's examiner password, it shows every
candidate's state and lets the examiner authorise, unlock, end a test, tick the end screen."""

from __future__ import annotations

import hmac
from collections.abc import Callable
from dataclasses import dataclass, replace

from chalicelib.certif.domain.candidates import Candidate, CourseStage
from chalicelib.certif.domain.sessions import Session
from chalicelib.certif.domain.throttling import SUPERVISE_FREE_FAILURES, retry_after
from chalicelib.certif.ports import Ports
from chalicelib.certif.use_cases.sessions import open_session, require_session
from pixcore.errors import Conflict, Throttled, Unauthenticated
from pixcore.messages.catalog import CertificationEndRequested
from pixcore.principal import EXAMINER, Principal, require_examiner
from pixcore.retry import retry_on_conflict

# Long enough for a session with 100 % extra time (2 h + 1 h 45), not for the next day.
EXAMINER_TOKEN_SECONDS = 5 * 3600


@dataclass(frozen=True)
class ExaminerToken:
    access_token: str
    expires_in: int
    session_id: str
    token_type: str = "bearer"


@dataclass(frozen=True)
class Supervision:
    session: Session
    candidates: list[Candidate]


@dataclass(frozen=True)
class OpenSupervision:
    session_id: str
    examiner_password: str
    source: str | None = None


@dataclass(frozen=True)
class EndTest:
    session_id: str
    candidate_id: str
    reason: str


def supervise(ports: Ports, caller: Principal | None, command: OpenSupervision) -> ExaminerToken:
    """Throttled like a login: per session and per source; the same answer for an unknown or
    closed session and a wrong password. Anyone may try: the password is the credential."""
    session_id, password, source = command.session_id, command.examiner_password, command.source
    keys = [f"supervise:{session_id}:{source or '-'}", f"supervise:source:{source or '-'}"]
    now = ports.clock.now()
    for key, free in zip(
        keys, (SUPERVISE_FREE_FAILURES, 10 * SUPERVISE_FREE_FAILURES), strict=True
    ):
        wait = retry_after(ports.throttle.failures(key), free, now)
        if wait is not None:
            raise Throttled(
                "Trop de tentatives : patientez avant de réessayer.",
                code="TOO_MANY_ATTEMPTS",
                details={"retry_after_seconds": round(wait)},
            )
    session = open_session(ports, session_id)
    typed = password.strip().upper().encode()
    if session is None or not hmac.compare_digest(typed, session.examiner_password.encode()):
        for key in keys:
            ports.throttle.record_failure(key, now)
        raise Unauthenticated(
            "Numéro de session ou mot de passe surveillant incorrect.",
            code="WRONG_EXAMINER_PASSWORD",
        )
    ports.throttle.reset(keys[0])
    examiner = Principal(
        user_id=caller.user_id if caller else f"examiner:{session.id}",
        role=EXAMINER,
        session_id=session.id,
    )
    token = ports.tokens.issue(examiner, lifetime=EXAMINER_TOKEN_SECONDS)
    return ExaminerToken(token, EXAMINER_TOKEN_SECONDS, session.id)


def supervision(ports: Ports, caller: Principal, session_id: str) -> Supervision:
    """Every candidate with their state (the view polls)."""
    require_examiner(caller, session_id)
    session = require_session(ports, session_id)
    candidates = sorted(
        ports.candidates.of_session(session_id), key=lambda c: (c.last_name, c.first_name)
    )
    return Supervision(session, candidates)


def _act(
    ports: Ports,
    caller: Principal,
    session_id: str,
    candidate_id: str,
    change: Callable[[Candidate], Candidate | None],
) -> Candidate:
    require_examiner(caller, session_id)

    def attempt() -> Candidate:
        session = open_session(ports, session_id)
        if session is None:
            raise Conflict("La session est finalisée.", code="SESSION_ALREADY_FINALIZED")
        candidate = ports.candidates.get(session_id, candidate_id)
        changed = change(candidate)
        return (
            candidate if changed is None or changed == candidate else ports.candidates.save(changed)
        )

    return retry_on_conflict(attempt, attempts=3)


def authorize(ports: Ports, caller: Principal, session_id: str, candidate_id: str) -> Candidate:
    """A joined candidate starts only once the examiner, who sees them in the room, allows it."""

    def change(c: Candidate) -> Candidate | None:
        if not c.has_joined:
            raise Conflict(
                "Ce candidat n'a pas encore rejoint la session.", code="CANDIDATE_NOT_JOINED"
            )
        return None if c.authorized_at else replace(c, authorized_at=ports.clock.now())

    return _act(ports, caller, session_id, candidate_id, change)


def unlock(ports: Ports, caller: Principal, session_id: str, candidate_id: str) -> Candidate:
    return _act(ports, caller, session_id, candidate_id, lambda c: replace(c, wrong_code_count=0))


def end_test(ports: Ports, caller: Principal, command: EndTest) -> Candidate:
    """Ends a started, unfinished test (reason required): engine closes the course."""
    session_id, candidate_id, reason = command.session_id, command.candidate_id, command.reason

    def change(c: Candidate) -> Candidate | None:
        if c.course_id is None:
            raise Conflict("Ce candidat n'a pas commencé son test.", code="TEST_NOT_STARTED")
        if c.course_stage is CourseStage.COMPLETED:
            raise Conflict("Ce candidat a déjà terminé son test.", code="TEST_ALREADY_FINISHED")
        if c.ended_by_examiner_at:
            return None
        return replace(c, ended_by_examiner_at=ports.clock.now(), end_reason=reason)

    ended = _act(ports, caller, session_id, candidate_id, change)
    assert ended.course_id and ended.ended_by_examiner_at
    ports.publisher.publish(
        CertificationEndRequested(
            course_id=ended.course_id,
            session_id=session_id,
            candidate_id=ended.id,
            reason=ended.end_reason or reason,
            requested_at=ended.ended_by_examiner_at,
        )
    )
    return ended


def end_screen_seen(
    ports: Ports, caller: Principal, session_id: str, candidate_id: str
) -> Candidate:
    """The examiner saw « Vous avez presque terminé » on the candidate's screen."""

    def change(c: Candidate) -> Candidate | None:
        if c.course_id is None:
            raise Conflict("Ce candidat n'a pas commencé son test.", code="TEST_NOT_STARTED")
        return None if c.end_screen_seen_at else replace(c, end_screen_seen_at=ports.clock.now())

    return _act(ports, caller, session_id, candidate_id, change)
