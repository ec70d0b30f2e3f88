"""What an import writes of a school's students in orga's table: a new generation of the list
beside the current one, the leavers' copies, then one conditional switch."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import datetime
from itertools import islice
from typing import TypeVar

from botocore.exceptions import ClientError
from pynamodb.exceptions import PutError

from chalicelib.orga.adapters.student_items import (
    DivisionItem,
    StudentItem,
    StudentListItem,
    from_item,
    left_pk,
    list_pk,
    org_pk,
    student_sk,
    to_item,
)
from chalicelib.orga.domain.students import Generation, StoredStudent, Student
from pixcore.aws import client
from pixcore.dynamo import put_versioned
from pixcore.errors import Invalid

WRITE_THREADS = 4
CHUNK = 500  # students per batch_write context (PynamoDB sends them 25 at a time)
T = TypeVar("T")


def chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _not_storable(error: Exception) -> Invalid:
    return Invalid(
        "Une fiche d'élève n'a pas pu être enregistrée (données refusées par la base : trop "
        "volumineuses ou invalides). Vérifiez dans SIECLE les fiches modifiées récemment, puis "
        "importez de nouveau le fichier ; la liste précédente des élèves est conservée.",
        code="STUDENT_NOT_STORABLE",
        details={"reason": type(error).__name__},
    )


def _is_permanent(error: Exception) -> bool:
    """A request DynamoDB refuses as such (an item too large, a bad value) fails the same way
    every time; throttling, timeouts and network errors do not."""
    cause = error.__cause__ if isinstance(error, PutError) else error
    code = getattr(error, "cause_response_code", None)
    if isinstance(cause, ClientError):
        code = cause.response.get("Error", {}).get("Code")
    return code == "ValidationException"


class StudentListWrites:
    """The import side of the student repository (mixed into `DynamoStudentRepository`)."""

    def __init__(self, threads: int = WRITE_THREADS) -> None:
        self.threads = threads

    def current_generation(self, organization_id: str) -> Generation | None:
        raise NotImplementedError

    def stored(self, organization_id: str) -> dict[str, StoredStudent]:
        current = self.current_generation(organization_id)
        stored = self._stored_in(left_pk(organization_id), active=False)
        if current:  # the current list shadows the leavers' copies
            stored.update(self._stored_in(list_pk(organization_id, current.id), active=True))
        return stored

    def _stored_in(self, pk: str, active: bool) -> dict[str, StoredStudent]:
        # Raw pages with a projection: a re-import reads tens of thousands of these.
        pages = (
            client("dynamodb")
            .get_paginator("query")
            .paginate(
                TableName=StudentItem.Meta.table_name,
                KeyConditionExpression="pk = :pk AND begins_with(sk, :sk)",
                ExpressionAttributeValues={":pk": {"S": pk}, ":sk": {"S": "STUDENT#"}},
                ProjectionExpression="student_id, ine, fingerprint, division",
            )
        )
        stored: dict[str, StoredStudent] = {}
        for page in pages:
            for raw in page["Items"]:
                ine = raw["ine"]["S"]
                stored[ine] = StoredStudent(
                    raw["student_id"]["S"],
                    ine,
                    raw.get("fingerprint", {}).get("S", ""),
                    active,
                    None,
                    raw.get("division", {}).get("S"),
                )
        return stored

    def write_generation(
        self, organization_id: str, generation: str, students: Iterable[Student]
    ) -> int:
        def write(chunk: list[Student]) -> int:
            try:
                with StudentItem.batch_write() as batch:
                    for student in chunk:
                        batch.save(to_item(student, generation))
            except (PutError, ClientError) as error:
                if _is_permanent(error):
                    raise _not_storable(error) from error
                raise
            return len(chunk)

        return self._in_chunks(write, students)

    def _in_chunks(self, write: Callable[[list[T]], int], items: Iterable[T]) -> int:
        """Chunks go to a few threads at once, never more than twice that many in memory."""
        written = 0
        with ThreadPoolExecutor(self.threads) as pool:
            pending = []
            for chunk in chunks(items, CHUNK):
                pending.append(pool.submit(write, chunk))
                if len(pending) >= 2 * self.threads:
                    written += pending.pop(0).result()
            written += sum(f.result() for f in pending)
        return written

    def write_divisions(
        self, organization_id: str, generation: str, counts: Mapping[str, int]
    ) -> None:
        pk = list_pk(organization_id, generation)
        with DivisionItem.batch_write() as batch:
            for name, count in counts.items():
                batch.save(DivisionItem(pk, f"DIVISION#{name}", name=name, student_count=count))

    def archive(
        self, organization_id: str, generation: str, students: list[StoredStudent], at: datetime
    ) -> None:
        source = list_pk(organization_id, generation)
        for chunk in chunks(students, 100):  # BatchGetItem reads 100 keys at a time
            keys = [(source, student_sk(s.ine)) for s in chunk]
            with StudentItem.batch_write() as batch:
                for item in StudentItem.batch_get(keys):
                    student = _from_list(item, at)
                    batch.save(to_item(student, None))

    def switch_generation(self, organization_id: str, generation: str, expected: int) -> None:
        item = StudentListItem(org_pk(organization_id), "STUDENT_LIST", generation=generation)
        put_versioned(item, expected)

    def retire_generation(self, organization_id: str, generation: str) -> int:
        current = self.current_generation(organization_id)
        if current and current.id == generation:
            return 0
        pk = list_pk(organization_id, generation)
        keys = [
            (item.pk, item.sk) for item in StudentItem.query(pk, attributes_to_get=["pk", "sk"])
        ]
        with StudentItem.batch_write() as batch:
            for key in keys:
                batch.delete(StudentItem(*key))
        return len(keys)


def _from_list(item: StudentItem, at: datetime) -> Student:
    return replace(from_item(item), active=False, updated_at=at)
