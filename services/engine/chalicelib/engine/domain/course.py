"""A certification course as the candidate takes it: fixed questions, one answer each, in order,
against the server's clock; then an end (completed, or ended by the examiner or the
finalisation) whose answers go to the jury."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from chalicelib.engine.domain.answers import AnswerResult
from chalicelib.engine.domain.profile import CompetenceScore
from pixcore.errors import Conflict, Forbidden


class CourseState(StrEnum):
    STARTED = "started"
    COMPLETED = "completed"
    ENDED_BY_SUPERVISOR = "ended_by_supervisor"
    ENDED_DUE_TO_FINALIZATION = "ended_due_to_finalization"


@dataclass(frozen=True)
class Features:
    """What the auto-jury needs to know of a challenge: its media and its own timer."""

    has_image: bool = False
    has_embed: bool = False
    has_attachment: bool = False
    timer: int | None = None


@dataclass(frozen=True)
class CourseQuestion:
    challenge_id: str
    skill_id: str
    skill_name: str
    competence_code: str
    challenge_type: str
    features: Features = Features()


@dataclass(frozen=True)
class CourseAnswer:
    """`answered` is False for a question the candidate never reached (time ran out, or the
    test was ended): it counts as skipped (`aband`)."""

    challenge_id: str
    result: AnswerResult
    answered: bool = True
    value_hash: str = ""
    value: str | None = None
    answered_at: datetime | None = None
    time_spent_seconds: float | None = None


@dataclass(frozen=True)
class CourseRequest:
    """Who takes the course and where, as certif asked for it (the course id is certif's)."""

    course_id: str
    user_id: str
    session_id: str
    center_id: str
    candidate_id: str
    extra_time_percentage: int = 0


@dataclass(frozen=True)
class CertificationCourse:
    id: str
    user_id: str
    session_id: str
    center_id: str
    candidate_id: str
    extra_time_percentage: int
    max_level: int
    verification_code: str
    questions: tuple[CourseQuestion, ...]
    profile: tuple[CompetenceScore, ...]
    started_at: datetime
    deadline: datetime
    state: CourseState = CourseState.STARTED
    answers: tuple[CourseAnswer, ...] = ()
    ended_at: datetime | None = None
    timed_out: bool = False
    end_reason: str | None = None
    end_screen_confirmed_at: datetime | None = None
    published_at: datetime | None = None
    announced_at: datetime | None = None
    version: int = 0

    @property
    def announced(self) -> bool:
        """The end was published to certif and jury (the mark is written after the send)."""
        return self.announced_at is not None

    @property
    def question_count(self) -> int:
        return len(self.questions)

    @property
    def answered_count(self) -> int:
        return sum(1 for a in self.answers if a.answered)

    @property
    def is_open(self) -> bool:
        return self.state is CourseState.STARTED

    @property
    def current_question(self) -> CourseQuestion | None:
        """The first question without an answer: there is no going back, and a skipped
        question does not come back."""
        if not self.is_open or len(self.answers) >= len(self.questions):
            return None
        return self.questions[len(self.answers)]

    @property
    def current_number(self) -> int | None:
        """Question k of N, counted from 1."""
        return len(self.answers) + 1 if self.current_question else None

    @property
    def served_at(self) -> datetime:
        """A question is shown as soon as the one before is answered (the answer's response
        carries it); the first one when the test starts. A challenge's own timer runs from
        then, through a disconnection too."""
        last = self.answers[-1].answered_at if self.answers else None
        return last or self.started_at

    def time_is_up(self, now: datetime) -> bool:
        return now >= self.deadline

    def remaining(self, now: datetime) -> timedelta:
        """Time left on the server's clock; nothing once the course is over."""
        if not self.is_open:
            return timedelta(0)
        return max(self.deadline - now, timedelta(0))

    def answer_to(self, challenge_id: str) -> tuple[int, CourseAnswer] | None:
        for index, answer in enumerate(self.answers):
            if answer.challenge_id == challenge_id:
                return index, answer
        return None

    def record(self, answer: CourseAnswer) -> CertificationCourse:
        """The answer to the current question; the last one reaches the end screen."""
        answers = (*self.answers, answer)
        if len(answers) < len(self.questions):
            return replace(self, answers=answers)
        return replace(
            self, answers=answers, state=CourseState.COMPLETED, ended_at=answer.answered_at
        )

    def run_out_of_time(self) -> CertificationCourse:
        """Past the deadline no answer is accepted: the questions left are recorded skipped
        and the end screen follows, as when the last question is answered."""
        return replace(self._ended(CourseState.COMPLETED, self.deadline, None), timed_out=True)

    def end(self, state: CourseState, at: datetime, reason: str | None) -> CertificationCourse:
        """The examiner ends a test, or the finalisation ends those still running; a test whose
        time had already run out ends as it would have: completed, out of time."""
        if self.time_is_up(at):
            return self.run_out_of_time()
        return self._ended(state, at, reason)

    def _ended(self, state: CourseState, at: datetime, reason: str | None) -> CertificationCourse:
        missing = tuple(
            CourseAnswer(q.challenge_id, AnswerResult.SKIPPED, answered=False)
            for q in self.questions[len(self.answers) :]
        )
        return replace(
            self, answers=(*self.answers, *missing), state=state, ended_at=at, end_reason=reason
        )

    def confirm_end_screen(self, at: datetime) -> CertificationCourse:
        return replace(self, end_screen_confirmed_at=at)

    def publish(self, at: datetime) -> CertificationCourse:
        """The session's results are out; the first publication is the one that counts."""
        return self if self.published_at else replace(self, published_at=at)


@dataclass(frozen=True)
class CourseRefusal:
    """A start certif asked for and engine refused (e.g. a profile not certifiable yet): the
    candidate's screen reads it from the course's address."""

    course_id: str
    user_id: str
    session_id: str
    candidate_id: str
    code: str
    message: str
    refused_at: datetime


def check_candidate(user_id: str, owner_id: str) -> None:
    """Only the candidate of a course sees or answers it."""
    if user_id != owner_id:
        raise Forbidden("Ce test de certification ne vous appartient pas.", code="COURSE_NOT_OWNED")


def course_ended(course: CertificationCourse) -> Conflict:
    return Conflict(
        "Ce test de certification est terminé : aucune réponse n'est plus acceptée.",
        code="COURSE_ENDED",
        details={"state": course.state.value},
    )


def check_open(course: CertificationCourse) -> None:
    if not course.is_open:
        raise course_ended(course)


def time_over() -> Conflict:
    return Conflict(
        "Le temps imparti est écoulé : votre réponse n'a pas été enregistrée.",
        code="CERTIFICATION_TIME_OVER",
    )


def check_current(course: CertificationCourse, challenge_id: str) -> CourseQuestion:
    """Only the question being shown may be answered: no going back, no skipping ahead."""
    current = course.current_question
    if current is None or current.challenge_id != challenge_id:
        raise Conflict(
            "Cette épreuve n'est pas la question en cours.",
            code="CHALLENGE_NOT_CURRENT",
            details={"current_question_number": course.current_number},
        )
    return current


def replayed_answer(course: CertificationCourse, challenge_id: str, fingerprint: str) -> int | None:
    """The place of an identical earlier answer (a resubmission gets the same response); a
    different value for an answered question, or an answer to a question closed unanswered, is
    refused."""
    found = course.answer_to(challenge_id)
    if found is None:
        return None
    index, given = found
    if not given.answered:
        raise time_over() if course.timed_out else course_ended(course)
    if given.value_hash != fingerprint:
        raise Conflict(
            "Une réponse a déjà été donnée à cette épreuve.",
            code="ANSWER_ALREADY_GIVEN",
            details={"question_number": index + 1},
        )
    return index
