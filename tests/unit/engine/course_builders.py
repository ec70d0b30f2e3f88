"""Certification courses for unit tests: a candidate's profile, the request certif sends."""

from __future__ import annotations

from datetime import UTC, datetime

from chalicelib.engine.domain.content import LearningContent
from chalicelib.engine.domain.course import CertificationCourse, CourseRequest
from chalicelib.engine.domain.course_start import draw_test, new_course
from chalicelib.engine.domain.simulated_candidate import validated_knowledge
from pixcore.referential import COMPETENCE_CODES

NINE = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
EVERY_COMPETENCE_AT_4 = {code: 4 for code in COMPETENCE_CODES}


def a_request(course_id: str = "course-1", extra: int = 0, user_id: str = "zoe") -> CourseRequest:
    return CourseRequest(course_id, user_id, "session-7", "center-3", f"cand-{user_id}", extra)


def a_course(
    content: LearningContent,
    levels: dict[str, int] | None = None,
    *,
    extra: int = 0,
    at: datetime = NINE,
    course_id: str = "course-1",
) -> CertificationCourse:
    elements, seen = validated_knowledge(content, levels or EVERY_COMPETENCE_AT_4)
    draw = draw_test(content, elements, seen, 6, course_id)
    assert draw.test is not None
    return new_course(
        a_request(course_id, extra),
        draw.test,
        content,
        verification_code="P-2B3C4D6F",
        started_at=at,
        max_level=6,
    )
