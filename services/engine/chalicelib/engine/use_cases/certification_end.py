"""Courses ended from outside: by the examiner, by the session's finalisation; and published by
the jury. Each handler is idempotent and order-tolerant: an ended course stays as it ended."""

from __future__ import annotations

from datetime import datetime, timedelta

from chalicelib.engine.domain.course import CertificationCourse, CourseState
from chalicelib.engine.ports import Ports
from chalicelib.engine.use_cases.course_messages import announce_end
from pixcore.logs import get_logger
from pixcore.messages.catalog import (
    CertificationEndRequested,
    SessionFinalized,
    SessionPublished,
)
from pixcore.retry import retry_on_conflict

log = get_logger("engine.certification")

# How long a finalisation waits for the start requests still in flight of the courses it names.
WAIT_FOR_STARTS = timedelta(minutes=15)


class CourseNotYetKnown(Exception):
    """An end requested before engine created the course (its start is still in flight): not a
    business error, so the message goes back to the queue and is tried again later."""


def end_by_supervisor(ports: Ports, message: CertificationEndRequested) -> None:
    def once() -> None:
        course = ports.courses.get(message.course_id)
        if course is None:
            if ports.courses.refusal(message.course_id) is not None:
                return  # the start was refused: there is no test to end
            raise CourseNotYetKnown(message.course_id)
        # Never before an answer the course accepted meanwhile.
        at = max(message.requested_at, course.served_at)
        _end(ports, course, CourseState.ENDED_BY_SUPERVISOR, at, message.reason)

    retry_on_conflict(once)


def end_at_finalization(ports: Ports, message: SessionFinalized) -> None:
    """Every course of the session still running ends; an end whose announcement was lost is
    announced again. A course certif named whose start engine has not handled yet (neither a
    course nor a refusal) is waited for: the others end, then the message is tried again later,
    so a start handled after the finalisation cannot leave a course open."""
    at = message.finalized_at or message.occurred_at
    named = {c.course_id for c in message.candidates if c.course_id}
    in_flight = []
    for course_id in sorted(set(ports.courses.course_ids_of_session(message.session_id)) | named):

        def once(course_id: str = course_id) -> bool:
            course = ports.courses.get(course_id)
            if course is None:
                return ports.courses.refusal(course_id) is None
            if course.session_id == message.session_id:
                _end(ports, course, CourseState.ENDED_DUE_TO_FINALIZATION, at, None)
            return False

        if retry_on_conflict(once):
            in_flight.append(course_id)
    if not in_flight:
        return
    if ports.clock.now() - message.occurred_at > WAIT_FOR_STARTS:
        # A start certif recorded but never sent (a crash between the two): nothing to end.
        log.warning("course.start_never_seen", session_id=message.session_id, courses=in_flight)
        return
    log.info("course.finalization_waits", session_id=message.session_id, courses=in_flight)
    raise CourseNotYetKnown(*in_flight)


def _end(
    ports: Ports,
    course: CertificationCourse,
    state: CourseState,
    at: datetime,
    reason: str | None,
) -> None:
    if course.is_open:
        course = ports.courses.save(course.end(state, at, reason))
        log.info("course.ended", course_id=course.id, state=course.state.value)
    elif course.announced:
        return
    announce_end(ports, course)


def mark_published(ports: Ports, message: SessionPublished) -> None:
    """The jury published the session: its courses are marked so (the first publication counts;
    publishing twice is refused upstream, a repeat changes nothing)."""
    for result in message.results:

        def once(course_id: str = result.course_id) -> None:
            course = ports.courses.get(course_id)
            if course is not None and course.published_at is None:
                ports.courses.save(course.publish(message.published_at))

        retry_on_conflict(once)
