"""In-memory adapters for unit tests of certif's use cases (the contract suites run them
against the DynamoDB adapters too)."""

from __future__ import annotations

import copy
import threading
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import datetime

from chalicelib.certif.domain.candidates import Candidate
from chalicelib.certif.domain.centers import CertificationCenter
from chalicelib.certif.domain.documents import AttendanceSheet, IncidentReport
from chalicelib.certif.domain.finalization import Finalization
from chalicelib.certif.domain.sessions import Session, SessionStatus
from chalicelib.certif.domain.students import EnrollableStudent, Profile, matches_search
from chalicelib.certif.domain.throttling import FailureRecord
from chalicelib.certif.ports import Position
from pixcore.errors import ConcurrentUpdate, Conflict, NotFound
from pixcore.text import fold

SESSION_NOT_FOUND = "Session introuvable."


class InMemoryCenterRepository:
    def __init__(self) -> None:
        self.centers: dict[str, CertificationCenter] = {}

    def save(self, center: CertificationCenter) -> None:
        self.centers[center.id] = copy.deepcopy(center)

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


class InMemorySessionRepository:
    def __init__(self, first_number: int = 1000) -> None:
        self.counter = first_number
        self.codes: dict[str, str] = {}
        self.sessions: dict[str, Session] = {}
        self.candidate_store: dict[str, dict[str, Candidate]] = {}
        self.lock = threading.Lock()

    def next_number(self) -> int:
        with self.lock:
            self.counter += 1
            return self.counter

    def claim_access_code(self, code: str, session_id: str) -> bool:
        holder = self.codes.setdefault(code, session_id)
        return holder == session_id

    def release_access_code(self, code: str, session_id: str) -> None:
        if self.codes.get(code) == session_id:
            del self.codes[code]

    def add(self, session: Session) -> None:
        if session.id in self.sessions:
            raise Conflict("Ce numéro de session existe déjà.", code="SESSION_EXISTS")
        self.sessions[session.id] = replace(session, version=1)
        self.candidate_store.setdefault(session.id, {})

    def find(self, session_id: str) -> Session | None:
        return copy.deepcopy(self.sessions.get(session_id))

    def get(self, session_id: str) -> Session:
        found = self.find(session_id)
        if found is None:
            raise NotFound(SESSION_NOT_FOUND, code="SESSION_NOT_FOUND")
        return found

    def save(self, session: Session) -> Session:
        with self.lock:
            stored = self.sessions.get(session.id)
            if stored is None or stored.version != session.version:
                raise ConcurrentUpdate()
            saved = replace(session, version=session.version + 1)
            self.sessions[session.id] = saved
            return copy.deepcopy(saved)

    def delete(self, session: Session) -> None:
        stored = self.sessions.get(session.id)
        if stored is None or stored.version != session.version:
            raise ConcurrentUpdate()
        del self.sessions[session.id]
        self.candidate_store.pop(session.id, None)

    def of_center(
        self, center_id: str, limit: int, position: Position | None
    ) -> tuple[list[Session], Position | None]:
        found = sorted(
            (s for s in self.sessions.values() if s.center_id == center_id),
            key=lambda s: (s.date, s.time, int(s.id)),
        )
        start = int(position["offset"]) if position else 0
        more = start + limit < len(found)
        return copy.deepcopy(found[start : start + limit]), (
            {"offset": start + limit} if more else None
        )

    def move_status(self, session_id: str, status: SessionStatus) -> bool:
        stored = self.sessions.get(session_id)
        if stored is None or stored.status.rank >= status.rank:
            return False
        self.sessions[session_id] = replace(stored, status=status, version=stored.version + 1)
        return True


class InMemoryCandidateRepository:
    def __init__(self, sessions: InMemorySessionRepository) -> None:
        self.sessions = sessions

    def _of(self, session_id: str) -> dict[str, Candidate]:
        return self.sessions.candidate_store.setdefault(session_id, {})

    def of_session(self, session_id: str) -> list[Candidate]:
        return copy.deepcopy(list(self._of(session_id).values()))

    def get(self, session_id: str, candidate_id: str) -> Candidate:
        found = self._of(session_id).get(candidate_id)
        if found is None:
            raise NotFound("Candidat introuvable dans cette session.", code="CANDIDATE_NOT_FOUND")
        return copy.deepcopy(found)

    def enroll(self, session: Session, candidates: list[Candidate]) -> Session:
        with self.sessions.lock:
            stored = self.sessions.sessions.get(session.id)
            if stored is None or stored.version != session.version:
                raise ConcurrentUpdate()
            for c in candidates:
                self._of(session.id)[c.id] = replace(c, version=1)
            saved = replace(
                session,
                candidate_count=session.candidate_count + len(candidates),
                version=session.version + 1,
            )
            self.sessions.sessions[session.id] = saved
            return copy.deepcopy(saved)

    def save(self, candidate: Candidate) -> Candidate:
        with self.sessions.lock:
            stored = self._of(candidate.session_id).get(candidate.id)
            if stored is None or stored.version != candidate.version:
                raise ConcurrentUpdate()
            saved = replace(candidate, version=candidate.version + 1)
            self._of(candidate.session_id)[candidate.id] = saved
            return copy.deepcopy(saved)

    def remove(self, session: Session, candidate: Candidate) -> Session:
        with self.sessions.lock:
            stored = self.sessions.sessions.get(session.id)
            held = self._of(session.id).get(candidate.id)
            if stored is None or stored.version != session.version:
                raise ConcurrentUpdate()
            if held is None or held.version != candidate.version:
                raise ConcurrentUpdate()
            del self._of(session.id)[candidate.id]
            saved = replace(
                session, candidate_count=session.candidate_count - 1, version=session.version + 1
            )
            self.sessions.sessions[session.id] = saved
            return copy.deepcopy(saved)


class InMemoryFinalizationRepository:
    def __init__(self) -> None:
        self.drafts: dict[str, Finalization] = {}

    def get(self, session_id: str) -> Finalization:
        return copy.deepcopy(self.drafts.get(session_id) or Finalization(session_id))

    def save(self, finalization: Finalization) -> Finalization:
        stored = self.drafts.get(finalization.session_id)
        if (stored.version if stored else 0) != finalization.version:
            raise ConcurrentUpdate()
        saved = replace(finalization, version=finalization.version + 1)
        self.drafts[finalization.session_id] = saved
        return copy.deepcopy(saved)


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
