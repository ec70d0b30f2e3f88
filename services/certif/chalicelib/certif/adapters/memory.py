"""In-memory adapters for unit tests of certif's use cases (the contract suites run them
against the DynamoDB adapters too); sessions and candidates are in `memory_sessions`."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator
from datetime import datetime

from chalicelib.certif.domain.centers import CertificationCenter
from chalicelib.certif.domain.documents import AttendanceSheet, IncidentReport
from chalicelib.certif.domain.students import EnrollableStudent, Profile, matches_search
from chalicelib.certif.domain.throttling import FailureRecord
from chalicelib.certif.ports import Position
from pixcore.errors import ConcurrentUpdate, NotFound
from pixcore.text import fold


class InMemoryCenterRepository:
    def __init__(self) -> None:
        self.centers: dict[str, CertificationCenter] = {}

    def save(self, center: CertificationCenter) -> None:
        stored = self.centers.get(center.id)
        if (stored.version if stored else 0) != center.version:
            raise ConcurrentUpdate()
        self.centers[center.id] = copy.deepcopy(center)
        self.centers[center.id].version = center.version + 1

    def find(self, center_id: str) -> CertificationCenter | None:
        return copy.deepcopy(self.centers.get(center_id))

    def get(self, center_id: str) -> CertificationCenter:
        center = self.find(center_id)
        if center is None:
            raise NotFound("Centre de certification introuvable.", code="CENTER_NOT_FOUND")
        return center


class InMemoryStudentDirectory:
    def __init__(self) -> None:
        self.imports: dict[str, datetime] = {}
        self.students: dict[tuple[str, str], EnrollableStudent] = {}
        self.link_table: dict[tuple[str, str], str] = {}
        self.profile_table: dict[str, Profile] = {}

    def claim_import(self, center_id: str, imported_at: datetime) -> bool:
        latest = self.imports.get(center_id)
        if latest is not None and latest > imported_at:
            return False
        self.imports[center_id] = imported_at
        return True

    def save_students(self, students: Iterable[EnrollableStudent]) -> int:
        written = 0
        for s in students:
            stored = self.students.get((s.center_id, s.id))
            if (
                stored
                and stored.imported_at
                and s.imported_at
                and stored.imported_at > s.imported_at
            ):
                continue
            self.students[(s.center_id, s.id)] = s
            written += 1
        return written

    def remove_students(
        self, center_id: str, student_ids: list[str], imported_at: datetime
    ) -> None:
        for sid in student_ids:
            stored = self.students.get((center_id, sid))
            if stored and not (stored.imported_at and stored.imported_at > imported_at):
                del self.students[(center_id, sid)]

    def get_students(self, center_id: str, student_ids: list[str]) -> dict[str, EnrollableStudent]:
        return {
            sid: self.students[(center_id, sid)]
            for sid in student_ids
            if (center_id, sid) in self.students
        }

    def page(
        self,
        center_id: str,
        division: str | None,
        search: str | None,
        limit: int,
        position: Position | None,
    ) -> tuple[list[EnrollableStudent], Position | None]:
        found = sorted(
            (
                s
                for (c, _), s in self.students.items()
                if c == center_id
                and (division is None or s.division == division)
                and matches_search(s, search)
            ),
            key=lambda s: (fold(s.last_name), fold(s.first_name), s.id),
        )
        start = int(position["offset"]) if position else 0
        chunk = found[start : start + limit]
        more = start + limit < len(found)
        return chunk, ({"offset": start + limit} if more else None)

    def link(self, center_id: str, student_id: str, user_id: str) -> None:
        self.link_table[(center_id, student_id)] = user_id

    def links(self, center_id: str, student_ids: list[str]) -> dict[str, str]:
        return {
            sid: self.link_table[(center_id, sid)]
            for sid in student_ids
            if (center_id, sid) in self.link_table
        }

    def save_profile_if_newer(self, profile: Profile) -> None:
        if profile.newer_than(self.profile_table.get(profile.user_id)):
            self.profile_table[profile.user_id] = profile

    def profiles(self, user_ids: list[str]) -> dict[str, Profile]:
        return {u: self.profile_table[u] for u in user_ids if u in self.profile_table}

    def forget(self, center_id: str, student_id: str) -> int:
        gone = [
            self.students.pop((center_id, student_id), None),
            self.link_table.pop((center_id, student_id), None),
        ]
        return sum(1 for g in gone if g is not None)

    def forget_profile(self, user_id: str) -> int:
        return 0 if self.profile_table.pop(user_id, None) is None else 1


class InMemoryAttemptThrottle:
    def __init__(self) -> None:
        self.records: dict[str, FailureRecord] = {}

    def failures(self, key: str) -> FailureRecord | None:
        return self.records.get(key)

    def record_failure(self, key: str, at: datetime) -> None:
        previous = self.records.get(key)
        self.records[key] = FailureRecord((previous.failures if previous else 0) + 1, at)

    def reset(self, key: str) -> None:
        self.records.pop(key, None)


class InMemoryStudentLists:
    def __init__(self) -> None:
        self.objects: dict[tuple[str, str], list[str]] = {}

    def lines(self, bucket: str, key: str) -> Iterator[str]:
        if (bucket, key) not in self.objects:
            raise NotFound("Liste d'élèves introuvable.", code="DOCUMENT_NOT_FOUND")
        yield from self.objects[(bucket, key)]


class RecordingRenderer:
    """Renders nothing: records what it was asked to print (unit tests look at the data)."""

    def __init__(self) -> None:
        self.printed: list[AttendanceSheet | IncidentReport] = []

    def attendance_sheet(self, sheet: AttendanceSheet) -> bytes:
        self.printed.append(sheet)
        return b"%PDF-1.4 sheet " + sheet.fingerprint.encode() + b"\n%%EOF"

    def incident_report(self, report: IncidentReport) -> bytes:
        self.printed.append(report)
        return b"%PDF-1.4 report " + report.fingerprint.encode() + b"\n%%EOF"


class FakeTokens:
    def __init__(self) -> None:
        self.issued: list = []

    def issue(self, principal, now: float | None = None, lifetime: int | None = None) -> str:  # noqa: ANN001
        self.issued.append((principal, lifetime))
        return f"token-{len(self.issued)}"
