"""In-memory certification courses for unit tests; the same contract suite runs it against the
DynamoDB store."""

from __future__ import annotations

from dataclasses import replace

from chalicelib.engine.domain.course import CertificationCourse, CourseRefusal
from pixcore.errors import ConcurrentUpdate


class InMemoryCourseStore:
    def __init__(self) -> None:
        self.courses: dict[str, CertificationCourse] = {}
        self.refusals: dict[str, CourseRefusal] = {}
        self.codes: dict[str, str] = {}
        self.announced: set[str] = set()

    def get(self, course_id: str) -> CertificationCourse | None:
        course = self.courses.get(course_id)
        return replace(course, announced=course_id in self.announced) if course else None

    def refusal(self, course_id: str) -> CourseRefusal | None:
        return self.refusals.get(course_id)

    def add(self, course: CertificationCourse) -> CertificationCourse:
        if course.id in self.courses:
            raise ConcurrentUpdate()
        self.courses[course.id] = replace(course, version=1)
        return self.courses[course.id]

    def save(self, course: CertificationCourse) -> CertificationCourse:
        stored = self.courses.get(course.id)
        if stored is None or stored.version != course.version:
            raise ConcurrentUpdate()
        self.courses[course.id] = replace(course, version=course.version + 1)
        return self.courses[course.id]

    def mark_announced(self, course_id: str) -> None:
        if course_id not in self.courses:
            raise ConcurrentUpdate()
        self.announced.add(course_id)

    def refuse(self, refusal: CourseRefusal) -> None:
        stored = self.refusals.get(refusal.course_id)
        if stored is None or stored.refused_at <= refusal.refused_at:
            self.refusals[refusal.course_id] = refusal

    def claim_verification_code(self, code: str, course_id: str) -> bool:
        if code in self.codes:
            return False
        self.codes[code] = course_id
        return True

    def release_verification_code(self, code: str, course_id: str) -> None:
        if self.codes.get(code) == course_id:
            del self.codes[code]

    def course_ids_of_session(self, session_id: str) -> list[str]:
        return sorted(c.id for c in self.courses.values() if c.session_id == session_id)
