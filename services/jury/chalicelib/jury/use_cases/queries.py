"""What the jury reads (sessions to publish, needing action, assigned to them; a session in
detail; a certification's history) and what a candidate reads (their certifications)."""

from __future__ import annotations

from dataclasses import dataclass

from chalicelib.jury.domain.certification import Certification
from chalicelib.jury.domain.jury_session import JurySession, SessionState
from chalicelib.jury.ports import Ports
from pixcore.cursors import decode_cursor, encode_cursor
from pixcore.errors import NotFound
from pixcore.principal import Principal, require_jury, require_user


@dataclass(frozen=True)
class SessionPage:
    sessions: list[JurySession]
    next_cursor: str | None


def list_sessions(
    ports: Ports,
    caller: Principal,
    state: SessionState | None,
    assigned_to_me: bool,
    limit: int,
    cursor: str | None,
) -> SessionPage:
    require_jury(caller)
    scope = f"jury-sessions:{caller.user_id if assigned_to_me else ''}:{state or ''}"
    secret = ports.settings.cursor_secret()
    position = decode_cursor(cursor, secret, scope)
    if assigned_to_me:
        found, after = ports.sessions.assigned_to(caller.user_id, limit, position)
        if state is not None:
            found = [s for s in found if s.state is state]
    else:
        found, after = ports.sessions.in_state(state or SessionState.NEEDS_ACTION, limit, position)
    return SessionPage(found, encode_cursor(after, secret, scope))


@dataclass(frozen=True)
class SessionDetail:
    session: JurySession
    certifications: list[Certification]


def session_detail(ports: Ports, caller: Principal, session_id: str) -> SessionDetail:
    require_jury(caller)
    session = ports.sessions.find(session_id)
    if session is None or not session.finalized:
        raise NotFound("Session introuvable.", code="SESSION_NOT_FOUND")
    return SessionDetail(session, ports.certifications.get_many(session.course_ids))


def certification_history(ports: Ports, caller: Principal, course_id: str) -> Certification:
    require_jury(caller)
    found = ports.certifications.find(course_id)
    if found is None:
        raise NotFound("Certification introuvable.", code="CERTIFICATION_NOT_FOUND")
    return found


@dataclass(frozen=True)
class OwnCertification:
    certification: Certification
    session: JurySession


def my_certifications(ports: Ports, caller: Principal) -> list[OwnCertification]:
    """A candidate sees their results once the session is published."""
    require_user(caller)
    found = []
    for c in ports.certifications.of_user(caller.user_id):
        session = ports.sessions.find(c.session_id)
        if session is not None and session.is_published:
            found.append(OwnCertification(c, session))
    return sorted(found, key=lambda o: (str(o.session.session_date), o.certification.course_id))
