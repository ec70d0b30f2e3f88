"""The candidate's side of a course: its state, the question shown, answers one by one against the
server's clock, the end screen. An answer is one read and one conditional write."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from chalicelib.engine.domain.answers import check_answer
from chalicelib.engine.domain.assessment import value_hash
from chalicelib.engine.domain.content_model import Challenge
from chalicelib.engine.domain.course import (
    CertificationCourse,
    CourseAnswer,
    check_candidate,
    check_current,
    check_open,
    replayed_answer,
    time_over,
)
from chalicelib.engine.ports import Ports
from chalicelib.engine.use_cases.course_messages import announce_end_later
from chalicelib.engine.use_cases.course_views import CourseView, view_of
from pixcore.errors import ConcurrentUpdate, Conflict, NotFound
from pixcore.messages.catalog import CertificationEndScreenConfirmed
from pixcore.principal import Principal, require_user
from pixcore.retry import retry_on_conflict


@dataclass(frozen=True)
class NextQuestion:
    """Question k of N, without its solutions, and the time left on the server's clock."""

    question_number: int
    question_count: int
    challenge: Challenge
    deadline: datetime
    remaining_seconds: int


@dataclass(frozen=True)
class GiveCourseAnswer:
    course_id: str
    challenge_id: str
    value: Any = None
    skip: bool = False

    @property
    def given(self) -> Any:
        """« Je passe » gives no value at all."""
        return None if self.skip else self.value

    @property
    def fingerprint(self) -> str:
        return value_hash({"skip": True} if self.skip else {"value": self.value})


@dataclass(frozen=True)
class CourseAnswerOutcome:
    """What the candidate sees after an answer: never whether it was right."""

    question_number: int
    question_count: int
    completed: bool
    next: NextQuestion | None


def course_status(ports: Ports, caller: Principal, course_id: str) -> CourseView:
    """A course not created yet reads as `generating` (the candidate's screen polls it); a
    refused start reads as `refused` with its reason."""
    require_user(caller)
    course, refusal = ports.courses.lookup(course_id)
    if course is None:
        if refusal is not None:
            check_candidate(caller.user_id, refusal.user_id)
        return view_of(course_id, None, refusal, ports.clock.now())
    check_candidate(caller.user_id, course.user_id)
    course = _closed_if_out_of_time(ports, course)
    return view_of(course_id, course, None, ports.clock.now())


def next_question(ports: Ports, caller: Principal, course_id: str) -> NextQuestion | None:
    """The question being shown (again, after a disconnection), None once the course is over."""
    course = _candidates_course(ports, caller, course_id)
    return _question_after(ports, _closed_if_out_of_time(ports, course), ports.clock.now())


def answer_question(
    ports: Ports, caller: Principal, command: GiveCourseAnswer
) -> CourseAnswerOutcome:
    """Only the current question is answered, once: the same answer again gets the same
    response, a different one is refused. Two tabs racing: one answer is stored, the other
    re-reads and is refused (or replayed, if it sent the same)."""
    return retry_on_conflict(lambda: _answer_once(ports, caller, command))


def _answer_once(ports: Ports, caller: Principal, command: GiveCourseAnswer) -> CourseAnswerOutcome:
    course = _candidates_course(ports, caller, command.course_id)
    now = ports.clock.now()
    replayed = replayed_answer(course, command.challenge_id, command.fingerprint)
    if replayed is not None:
        return _replay(ports, course, replayed, now)
    check_open(course)
    if course.time_is_up(now):
        _closed_if_out_of_time(ports, course)
        raise time_over()
    question = check_current(course, command.challenge_id)
    challenge = ports.content.challenge(question.challenge_id)
    spent = (now - course.served_at).total_seconds()
    result = check_answer(challenge, command.given, elapsed_seconds=spent)
    given = None if command.skip else json.dumps(command.value, ensure_ascii=False)
    answer = CourseAnswer(challenge.id, result, True, command.fingerprint, given, now, spent)
    course = ports.courses.save(course.record(answer))
    if not course.is_open:
        announce_end_later(ports, course)
    return _outcome(ports, course, len(course.answers), now)


def _replay(
    ports: Ports, course: CertificationCourse, index: int, now: datetime
) -> CourseAnswerOutcome:
    """The response the identical earlier answer got when nothing happened since (a network
    retry); otherwise where the course stands now: the question to answer, or the end."""
    if not course.is_open and not course.announced:
        announce_end_later(ports, course)  # the first response may have been lost before the send
    return _outcome(ports, course, index + 1, now)


def _outcome(
    ports: Ports, course: CertificationCourse, number: int, now: datetime
) -> CourseAnswerOutcome:
    return CourseAnswerOutcome(
        number, course.question_count, not course.is_open, _question_after(ports, course, now)
    )


def confirm_end_screen(ports: Ports, caller: Principal, course_id: str) -> CourseView:
    """The candidate ticks « Le surveillant a bien vu cet écran », once the test is over; ticking
    again changes nothing."""

    def once() -> CourseView:
        course = _closed_if_out_of_time(ports, _candidates_course(ports, caller, course_id))
        now = ports.clock.now()
        if course.is_open:
            raise Conflict(
                "Le test n'est pas terminé : l'écran de fin n'est pas encore affiché.",
                code="COURSE_NOT_ENDED",
            )
        if course.end_screen_confirmed_at is None:
            course = ports.courses.save(course.confirm_end_screen(now))
            ports.publisher.publish(
                CertificationEndScreenConfirmed(
                    course_id=course.id,
                    session_id=course.session_id,
                    candidate_id=course.candidate_id,
                    confirmed_at=now,
                )
            )
        return view_of(course_id, course, None, now)

    return retry_on_conflict(once)


def _candidates_course(ports: Ports, caller: Principal, course_id: str) -> CertificationCourse:
    require_user(caller)
    course = ports.courses.get(course_id)
    if course is None:
        raise NotFound(
            "Ce test de certification est introuvable ou pas encore prêt.",
            code="COURSE_NOT_FOUND",
        )
    check_candidate(caller.user_id, course.user_id)
    return course


def _closed_if_out_of_time(ports: Ports, course: CertificationCourse) -> CertificationCourse:
    """Past the deadline the course closes on the first request that sees it: the questions
    left are recorded skipped, the end is announced. A lost race means someone closed it."""
    if not course.is_open or not course.time_is_up(ports.clock.now()):
        return course
    try:
        course = ports.courses.save(course.run_out_of_time())
    except ConcurrentUpdate:
        fresh = ports.courses.get(course.id)
        assert fresh is not None
        return fresh
    announce_end_later(ports, course)
    return course


def _question_after(
    ports: Ports, course: CertificationCourse, now: datetime
) -> NextQuestion | None:
    question = course.current_question
    if question is None:
        return None
    return NextQuestion(
        len(course.answers) + 1,
        course.question_count,
        ports.content.challenge(question.challenge_id),
        course.deadline,
        int(course.remaining(now).total_seconds()),
    )
