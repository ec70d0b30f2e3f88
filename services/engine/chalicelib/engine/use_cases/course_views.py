"""A course as the candidate's screen reads it: generating, refused, started, or over."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from chalicelib.engine.domain.course import CertificationCourse, CourseRefusal

GENERATING = "generating"
REFUSED = "refused"
POLL_AGAIN_SECONDS = 1


@dataclass(frozen=True)
class Refusal:
    code: str
    message: str


@dataclass(frozen=True)
class CourseView:
    """`end_screen`: the candidate now sees « Vous avez presque terminé — Appelez le
    surveillant » (the test is over, whatever ended it)."""

    course_id: str
    state: str
    question_count: int | None = None
    answered_count: int = 0
    current_question_number: int | None = None
    started_at: datetime | None = None
    deadline: datetime | None = None
    remaining_seconds: int | None = None
    extra_time_percentage: int | None = None
    timed_out: bool = False
    end_screen: bool = False
    end_screen_confirmed: bool = False
    published: bool = False
    refusal: Refusal | None = None
    retry_after_seconds: int | None = None


def view_of(
    course_id: str,
    course: CertificationCourse | None,
    refusal: CourseRefusal | None,
    now: datetime,
) -> CourseView:
    if course is None:
        if refusal is not None:
            return CourseView(course_id, REFUSED, refusal=Refusal(refusal.code, refusal.message))
        return CourseView(course_id, GENERATING, retry_after_seconds=POLL_AGAIN_SECONDS)
    return CourseView(
        course_id=course.id,
        state=course.state.value,
        question_count=course.question_count,
        answered_count=course.answered_count,
        current_question_number=course.current_number,
        started_at=course.started_at,
        deadline=course.deadline,
        remaining_seconds=int(course.remaining(now).total_seconds()),
        extra_time_percentage=course.extra_time_percentage,
        timed_out=course.timed_out,
        end_screen=not course.is_open,
        end_screen_confirmed=course.end_screen_confirmed_at is not None,
        published=course.published_at is not None,
    )
