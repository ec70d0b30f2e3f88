"""Students in orga's DynamoDB table: lookups, listings, account links and bulk import writes."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime
from itertools import islice
from typing import TypeVar

from chalicelib.orga.adapters.student_items import (
    DivisionItem,
    StudentItem,
    decode_cursor,
    encode_cursor,
    file_update,
    from_item,
    org_pk,
    student_sk,
    to_item,
)
from chalicelib.orga.domain.imports import Change
from chalicelib.orga.domain.students import Division, StoredStudent, Student
from pixcore.aws import client
from pixcore.dynamo import conditional
from pixcore.errors import Conflict, NotFound
from pixcore.text import fold

WRITE_THREADS = 4
CHUNK = 500  # students per batch_write context (PynamoDB sends them 25 at a time)
PAGE_SIZE = 400
T = TypeVar("T")
_ALREADY_LINKED = "Cet élève est déjà associé à un autre compte Pix."


def _not_found() -> NotFound:
    return NotFound("Élève introuvable.", code="STUDENT_NOT_FOUND")


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _write(chunk: list[Student]) -> int:
    with StudentItem.batch_write() as batch:
        for student in chunk:
            batch.save(to_item(student))
    return len(chunk)


def _write_changes(chunk: list[tuple[Student, Change]]) -> int:
    """New students by batch put; known ones one UpdateItem each (few: only the changed)."""
    _write([s for s, change in chunk if change is Change.CREATED])
    for s, change in chunk:
        if change is not Change.CREATED:
            StudentItem(org_pk(s.organization_id), student_sk(s.ine)).update(actions=file_update(s))
    return len(chunk)


class DynamoStudentRepository:
    def __init__(self, threads: int = WRITE_THREADS) -> None:
        self.threads = threads

    def _item(self, organization_id: str, student_id: str) -> StudentItem:
        found = StudentItem.gsi2.query(f"STUDENTID#{student_id}", StudentItem.gsi2sk == "STUDENT")
        for item in found:
            if item.pk == org_pk(organization_id):
                return item
        raise _not_found()

    def get(self, organization_id: str, student_id: str) -> Student:
        return from_item(self._item(organization_id, student_id))

    def find_by_birthdate(self, organization_id: str, birthdate: date) -> list[Student]:
        found = StudentItem.query(
            org_pk(organization_id),
            StudentItem.sk.startswith("STUDENT#"),
            filter_condition=(StudentItem.birthdate == birthdate.isoformat())
            & (StudentItem.active == True),  # noqa: E712 - a DynamoDB condition, not a test
        )
        return [from_item(item) for item in found]

    def link_user(self, organization_id: str, student_id: str, user_id: str) -> None:
        item = self._item(organization_id, student_id)
        if not item.active:
            raise Conflict(
                "Cet élève ne fait plus partie de l'établissement.", code="STUDENT_DISABLED"
            )
        free = StudentItem.user_id.does_not_exist() | (StudentItem.user_id == user_id)
        with conditional(Conflict(_ALREADY_LINKED, code="STUDENT_ALREADY_LINKED")):
            StudentItem(item.pk, item.sk).update(
                actions=[StudentItem.user_id.set(user_id)], condition=StudentItem.pk.exists() & free
            )

    def stored(self, organization_id: str) -> dict[str, StoredStudent]:
        # Raw pages with a projection: a re-import reads tens of thousands of these.
        pages = (
            client("dynamodb")
            .get_paginator("query")
            .paginate(
                TableName=StudentItem.Meta.table_name,
                KeyConditionExpression="pk = :pk AND begins_with(sk, :sk)",
                ExpressionAttributeValues={
                    ":pk": {"S": org_pk(organization_id)},
                    ":sk": {"S": "STUDENT#"},
                },
                ProjectionExpression="student_id, ine, fingerprint, active, user_id, division",
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
                    raw["active"]["BOOL"],
                    raw.get("user_id", {}).get("S"),
                    raw.get("division", {}).get("S"),
                )
        return stored

    def save_all(self, students: Iterable[Student]) -> int:
        return self._in_chunks(_write, students)

    def save_imported(self, changes: Iterable[tuple[Student, Change]]) -> int:
        return self._in_chunks(_write_changes, changes)

    def _in_chunks(self, write: Callable[[list[T]], int], items: Iterable[T]) -> int:
        """Chunks go to a few threads at once, never more than twice that many in memory."""
        written = 0
        with ThreadPoolExecutor(self.threads) as pool:
            pending = []
            for chunk in _chunks(items, CHUNK):
                pending.append(pool.submit(write, chunk))
                if len(pending) >= 2 * self.threads:
                    written += pending.pop(0).result()
            written += sum(f.result() for f in pending)
        return written

    def disable(self, organization_id: str, students: list[StoredStudent], at: datetime) -> None:
        def one(s: StoredStudent) -> None:
            StudentItem(org_pk(organization_id), student_sk(s.ine)).update(
                actions=[
                    StudentItem.active.set(False),
                    StudentItem.updated_at.set(at),
                    StudentItem.gsi1pk.remove(),
                    StudentItem.gsi1sk.remove(),
                ]
            )

        with ThreadPoolExecutor(self.threads) as pool:
            list(pool.map(one, students))

    def set_divisions(self, organization_id: str, counts: Mapping[str, int]) -> None:
        pk = org_pk(organization_id)
        old = {i.name for i in DivisionItem.query(pk, DivisionItem.sk.startswith("DIVISION#"))}
        with DivisionItem.batch_write() as batch:
            for name, count in counts.items():
                batch.save(DivisionItem(pk, f"DIVISION#{name}", name=name, student_count=count))
            for name in old - set(counts):
                batch.delete(DivisionItem(pk, f"DIVISION#{name}"))

    def divisions(self, organization_id: str) -> list[Division]:
        found = DivisionItem.query(org_pk(organization_id), DivisionItem.sk.startswith("DIVISION#"))
        return [Division(i.name, int(i.student_count)) for i in found]

    def divisions_of(
        self, organization_id: str, student_ids: Iterable[str]
    ) -> dict[str, str | None]:
        wanted = sorted(set(student_ids))
        found: dict[str, str | None] = dict.fromkeys(wanted)
        for chunk in _chunks(wanted, 100):  # IN takes at most 100 values
            items = StudentItem.query(
                org_pk(organization_id),
                StudentItem.sk.startswith("STUDENT#"),
                filter_condition=StudentItem.student_id.is_in(*chunk),
                attributes_to_get=["student_id", "division"],
            )
            found.update({item.student_id: item.division for item in items})
        return found

    def page(
        self,
        organization_id: str,
        division: str | None,
        search: str | None,
        limit: int,
        cursor: str | None,
    ) -> tuple[list[Student], str | None]:
        text = fold(search or "")
        condition = StudentItem.search_text.contains(text) if text else None
        if division:
            results = StudentItem.gsi1.query(
                f"ORGDIV#{organization_id}#{division}",
                filter_condition=condition,
                limit=limit,
                page_size=PAGE_SIZE,
                last_evaluated_key=decode_cursor(cursor),
            )
        else:
            active = StudentItem.active == True  # noqa: E712 - a DynamoDB condition
            results = StudentItem.query(
                org_pk(organization_id),
                StudentItem.sk.startswith("STUDENT#"),
                filter_condition=active & condition if condition is not None else active,
                limit=limit,
                page_size=PAGE_SIZE,
                last_evaluated_key=decode_cursor(cursor),
            )
        students = [from_item(item) for item in results]
        return students, encode_cursor(results.last_evaluated_key)
