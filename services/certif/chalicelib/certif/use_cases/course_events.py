"""What engine tells of a candidate's course, kept on the candidate for the examiner's view; a
stage never goes back, so messages may come in any order and more than once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from chalicelib.certif.domain.candidates import Candidate, CourseStage
from chalicelib.certif.domain.sessions import SessionStatus
from chalicelib.certif.ports import Ports
from pixcore.errors import NotFound
from pixcore.logs import get_logger
from pixcore.messages.catalog import (
    CertificationCompleted,
    CertificationCourseReady,
    CertificationEndScreenConfirmed,
    CertificationStartRefused,
    SessionStatusChanged,
)
from pixcore.retry import retry_on_conflict

log = get_logger("certif.course_events")


def _update(
    ports: Ports,
    session_id: str,
    candidate_id: str,
    course_id: str,
    change: Callable[[Candidate], Candidate],
) -> None:
    def attempt() -> None:
        try:
            candidate = ports.candidates.get(session_id, candidate_id)
        except NotFound:
            log.warning(
                "course.unknown_candidate", session_id=session_id, candidate_id=candidate_id
            )
            return
        if candidate.course_id not in (None, course_id):
            log.warning("course.other_course", candidate_id=candidate_id, course_id=course_id)
            return
        changed = change(replace(candidate, course_id=candidate.course_id or course_id))
        if changed != candidate:
            ports.candidates.save(changed)

    retry_on_conflict(attempt, attempts=4)


def _forward(c: Candidate, stage: CourseStage) -> CourseStage:
    return stage if stage.rank > c.course_stage.rank else c.course_stage


def course_ready(ports: Ports, m: CertificationCourseReady) -> None:
    _update(
        ports,
        m.session_id,
        m.candidate_id,
        m.course_id,
        lambda c: replace(
            c,
            course_stage=_forward(c, CourseStage.READY),
            started_at=c.started_at or m.started_at,
            deadline=c.deadline or m.deadline,
            start_refused=None,
        ),
    )


def course_completed(ports: Ports, m: CertificationCompleted) -> None:
    _update(
        ports,
        m.session_id,
        m.candidate_id,
        m.course_id,
        lambda c: replace(
            c,
            course_stage=CourseStage.COMPLETED,
            course_end=c.course_end or m.state,
            started_at=c.started_at or m.started_at,
        ),
    )


def start_refused(ports: Ports, m: CertificationStartRefused) -> None:
    """Shown to the candidate (and the examiner) until a course comes after all."""
    _update(
        ports,
        m.session_id,
        m.candidate_id,
        m.course_id,
        lambda c: c if c.course_stage is not CourseStage.NONE else replace(c, start_refused=m.code),
    )


def end_screen_confirmed(ports: Ports, m: CertificationEndScreenConfirmed) -> None:
    _update(
        ports,
        m.session_id,
        m.candidate_id,
        m.course_id,
        lambda c: replace(c, end_screen_confirmed_at=c.end_screen_confirmed_at or m.confirmed_at),
    )


def session_status_changed(ports: Ports, m: SessionStatusChanged) -> None:
    """The jury took or published the session; an older status never comes back."""
    if not ports.sessions.move_status(m.session_id, SessionStatus(m.status)):
        log.info("session.status_unchanged", session_id=m.session_id, status=m.status)
