"""Opening the course certif asked for, or finding it again: the same course id always gives the
same course (duplicate deliveries, a second start after a disconnection)."""

from __future__ import annotations

from dataclasses import replace

from chalicelib.engine.domain.course import CertificationCourse, CourseRequest
from chalicelib.engine.domain.course_start import Draw, draw_test, new_course, refusal
from chalicelib.engine.ports import Ports
from chalicelib.engine.use_cases.course_messages import announce_end, ready, refused
from pixcore.codes import unique_code, verification_code
from pixcore.errors import ConcurrentUpdate, Conflict, Invalid
from pixcore.logs import get_logger
from pixcore.messages.catalog import CertificationStartRequested
from pixcore.retry import retry_on_conflict

log = get_logger("engine.certification")


def request_of(message: CertificationStartRequested) -> CourseRequest:
    return CourseRequest(
        course_id=message.course_id,
        user_id=message.user_id,
        session_id=message.session_id,
        center_id=message.center_id,
        candidate_id=message.candidate_id,
        extra_time_percentage=message.extra_time_percentage,
    )


def start_course(ports: Ports, message: CertificationStartRequested) -> CertificationCourse | None:
    """Returns the course, None when the start was refused. The course is written as new (one
    read of the profile, the code's claim, the course's put): when it exists already (a second
    start, a delivery racing another), the put fails and the course found is resumed."""
    request = request_of(message)
    return retry_on_conflict(lambda: _start_once(ports, request))


def _start_once(ports: Ports, request: CourseRequest) -> CertificationCourse | None:
    knowledge = ports.assessments.knowledge(request.user_id)
    draw = draw_test(
        ports.content,
        list(knowledge.elements.values()),
        knowledge.seen_challenge_ids,
        ports.max_level,
        request.course_id,
    )
    if draw.test is None:
        return _refused_unless_started(ports, request, draw)
    try:
        fresh = new_course(
            request,
            draw.test,
            ports.content,
            verification_code="",
            started_at=ports.clock.now(),
            max_level=ports.max_level,
            duration=ports.test_duration,
        )
    except Invalid as bad:  # an extra time out of bounds
        refusal_of = Draw(refusal_code=bad.code, refusal_message=bad.message)
        return _refused_unless_started(ports, request, refusal_of)
    try:
        course = _add_with_a_unique_code(ports, fresh)
    except ConcurrentUpdate:
        existing = ports.courses.get(request.course_id)
        if existing is None:
            raise  # gone meanwhile: try again from the start
        return _resume(ports, existing, request)
    ports.publisher.publish(ready(course))
    log.info("course.started", course_id=course.id, questions=course.question_count)
    return course


def _add_with_a_unique_code(ports: Ports, course: CertificationCourse) -> CertificationCourse:
    """Claims a free verification code, then saves the course with it; a course that exists
    already keeps its own code, and the one just claimed is freed."""
    code = unique_code(
        verification_code, lambda c: ports.courses.claim_verification_code(c, course.id)
    )
    try:
        return ports.courses.add(replace(course, verification_code=code))
    except ConcurrentUpdate:
        ports.courses.release_verification_code(code, course.id)
        raise


def _refused_unless_started(
    ports: Ports, request: CourseRequest, draw: Draw
) -> CertificationCourse | None:
    existing = ports.courses.get(request.course_id)
    if existing is not None:  # started when the profile allowed it: the course stands
        return _resume(ports, existing, request)
    _refuse(ports, request, draw)
    return None


def _refuse(ports: Ports, request: CourseRequest, draw: Draw) -> None:
    refused_start = refusal(request, draw, ports.clock.now())
    ports.courses.refuse(refused_start)
    ports.publisher.publish(refused(refused_start))
    log.info("course.refused", course_id=request.course_id, code=refused_start.code)


def _resume(
    ports: Ports, course: CertificationCourse, request: CourseRequest
) -> CertificationCourse:
    """The same candidate of the same session finds their course again, with the same
    questions and the same deadline; a course id is never handed to someone else."""
    if (course.user_id, course.session_id, course.candidate_id) != (
        request.user_id,
        request.session_id,
        request.candidate_id,
    ):
        raise Conflict(
            "Ce test de certification appartient à un autre candidat.",
            code="COURSE_ID_TAKEN",
            details={"course_id": course.id},
        )
    if course.is_open and course.time_is_up(ports.clock.now()):
        course = ports.courses.save(course.run_out_of_time())
    if course.is_open:
        ports.publisher.publish(ready(course))
    elif not course.announced:
        announce_end(ports, course)
    log.info("course.resumed", course_id=course.id, state=course.state.value)
    return course
