"""What engine tells certif and jury about a course: ready (the clock runs), refused, over."""

from __future__ import annotations

from chalicelib.engine.domain.course import CertificationCourse, CourseRefusal
from chalicelib.engine.ports import Ports
from pixcore.messages.catalog import (
    CertificationAnswer,
    CertificationCompleted,
    CertificationCourseEnded,
    CertificationCourseReady,
    CertificationStartRefused,
    ChallengeFeatures,
    CompetenceMark,
)


def _profile(course: CertificationCourse) -> list[CompetenceMark]:
    return [
        CompetenceMark(competence=s.competence_code, level=s.level, pix=s.pix)
        for s in course.profile
    ]


def ready(course: CertificationCourse) -> CertificationCourseReady:
    return CertificationCourseReady(
        course_id=course.id,
        session_id=course.session_id,
        candidate_id=course.candidate_id,
        user_id=course.user_id,
        verification_code=course.verification_code,
        max_level=course.max_level,
        question_count=course.question_count,
        profile=_profile(course),
        started_at=course.started_at,
        deadline=course.deadline,
        extra_time_percentage=course.extra_time_percentage,
    )


def refused(refusal: CourseRefusal) -> CertificationStartRefused:
    return CertificationStartRefused(
        course_id=refusal.course_id,
        session_id=refusal.session_id,
        candidate_id=refusal.candidate_id,
        user_id=refusal.user_id,
        code=refusal.code,
        message=refusal.message,
    )


def completed(course: CertificationCourse) -> CertificationCompleted:
    """Every question of the course, in its order, those never answered included."""
    answers = []
    for number, (question, answer) in enumerate(
        zip(course.questions, course.answers, strict=True), start=1
    ):
        f = question.features
        answers.append(
            CertificationAnswer(
                question_number=number,
                challenge_id=question.challenge_id,
                competence=question.competence_code,
                skill=question.skill_name,
                challenge_type=question.challenge_type,
                result=answer.result.value,
                answered=answer.answered,
                value=answer.value,
                answered_at=answer.answered_at,
                time_spent_seconds=answer.time_spent_seconds,
                features=ChallengeFeatures(
                    has_image=f.has_image,
                    has_embed=f.has_embed,
                    has_attachment=f.has_attachment,
                    timer=f.timer,
                ),
            )
        )
    assert course.state.value != "started", "only an ended course is announced"
    return CertificationCompleted(
        course_id=course.id,
        session_id=course.session_id,
        candidate_id=course.candidate_id,
        user_id=course.user_id,
        verification_code=course.verification_code,
        max_level=course.max_level,
        state=course.state.value,  # type: ignore[arg-type]
        started_at=course.started_at,
        completed_at=course.ended_at,
        timed_out=course.timed_out,
        end_reason=course.end_reason,
        profile=_profile(course),
        answers=answers,
    )


def announce_end_later(ports: Ports, course: CertificationCourse) -> None:
    """On a candidate's request: one small message to engine's own queue, whose consumer builds
    and sends the announcement (every answer, to certif and jury) — the last answer of a test
    costs its save and one send, not two large sends and a write."""
    ports.publisher.publish(CertificationCourseEnded(course_id=course.id))


def announce_ended(ports: Ports, message: CertificationCourseEnded) -> None:
    """The consumer of `announce_end_later`: idempotent, a course already announced (or gone,
    erased) is left alone."""
    course = ports.courses.get(message.course_id)
    if course is None or course.is_open or course.announced:
        return
    announce_end(ports, course)


def announce_end(ports: Ports, course: CertificationCourse) -> None:
    """Published after the course's end is saved; the mark written after it lets a later touch
    of the course (a replay, the finalisation) send again an announcement lost in between."""
    ports.publisher.publish(completed(course))
    ports.courses.mark_announced(course.id)
