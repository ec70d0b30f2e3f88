"""A jury member's review: take a session, act on its certifications, each action on the version
they saw, audited and scored again at once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from chalicelib.jury.domain import review
from chalicelib.jury.domain.certification import Certification
from chalicelib.jury.domain.jury_session import JurySession, SessionState
from chalicelib.jury.ports import Ports
from chalicelib.jury.use_cases.judging import refresh_state
from pixcore.errors import Conflict, NotFound, RuleViolation
from pixcore.messages.catalog import SessionStatusChanged
from pixcore.principal import Principal, require_jury
from pixcore.retry import retry_on_conflict

Change = Callable[[Certification, str, datetime], None]


def stale(current: int | None = None) -> Conflict:
    return Conflict(
        "Cette certification a été modifiée entre-temps : rechargez-la avant d'agir.",
        code="STALE_VERSION",
        details={} if current is None else {"current_version": current},
    )


@dataclass(frozen=True)
class Action:
    course_id: str
    version: int


def act(ports: Ports, caller: Principal, action: Action, change: Change) -> Certification:
    """Conditional on the version the jury member saw: 409 when someone acted first."""
    require_jury(caller)
    certification = ports.certifications.find(action.course_id)
    if certification is None:
        raise NotFound("Certification introuvable.", code="CERTIFICATION_NOT_FOUND")
    session = ports.sessions.find(certification.session_id)
    if session is None or session.state is SessionState.WAITING or not certification.judged:
        raise RuleViolation(
            "La session n'est pas encore prête pour le jury.", code="SESSION_NOT_READY"
        )
    if session.is_published:
        raise RuleViolation(
            "La session est publiée : ses certifications ne se modifient plus.",
            code="SESSION_PUBLISHED",
        )
    if certification.version != action.version:
        raise stale(certification.version)
    change(certification, caller.user_id, ports.clock.now())
    ports.certifications.save(certification, conflict=stale())
    refresh_state(ports, certification.session_id)
    return certification


def neutralize(
    ports: Ports, caller: Principal, action: Action, question_number: int
) -> Certification:
    return act(
        ports, caller, action, lambda c, by, at: review.neutralize(c, question_number, by, at)
    )


def deneutralize(
    ports: Ports, caller: Principal, action: Action, question_number: int
) -> Certification:
    return act(
        ports, caller, action, lambda c, by, at: review.deneutralize(c, question_number, by, at)
    )


def cancel(ports: Ports, caller: Principal, action: Action) -> Certification:
    return act(ports, caller, action, review.cancel)


def uncancel(ports: Ports, caller: Principal, action: Action) -> Certification:
    return act(ports, caller, action, review.uncancel)


def resolve_report(
    ports: Ports, caller: Principal, action: Action, issue_report_id: str, comment: str
) -> Certification:
    return act(
        ports,
        caller,
        action,
        lambda c, by, at: review.resolve_report(c, issue_report_id, comment, by, at),
    )


@dataclass(frozen=True)
class Edit:
    """Identity corrections and comments, only the fields sent."""

    identity: dict[str, object]
    comments: dict[str, str | None]


def edit(ports: Ports, caller: Principal, action: Action, changes: Edit) -> Certification:
    def apply(c: Certification, by: str, at: datetime) -> None:
        if changes.identity:
            review.correct_identity(c, changes.identity, by, at)  # type: ignore[arg-type]
        for kind, text in changes.comments.items():
            review.set_comment(c, kind, text, by, at)

    return act(ports, caller, action, apply)


def assign(ports: Ports, caller: Principal, session_id: str) -> JurySession:
    """The jury member takes the session; certif hears it is `in_process` the first time."""
    require_jury(caller)

    def take() -> tuple[JurySession, bool]:
        session = ports.sessions.find(session_id)
        if session is None or not session.finalized:
            raise NotFound("Session introuvable.", code="SESSION_NOT_FOUND")
        if session.is_published:
            raise RuleViolation("Cette session est déjà publiée.", code="SESSION_PUBLISHED")
        first = session.assigned_to is None
        if session.assigned_to != caller.user_id:
            session.assigned_to = caller.user_id
            ports.sessions.save(session)
        return session, first

    session, first = retry_on_conflict(take)
    if first:
        ports.publisher.publish(
            SessionStatusChanged(
                session_id=session_id, status="in_process", changed_at=ports.clock.now()
            )
        )
    return session
