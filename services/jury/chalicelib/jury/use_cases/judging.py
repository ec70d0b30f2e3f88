"""The auto-jury of a session once everything is known, and where its review then stands."""

from __future__ import annotations

from chalicelib.jury.domain.auto_jury import judge, pending_reasons, review_state
from chalicelib.jury.domain.jury_session import SessionCandidate, SessionState
from chalicelib.jury.ports import Ports
from chalicelib.jury.use_cases.publication import notify
from pixcore.logs import get_logger
from pixcore.retry import retry_on_conflict

log = get_logger("jury.judging")
ATTEMPTS = 5


def judge_if_ready(ports: Ports, session_id: str) -> None:
    """Scores a finalised session once every joined candidate's course is known: each course
    gets the auto-jury (once), then the session is published or waits for a person."""
    session = ports.sessions.find(session_id)
    if session is None or not session.can_be_judged():
        return
    refused = session.refused_courses - session.completed_courses
    if refused and ports.certifications.get_many(sorted(refused)):
        return  # a course refused once started after all: wait for its end
    for course_id in session.course_ids:
        candidate = session.candidate_of(course_id)
        assert candidate is not None

        def judge_one(course_id: str = course_id, candidate: SessionCandidate = candidate) -> None:
            certification = ports.certifications.find(course_id)
            if certification is None or certification.judged:
                return
            certification.center_id = session.center_id
            judge(certification, candidate, ports.clock.now())
            ports.certifications.save(certification)

        retry_on_conflict(judge_one, ATTEMPTS)

    def decide() -> bool:
        current = ports.sessions.find(session_id)
        if current is None or not current.can_be_judged():
            return False
        reasons = pending_reasons(current, ports.certifications.get_many(current.course_ids))
        state = review_state(reasons, auto=True)
        current.reasons = [r.code for r in reasons]
        if state is SessionState.PUBLISHED:
            current.published_at = ports.clock.now()
        current.state = state
        ports.sessions.save(current)
        log.info("session.judged", session_id=session_id, state=state.value)
        return state is SessionState.PUBLISHED

    if retry_on_conflict(decide, ATTEMPTS):
        notify(ports, session_id)


def refresh_state(ports: Ports, session_id: str) -> None:
    """After a jury action: needing action while a report or an error remains, else to publish."""

    def refresh() -> None:
        session = ports.sessions.find(session_id)
        if session is None or session.state in (SessionState.WAITING, SessionState.PUBLISHED):
            return
        reasons = pending_reasons(session, ports.certifications.get_many(session.course_ids))
        state = review_state(reasons, auto=False)
        codes = [r.code for r in reasons]
        if (state, codes) == (session.state, session.reasons):
            return
        session.state, session.reasons = state, codes
        ports.sessions.save(session)

    retry_on_conflict(refresh, ATTEMPTS)
