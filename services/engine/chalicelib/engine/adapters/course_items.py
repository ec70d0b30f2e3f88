"""How certification courses are written in DynamoDB items: one item per course (questions,
profile and answers as compact JSON, so an answer is one read and one conditional write), the
refusal of a start, and the claim that keeps a verification code unique."""

from __future__ import annotations

import json
from datetime import datetime
from functools import lru_cache
from typing import Any

from pynamodb.attributes import UnicodeAttribute

from chalicelib.engine.adapters.tables import EngineItem
from chalicelib.engine.domain.answers import AnswerResult
from chalicelib.engine.domain.course import (
    CertificationCourse,
    CourseAnswer,
    CourseQuestion,
    CourseRefusal,
    CourseState,
    Features,
)
from chalicelib.engine.domain.profile import CompetenceScore


def course_key(course_id: str) -> tuple[str, str]:
    return f"COURSE#{course_id}", "COURSE"


def refusal_key(course_id: str) -> tuple[str, str]:
    return f"COURSE#{course_id}", "REFUSAL"


def code_key(code: str) -> tuple[str, str]:
    return f"VERIFICATION#{code}", "CLAIM"


def session_key(session_id: str) -> str:
    return f"SESSION#{session_id}"


def user_courses_key(user_id: str) -> str:
    """gsi1 of an account's certification courses (its export and erasure find them)."""
    return f"USERCOURSES#{user_id}"


def user_refusals_key(user_id: str) -> str:
    return f"USERREFUSALS#{user_id}"


class CourseItem(EngineItem):
    """`state` and the owner are plain attributes (read without parsing); the questions, fixed
    at generation, apart from what an answer changes (parsed once per container); `announced_at`
    is set once `CertificationCompleted` is sent, and moves the version on, so no save prepared
    from an older read can drop it."""

    user_id = UnicodeAttribute()
    session_id = UnicodeAttribute()
    state = UnicodeAttribute()
    questions = UnicodeAttribute()
    data = UnicodeAttribute()
    announced_at = UnicodeAttribute(null=True)


class CourseRefusalItem(EngineItem):
    user_id = UnicodeAttribute()
    data = UnicodeAttribute()
    refused_at = UnicodeAttribute()


class VerificationCodeItem(EngineItem):
    course_id = UnicodeAttribute()


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _time(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _parse(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _question(q: CourseQuestion) -> list[Any]:
    f = q.features
    return [
        q.challenge_id,
        q.skill_id,
        q.skill_name,
        q.competence_code,
        q.challenge_type,
        [f.has_image, f.has_embed, f.has_attachment, f.timer],
    ]


def _answer(a: CourseAnswer) -> list[Any]:
    return [
        a.challenge_id,
        a.result.value,
        a.answered,
        a.value_hash,
        a.value,
        _time(a.answered_at),
        a.time_spent_seconds,
    ]


@lru_cache(maxsize=4096)
def questions_json(questions: tuple[CourseQuestion, ...]) -> str:
    return _dumps([_question(q) for q in questions])


@lru_cache(maxsize=4096)
def questions_from(text: str) -> tuple[CourseQuestion, ...]:
    return tuple(
        CourseQuestion(cid, sid, name, comp, kind, Features(*features))
        for cid, sid, name, comp, kind, features in json.loads(text)
    )


def course_json(c: CertificationCourse) -> str:
    """What changes as the course goes (the questions are written apart)."""
    return _dumps(
        {
            "center_id": c.center_id,
            "candidate_id": c.candidate_id,
            "extra_time": c.extra_time_percentage,
            "max_level": c.max_level,
            "verification_code": c.verification_code,
            "profile": [[s.competence_code, s.level, s.pix] for s in c.profile],
            "started_at": _time(c.started_at),
            "deadline": _time(c.deadline),
            "answers": [_answer(a) for a in c.answers],
            "ended_at": _time(c.ended_at),
            "timed_out": c.timed_out,
            "end_reason": c.end_reason,
            "end_screen_confirmed_at": _time(c.end_screen_confirmed_at),
            "published_at": _time(c.published_at),
        }
    )


def course_item(c: CertificationCourse) -> CourseItem:
    return CourseItem(
        *course_key(c.id),
        user_id=c.user_id,
        session_id=c.session_id,
        state=c.state.value,
        questions=questions_json(c.questions),
        data=course_json(c),
        announced_at=_time(c.announced_at),
        gsi1pk=user_courses_key(c.user_id),
        gsi1sk=f"COURSE#{c.id}",
        gsi2pk=session_key(c.session_id),
        gsi2sk=f"COURSE#{c.id}",
    )


def course_from(item: CourseItem) -> CertificationCourse:
    d = json.loads(item.data)
    started_at, deadline = _parse(d["started_at"]), _parse(d["deadline"])
    assert started_at and deadline
    return CertificationCourse(
        id=item.pk.removeprefix("COURSE#"),
        user_id=item.user_id,
        session_id=item.session_id,
        center_id=d["center_id"],
        candidate_id=d["candidate_id"],
        extra_time_percentage=d["extra_time"],
        max_level=d["max_level"],
        verification_code=d["verification_code"],
        questions=questions_from(item.questions),
        profile=tuple(CompetenceScore(code, pix, level) for code, level, pix in d["profile"]),
        started_at=started_at,
        deadline=deadline,
        state=CourseState(item.state),
        answers=tuple(
            CourseAnswer(cid, AnswerResult(result), answered, hashed, value, _parse(at), spent)
            for cid, result, answered, hashed, value, at, spent in d["answers"]
        ),
        ended_at=_parse(d["ended_at"]),
        timed_out=d["timed_out"],
        end_reason=d["end_reason"],
        end_screen_confirmed_at=_parse(d["end_screen_confirmed_at"]),
        published_at=_parse(d["published_at"]),
        announced_at=_parse(item.announced_at),
        version=int(item.version or 0),
    )


def refusal_item(r: CourseRefusal) -> CourseRefusalItem:
    return CourseRefusalItem(
        *refusal_key(r.course_id),
        user_id=r.user_id,
        gsi1pk=user_refusals_key(r.user_id),
        gsi1sk=f"REFUSAL#{r.course_id}",
        refused_at=r.refused_at.isoformat(),
        data=_dumps(
            {
                "session_id": r.session_id,
                "candidate_id": r.candidate_id,
                "code": r.code,
                "message": r.message,
            }
        ),
    )


def refusal_from(item: CourseRefusalItem) -> CourseRefusal:
    d = json.loads(item.data)
    return CourseRefusal(
        course_id=item.pk.removeprefix("COURSE#"),
        user_id=item.user_id,
        session_id=d["session_id"],
        candidate_id=d["candidate_id"],
        code=d["code"],
        message=d["message"],
        refused_at=datetime.fromisoformat(item.refused_at),
    )
