"""In-memory certification courses for unit tests; the same contract suite runs it against the
DynamoDB store."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from chalicelib.engine.domain.course import CertificationCourse, CourseRefusal
from pixcore.errors import ConcurrentUpdate


class InMemoryCourseStore:
    def __init__(self) -> None:
        self.courses: dict[str, CertificationCourse] = {}
        self.refusals: dict[str, CourseRefusal] = {}
        self.codes: dict[str, str] = {}

    def get(self, course_id: str) -> CertificationCourse | None:
        return self.courses.get(course_id)

    def refusal(self, course_id: str) -> CourseRefusal | None:
        return self.refusals.get(course_id)

    def lookup(self, course_id: str) -> tuple[CertificationCourse | None, CourseRefusal | None]:
        return self.get(course_id), self.refusal(course_id)

    def add(self, course: CertificationCourse) -> CertificationCourse:
        if course.id in self.courses:
            raise ConcurrentUpdate()
        self.courses[course.id] = replace(course, version=1)
        return self.courses[course.id]

    def claim_verification_code(self, code: str, course_id: str) -> bool:
        if code in self.codes:
            return False
        self.codes[code] = course_id
        return True

    def release_verification_code(self, code: str, course_id: str) -> None:
        if self.codes.get(code) == course_id:
            del self.codes[code]

    def save(self, course: CertificationCourse) -> CertificationCourse:
        stored = self.courses.get(course.id)
        if stored is None or stored.version != course.version:
            raise ConcurrentUpdate()
        self.courses[course.id] = replace(course, version=course.version + 1)
        return self.courses[course.id]

    def mark_announced(self, course_id: str) -> None:
        stored = self.courses.get(course_id)
        if stored is None:
            raise ConcurrentUpdate()
        self.courses[course_id] = replace(
            stored, announced_at=datetime.now(UTC), version=stored.version + 1
        )

    def refuse(self, refusal: CourseRefusal) -> None:
        stored = self.refusals.get(refusal.course_id)
        if stored is None or stored.refused_at <= refusal.refused_at:
            self.refusals[refusal.course_id] = refusal

    def course_ids_of_session(self, session_id: str) -> list[str]:
        return sorted(c.id for c in self.courses.values() if c.session_id == session_id)
