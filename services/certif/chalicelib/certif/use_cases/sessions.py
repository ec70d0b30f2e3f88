"""A centre's sessions: create, list, read (with its readiness), edit, delete."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from chalicelib.certif.domain.calendar import (
    CalendarWarning,
    check_not_past,
    check_window,
    window_problem,
)
from chalicelib.certif.domain.candidates import Candidate
from chalicelib.certif.domain.centers import CertificationCenter
from chalicelib.certif.domain.readiness import Warning, readiness
from chalicelib.certif.domain.sessions import (
    Schedule,
    Session,
    check_deletable,
    check_editable,
    examiner_password,
)
from chalicelib.certif.ports import Ports
from chalicelib.certif.use_cases.centers import center_access
from pixcore.clock import PARIS
from pixcore.codes import session_access_code, unique_code
from pixcore.cursors import decode_cursor, encode_cursor
from pixcore.errors import NotFound
from pixcore.messages.catalog import SessionUpdated
from pixcore.principal import Principal, require_member
from pixcore.retry import retry_on_conflict


@dataclass(frozen=True)
class SessionDetail:
    """A session as its centre sees it: the session, its counts and what to fix before the day."""

    session: Session
    warnings: list[Warning] = field(default_factory=list)
    finalization_overdue: bool = False

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name == "session":
            raise AttributeError(name)
        return getattr(self.session, name)


@dataclass(frozen=True)
class SessionPage:
    sessions: list[SessionDetail]  # without their warnings: a list reads no candidate
    next_cursor: str | None


def _as_warning(found: CalendarWarning | None) -> list[Warning]:
    return [Warning(found.code, found.message)] if found else []


def announce(ports: Ports, session: Session, deleted: bool = False) -> None:
    """Every change of schedule or enrolment reaches the jury's counters, ordered by revision."""
    ports.publisher.publish(
        SessionUpdated(
            session_id=session.id,
            center_id=session.center_id,
            session_date=session.date,
            status=session.status.value,
            candidate_count=session.candidate_count,
            deleted=deleted,
            revision=session.version + (1 if deleted else 0),
            occurred_at=ports.clock.now(),  # the week jury counts it in (its figures by week)
        )
    )


def paris_today(ports: Ports) -> date:
    return ports.clock.now().astimezone(PARIS).date()


def create_session(
    ports: Ports, caller: Principal, center_id: str, schedule: Schedule
) -> SessionDetail:
    """A numeric id unique on the platform, an access code unique among open sessions, an
    examiner password; the date checked against the calendar window."""
    center, opening = center_access(ports, caller, center_id)
    check_not_past(schedule.date, paris_today(ports))
    in_window = check_window(ports.calendar, center.type, schedule.date)
    number = str(ports.sessions.next_number())
    code = unique_code(session_access_code, lambda c: ports.sessions.claim_access_code(c, number))
    session = Session(
        number,
        center.id,
        schedule,
        code,
        examiner_password(),
        created_at=ports.clock.now(),
    )
    ports.sessions.add(session)
    session = ports.sessions.get(number)
    announce(ports, session)
    return SessionDetail(session, _as_warning(opening) + _as_warning(in_window))


@dataclass(frozen=True)
class PageRequest:
    center_id: str
    limit: int = 50
    cursor: str | None = None


def list_sessions(ports: Ports, caller: Principal, page: PageRequest) -> SessionPage:
    center_id, limit, cursor = page.center_id, page.limit, page.cursor
    center_access(ports, caller, center_id)
    scope = f"sessions:{center_id}"
    found, position = ports.sessions.of_center(
        center_id, limit, decode_cursor(cursor, ports.cursor_secret(), scope)
    )
    now = ports.clock.now()
    rows = [SessionDetail(s, finalization_overdue=s.is_finalization_overdue(now)) for s in found]
    return SessionPage(rows, encode_cursor(position, ports.cursor_secret(), scope))


def session_for_member(ports: Ports, caller: Principal, session_id: str) -> Session:
    session = ports.sessions.get(session_id)
    require_member(caller, session.center_id)
    return session


def get_session(ports: Ports, caller: Principal, session_id: str) -> SessionDetail:
    session = session_for_member(ports, caller, session_id)
    center = ports.centers.get(session.center_id)
    candidates = ports.candidates.of_session(session_id)
    return SessionDetail(
        session,
        session_warnings(ports, center, session, candidates),
        session.is_finalization_overdue(ports.clock.now()),
    )


def session_warnings(
    ports: Ports, center: CertificationCenter, session: Session, candidates: list[Candidate]
) -> list[Warning]:
    student_ids = [c.student_id for c in candidates if c.student_id]
    links = ports.students.links(session.center_id, student_ids)
    users = list({*links.values(), *(c.user_id for c in candidates if c.user_id)})
    return readiness(
        session.examiner,
        candidates,
        links,
        ports.students.profiles(users),
        window_problem(ports.calendar, center.type, session.date),
    )


def update_session(
    ports: Ports, caller: Principal, session_id: str, changes: dict[str, Any]
) -> SessionDetail:
    """Editable until finalised; a new date is checked against the window again."""

    def attempt() -> Session:
        session = session_for_member(ports, caller, session_id)
        check_editable(session)
        schedule = replace(session.schedule, **changes)
        if schedule.date != session.date:
            check_not_past(schedule.date, paris_today(ports))
            center = ports.centers.get(session.center_id)
            check_window(ports.calendar, center.type, schedule.date)
        return ports.sessions.save(session.rescheduled(schedule))

    saved = retry_on_conflict(attempt)
    announce(ports, saved)
    return get_session(ports, caller, session_id)


def delete_session(ports: Ports, caller: Principal, session_id: str) -> None:
    """While nobody has started; the access code is free again."""

    def attempt() -> Session:
        session = session_for_member(ports, caller, session_id)
        started = sum(1 for c in ports.candidates.of_session(session_id) if c.has_started)
        check_deletable(session, started)
        ports.sessions.delete(session)
        return session

    session = retry_on_conflict(attempt)
    ports.sessions.release_access_code(session.access_code, session.id)
    announce(ports, session, deleted=True)


def open_session(ports: Ports, session_id: str) -> Session | None:
    """The session a candidate or an examiner may use: it exists and is still `created`."""
    session = ports.sessions.find(session_id)
    return session if session and session.is_open else None


def require_session(ports: Ports, session_id: str) -> Session:
    session = ports.sessions.find(session_id)
    if session is None:
        raise NotFound("Session introuvable.", code="SESSION_NOT_FOUND")
    return session
