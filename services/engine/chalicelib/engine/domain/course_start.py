"""Opening a certification course: the profile as of now decides, the test is drawn from it,
or the start is refused with a reason the candidate reads."""

from __future__ import annotations

import random
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from chalicelib.engine.domain.certification_test import (
    CertificationTest,
    generate_certification_test,
)
from chalicelib.engine.domain.content import LearningContent
from chalicelib.engine.domain.course import (
    CertificationCourse,
    CourseQuestion,
    CourseRefusal,
    CourseRequest,
    Features,
)
from chalicelib.engine.domain.course_clock import TEST_DURATION, deadline_for
from chalicelib.engine.domain.knowledge import KnowledgeElement
from chalicelib.engine.domain.profile import NOT_CERTIFIABLE_MESSAGE, compute_profile
from pixcore.errors import RuleViolation

NOT_CERTIFIABLE = "NOT_CERTIFIABLE"


@dataclass(frozen=True)
class Draw:
    """What the profile allows: a test, or the refusal's code and French message."""

    test: CertificationTest | None = None
    refusal_code: str | None = None
    refusal_message: str | None = None


def draw_test(
    content: LearningContent,
    elements: Sequence[KnowledgeElement],
    seen_challenge_ids: Collection[str],
    max_level: int,
    course_id: str,
) -> Draw:
    """A profile with fewer than 5 competences at level 1 or more is not certifiable: no test,
    the candidate is told why. Otherwise the test is drawn (preferring challenges the
    candidate has not seen), the same for the same course and profile."""
    if not compute_profile(elements, max_level=max_level).is_certifiable:
        return Draw(refusal_code=NOT_CERTIFIABLE, refusal_message=NOT_CERTIFIABLE_MESSAGE)
    try:
        test = generate_certification_test(
            content,
            elements,
            seen_challenge_ids=seen_challenge_ids,
            max_level=max_level,
            rng=random.Random(course_id),
        )
    except RuleViolation as refused:
        return Draw(refusal_code=refused.code, refusal_message=refused.message)
    return Draw(test=test)


def questions_of(test: CertificationTest, content: LearningContent) -> tuple[CourseQuestion, ...]:
    """The questions in the test's fixed order, with what the jury will need of each."""
    questions = []
    for picked in test.challenges:
        challenge = content.challenge(picked.challenge_id)
        questions.append(
            CourseQuestion(
                challenge_id=challenge.id,
                skill_id=picked.skill_id,
                skill_name=content.skill(picked.skill_id).name,
                competence_code=picked.competence_code,
                challenge_type=challenge.type.value,
                features=Features(
                    challenge.has_image,
                    challenge.has_embed,
                    challenge.has_attachment,
                    challenge.timer,
                ),
            )
        )
    return tuple(questions)


def new_course(
    request: CourseRequest,
    test: CertificationTest,
    content: LearningContent,
    *,
    verification_code: str,
    started_at: datetime,
    max_level: int,
    duration: timedelta = TEST_DURATION,
) -> CertificationCourse:
    """The clock starts with the course: its deadline is fixed now and never moves."""
    return CertificationCourse(
        id=request.course_id,
        user_id=request.user_id,
        session_id=request.session_id,
        center_id=request.center_id,
        candidate_id=request.candidate_id,
        extra_time_percentage=request.extra_time_percentage,
        max_level=max_level,
        verification_code=verification_code,
        questions=questions_of(test, content),
        profile=test.profile.scores,
        started_at=started_at,
        deadline=deadline_for(started_at, request.extra_time_percentage, duration),
    )


def refusal(request: CourseRequest, draw: Draw, at: datetime) -> CourseRefusal:
    assert draw.refusal_code and draw.refusal_message
    return CourseRefusal(
        course_id=request.course_id,
        user_id=request.user_id,
        session_id=request.session_id,
        candidate_id=request.candidate_id,
        code=draw.refusal_code,
        message=draw.refusal_message,
        refused_at=at,
    )
