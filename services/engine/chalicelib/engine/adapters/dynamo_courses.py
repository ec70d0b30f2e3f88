"""Certification courses on DynamoDB: a conditional put claims a verification code, another
creates the course; then each change is one GetItem and one PutItem conditional on the version
read (cheaper than an update expression, the item is rewritten whole anyway).

Not one transaction for the claim and the course: moto copies whole tables for each
TransactWriteItems (slow, and failing under concurrent writes), and the two puts give the same
guarantee: a code is held by one course; a course that lost a race frees its code."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from chalicelib.engine.adapters.course_items import (
    CourseItem,
    CourseRefusalItem,
    VerificationCodeItem,
    code_key,
    course_from,
    course_item,
    course_key,
    refusal_from,
    refusal_item,
    refusal_key,
    session_key,
)
from chalicelib.engine.domain.course import CertificationCourse, CourseRefusal
from pixcore.dynamo import conditional, put_versioned
from pixcore.errors import ConcurrentUpdate


class DynamoCourseStore:
    def get(self, course_id: str) -> CertificationCourse | None:
        try:
            item = CourseItem.get(*course_key(course_id), consistent_read=True)
        except CourseItem.DoesNotExist:
            return None
        return course_from(item)

    def refusal(self, course_id: str) -> CourseRefusal | None:
        try:
            item = CourseRefusalItem.get(*refusal_key(course_id), consistent_read=True)
        except CourseRefusalItem.DoesNotExist:
            return None
        return refusal_from(item)

    def lookup(self, course_id: str) -> tuple[CertificationCourse | None, CourseRefusal | None]:
        """The course and the refusal of its start in one BatchGetItem (the screen polls this;
        a Query would do too, but moto scans the whole table for each)."""
        table = CourseItem.Meta.table_name
        keys = [course_key(course_id), refusal_key(course_id)]
        request = {
            table: {
                "Keys": [{"pk": {"S": pk}, "sk": {"S": sk}} for pk, sk in keys],
                "ConsistentRead": True,
            }
        }
        found = CourseItem._get_connection().connection.dispatch(
            "BatchGetItem", {"RequestItems": request}
        )
        if found.get("UnprocessedKeys"):  # only under throttling: read them one by one
            return self.get(course_id), self.refusal(course_id)
        kinds = {item["sk"]["S"]: item for item in found["Responses"].get(table, [])}
        course, refused = kinds.get("COURSE"), kinds.get("REFUSAL")
        return (
            course_from(CourseItem.from_raw_data(course)) if course else None,
            refusal_from(CourseRefusalItem.from_raw_data(refused)) if refused else None,
        )

    def add(self, course: CertificationCourse) -> CertificationCourse:
        version = put_versioned(course_item(course), 0)
        return replace(course, version=version)

    def claim_verification_code(self, code: str, course_id: str) -> bool:
        claim = VerificationCodeItem(*code_key(code), course_id=course_id)
        try:
            with conditional():
                claim.save(condition=VerificationCodeItem.pk.does_not_exist())
        except ConcurrentUpdate:
            return False
        return True

    def release_verification_code(self, code: str, course_id: str) -> None:
        try:
            with conditional():
                VerificationCodeItem(*code_key(code)).delete(
                    condition=VerificationCodeItem.course_id == course_id
                )
        except ConcurrentUpdate:
            pass  # held by another course, or already freed: not this course's to release

    def save(self, course: CertificationCourse) -> CertificationCourse:
        version = put_versioned(course_item(course), course.version)
        return replace(course, version=version)

    def mark_announced(self, course_id: str) -> None:
        item = CourseItem(*course_key(course_id))
        with conditional():
            item.update(
                actions=[
                    CourseItem.announced_at.set(datetime.now(UTC).isoformat()),
                    CourseItem.version.add(1),
                ],
                condition=CourseItem.pk.exists(),
            )

    def refuse(self, refusal: CourseRefusal) -> None:
        item = refusal_item(refusal)
        newer = CourseRefusalItem.pk.does_not_exist() | (
            CourseRefusalItem.refused_at <= item.refused_at
        )
        try:
            with conditional():
                item.save(condition=newer)
        except ConcurrentUpdate:
            pass  # a newer refusal is already stored: this one is history

    def course_ids_of_session(self, session_id: str) -> list[str]:
        return [
            item.pk.removeprefix("COURSE#")
            for item in CourseItem.gsi2.query(
                session_key(session_id), CourseItem.gsi2sk.startswith("COURSE#")
            )
        ]
