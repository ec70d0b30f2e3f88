"""In-memory sessions, candidates and finalisation drafts for unit tests (their contract suite
runs against the DynamoDB adapters too)."""

from __future__ import annotations

import copy
import threading
from dataclasses import replace
from datetime import date

from chalicelib.certif.domain.candidates import Candidate
from chalicelib.certif.domain.finalization import Finalization
from chalicelib.certif.domain.sessions import Session, SessionStatus, can_move_to
from chalicelib.certif.ports import Position
from pixcore.errors import ConcurrentUpdate, Conflict, NotFound

SESSION_NOT_FOUND = "Session introuvable."


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
        if stored is None or not can_move_to(stored.status, status):
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

    def born_on(self, session_id: str, birthdate: date) -> list[Candidate]:
        return [c for c in self.of_session(session_id) if c.birthdate == birthdate]

    def seat(self, session_id: str, user_id: str) -> Candidate | None:
        found = [c for c in self.of_session(session_id) if c.has_joined and c.user_id == user_id]
        return found[0] if found else None

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
