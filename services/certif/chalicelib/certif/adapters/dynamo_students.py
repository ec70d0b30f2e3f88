"""Certif's read model of students, account links and profiles in its table. Writes are
conditional on the import (or profile) they come from, so an older fact never wins."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from datetime import UTC, date, datetime
from functools import partial

from pynamodb.attributes import BooleanAttribute, NumberAttribute, UnicodeAttribute

from chalicelib.certif.adapters.tables import CertifItem
from chalicelib.certif.domain.students import EnrollableStudent, Profile
from chalicelib.certif.ports import Position
from pixcore.dynamo import written
from pixcore.text import fold

WRITERS = 4
CHUNK = 100


def _chunks(items: Iterable[EnrollableStudent], size: int) -> Iterator[list[EnrollableStudent]]:
    chunk: list[EnrollableStudent] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class StudentItem(CertifItem):
    data = UnicodeAttribute()
    imported_at = NumberAttribute()
    search_key = UnicodeAttribute()


class ImportMarkItem(CertifItem):
    imported_at = NumberAttribute()


class LinkItem(CertifItem):
    user_id = UnicodeAttribute()


class ProfileItem(CertifItem):
    certifiable = BooleanAttribute()
    level_count = NumberAttribute()
    as_of = NumberAttribute()


def _students_pk(center_id: str) -> str:
    return f"CENTER#{center_id}#STUDENTS"


def _name_key(s: EnrollableStudent) -> str:
    return f"{fold(s.last_name)}#{fold(s.first_name)}#{s.id}"


def _item(s: EnrollableStudent) -> StudentItem:
    data = {k: v for k, v in asdict(s).items() if k not in ("center_id", "imported_at")}
    data["birthdate"] = s.birthdate.isoformat()
    return StudentItem(
        _students_pk(s.center_id),
        f"STUDENT#{s.id}",
        gsi1pk=f"CENTER#{s.center_id}#DIVISION#{s.division or ''}",
        gsi1sk=_name_key(s),
        gsi2pk=_students_pk(s.center_id),
        gsi2sk=_name_key(s),
        data=json.dumps(data, ensure_ascii=False),
        imported_at=(s.imported_at or datetime.fromtimestamp(0)).timestamp(),
        search_key=s.search_key,
    )


def _student(item: StudentItem) -> EnrollableStudent:
    data = json.loads(item.data)
    data["birthdate"] = date.fromisoformat(data["birthdate"])
    center = item.pk.removeprefix("CENTER#").removesuffix("#STUDENTS")
    return EnrollableStudent(center_id=center, **data)


class DynamoStudentDirectory:
    def claim_import(self, center_id: str, imported_at: datetime) -> bool:
        at = imported_at.timestamp()
        item = ImportMarkItem(_students_pk(center_id), "IMPORT", imported_at=at)
        return written(
            lambda: item.save(
                condition=ImportMarkItem.pk.does_not_exist() | (ImportMarkItem.imported_at <= at)
            )
        )

    def save_students(self, students: Iterable[EnrollableStudent]) -> int:
        # One conditional put per student (a batch write cannot be conditional), a few at once
        # for a big school, streamed by chunks.
        written = 0
        with ThreadPoolExecutor(WRITERS) as pool:
            for chunk in _chunks(students, CHUNK):
                if len(chunk) < CHUNK:
                    written += sum(self._save_one(s) for s in chunk)
                else:
                    written += sum(pool.map(self._save_one, chunk))
        return written

    @staticmethod
    def _save_one(student: EnrollableStudent) -> int:
        item = _item(student)
        newer = StudentItem.pk.does_not_exist() | (StudentItem.imported_at <= item.imported_at)
        return int(written(lambda: item.save(condition=newer)))

    def remove_students(
        self, center_id: str, student_ids: list[str], imported_at: datetime
    ) -> None:
        at = imported_at.timestamp()
        for sid in student_ids:
            item = StudentItem(_students_pk(center_id), f"STUDENT#{sid}")
            written(partial(item.delete, condition=StudentItem.imported_at <= at))

    def get_students(self, center_id: str, student_ids: list[str]) -> dict[str, EnrollableStudent]:
        keys = [(_students_pk(center_id), f"STUDENT#{sid}") for sid in dict.fromkeys(student_ids)]
        found = [_student(item) for item in StudentItem.batch_get(keys)]
        return {s.id: s for s in found}

    def page(
        self,
        center_id: str,
        division: str | None,
        search: str | None,
        limit: int,
        position: Position | None,
    ) -> tuple[list[EnrollableStudent], Position | None]:
        condition = (
            StudentItem.search_key.contains(fold(search)) if search and fold(search) else None
        )
        if division is not None:
            results = StudentItem.gsi1.query(
                f"CENTER#{center_id}#DIVISION#{division}",
                filter_condition=condition,
                limit=limit,
                last_evaluated_key=position,
            )
        else:
            results = StudentItem.gsi2.query(
                _students_pk(center_id),
                filter_condition=condition,
                limit=limit,
                last_evaluated_key=position,
            )
        found = [_student(item) for item in results]  # type: ignore[arg-type]
        return found, results.last_evaluated_key

    def link(self, center_id: str, student_id: str, user_id: str) -> None:
        LinkItem(f"CENTER#{center_id}#LINKS", f"STUDENT#{student_id}", user_id=user_id).save()

    def links(self, center_id: str, student_ids: list[str]) -> dict[str, str]:
        keys = [(f"CENTER#{center_id}#LINKS", f"STUDENT#{s}") for s in dict.fromkeys(student_ids)]
        if not keys:
            return {}
        return {item.sk.removeprefix("STUDENT#"): item.user_id for item in LinkItem.batch_get(keys)}

    def save_profile_if_newer(self, profile: Profile) -> None:
        at = profile.as_of.timestamp()
        item = ProfileItem(
            f"PROFILE#{profile.user_id}",
            "PROFILE",
            certifiable=profile.certifiable,
            level_count=profile.level_count,
            as_of=at,
        )
        written(
            lambda: item.save(condition=ProfileItem.pk.does_not_exist() | (ProfileItem.as_of < at))
        )

    def forget(self, center_id: str, student_id: str) -> int:
        keys = [
            (StudentItem, _students_pk(center_id)),
            (LinkItem, f"CENTER#{center_id}#LINKS"),
        ]
        return sum(_delete(model(pk, f"STUDENT#{student_id}")) for model, pk in keys)

    def forget_profile(self, user_id: str) -> int:
        return _delete(ProfileItem(f"PROFILE#{user_id}", "PROFILE"))

    def profiles(self, user_ids: list[str]) -> dict[str, Profile]:
        keys = [(f"PROFILE#{u}", "PROFILE") for u in dict.fromkeys(user_ids)]
        if not keys:
            return {}
        return {
            p.user_id: p
            for p in (
                Profile(
                    item.pk.removeprefix("PROFILE#"),
                    bool(item.certifiable),
                    int(item.level_count),
                    datetime.fromtimestamp(item.as_of, UTC),
                )
                for item in ProfileItem.batch_get(keys)
            )
        }


def _delete(item: CertifItem) -> int:
    """1 when the item was there and is gone, 0 when it was already gone."""
    return int(written(lambda: item.delete(condition=type(item).pk.exists())))
