"""Certification courses on DynamoDB. A course is created in one transaction with the claim of its
verification code (both must be new: no code is ever held by two courses, none is left behind by
a lost race); then each change is one GetItem and one PutItem conditional on the version read
(cheaper than an update expression, the item is rewritten whole anyway)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from pynamodb.exceptions import TransactWriteError
from pynamodb.transactions import TransactWrite

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
from chalicelib.engine.domain.course import (
    CertificationCourse,
    CourseRefusal,
    VerificationCodeTaken,
)
from pixcore.dynamo import conditional, connection, put_versioned
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

    def add(self, course: CertificationCourse) -> CertificationCourse:
        item = course_item(course)
        item.version = 1
        claim = VerificationCodeItem(*code_key(course.verification_code), course_id=course.id)
        try:
            with TransactWrite(connection=connection()) as transaction:
                transaction.save(claim, condition=VerificationCodeItem.pk.does_not_exist())
                transaction.save(item, condition=CourseItem.pk.does_not_exist())
        except TransactWriteError as error:
            reasons = [r.code if r else None for r in error.cancellation_reasons or []]
            if reasons[1:2] == ["ConditionalCheckFailed"]:
                raise ConcurrentUpdate() from error  # the course exists: another start won
            if reasons[:1] == ["ConditionalCheckFailed"]:
                raise VerificationCodeTaken() from error
            raise
        return replace(course, version=1)

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
