"""Sessions and candidates in certif's table: versioned, conditional writes; an enrolment is
one transaction."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TypeVar

from pynamodb.exceptions import DoesNotExist
from pynamodb.transactions import TransactWrite

from chalicelib.certif.adapters.session_items import (
    FIRST_SESSION_NUMBER,
    AccessCodeItem,
    CandidateItem,
    CounterItem,
    SessionItem,
    born_key,
    candidate_from,
    candidate_item,
    candidate_key,
    center_sessions_key,
    seat_key,
    session_from,
    session_item,
    session_key,
)
from chalicelib.certif.domain.candidates import Candidate
from chalicelib.certif.domain.sessions import Session, SessionStatus
from chalicelib.certif.ports import Position
from pixcore.dynamo import conditional, connection, put_versioned, written
from pixcore.errors import ConcurrentUpdate, Conflict, NotFound

NOT_FOUND = "Session introuvable."
V = TypeVar("V", Session, Candidate)


class DynamoSessionRepository:
    def next_number(self) -> int:
        counter = CounterItem("COUNTER#SESSION", "COUNTER")
        # ADD is atomic: two sessions created at once never get the same number, and the
        # session's own put is conditional on the number being new.
        counter.update(actions=[CounterItem.value.add(1)])
        return FIRST_SESSION_NUMBER + int(counter.value)

    def claim_access_code(self, code: str, session_id: str) -> bool:
        item = AccessCodeItem(f"ACCESS_CODE#{code}", "ACCESS_CODE", session_id=session_id)
        return written(
            lambda: item.save(
                condition=AccessCodeItem.pk.does_not_exist()
                | (AccessCodeItem.session_id == session_id)
            )
        )

    def release_access_code(self, code: str, session_id: str) -> None:
        held = AccessCodeItem(f"ACCESS_CODE#{code}", "ACCESS_CODE")
        written(lambda: held.delete(condition=AccessCodeItem.session_id == session_id))

    def add(self, session: Session) -> None:
        put_versioned(
            session_item(session),
            0,
            Conflict("Ce numéro de session existe déjà.", code="SESSION_EXISTS"),
        )

    def find(self, session_id: str) -> Session | None:
        if not session_id.isdigit() or len(session_id) > 12:
            return None
        try:
            return session_from(SessionItem.get(*session_key(session_id), consistent_read=True))
        except DoesNotExist:
            return None

    def get(self, session_id: str) -> Session:
        found = self.find(session_id)
        if found is None:
            raise NotFound(NOT_FOUND, code="SESSION_NOT_FOUND")
        return found

    def save(self, session: Session) -> Session:
        version = put_versioned(session_item(session), session.version)
        return _with_version(session, version)

    def delete(self, session: Session) -> None:
        pk, _ = session_key(session.id)
        candidates = list(CandidateItem.query(pk, CandidateItem.sk.startswith("CANDIDATE#")))
        with conditional(ConcurrentUpdate()):
            session_item(session).delete(condition=SessionItem.version == session.version)
        with CandidateItem.batch_write() as batch:
            for item in candidates:
                batch.delete(item)

    def of_center(
        self, center_id: str, limit: int, position: Position | None
    ) -> tuple[list[Session], Position | None]:
        results = SessionItem.gsi1.query(
            center_sessions_key(center_id), limit=limit, last_evaluated_key=position
        )
        found = [session_from(item) for item in results]  # type: ignore[arg-type]
        return found, results.last_evaluated_key

    def move_status(self, session_id: str, status: SessionStatus) -> bool:
        lower = [s.value for s in SessionStatus if s.rank < status.rank]
        item = SessionItem(*session_key(session_id))
        return written(
            lambda: item.update(
                actions=[SessionItem.status.set(status.value), SessionItem.version.add(1)],
                condition=SessionItem.pk.exists() & SessionItem.status.is_in(*lower),
            )
        )


class DynamoCandidateRepository:
    def of_session(self, session_id: str) -> list[Candidate]:
        pk, _ = session_key(session_id)
        return [
            candidate_from(item)
            for item in CandidateItem.query(
                pk, CandidateItem.sk.startswith("CANDIDATE#"), consistent_read=True
            )
        ]

    def get(self, session_id: str, candidate_id: str) -> Candidate:
        try:
            item = CandidateItem.get(*candidate_key(session_id, candidate_id), consistent_read=True)
        except DoesNotExist as exc:
            raise NotFound(
                "Candidat introuvable dans cette session.", code="CANDIDATE_NOT_FOUND"
            ) from exc
        return candidate_from(item)

    def born_on(self, session_id: str, birthdate: date) -> list[Candidate]:
        # The index may lag a write by a moment: whoever acts on one of these reads it again.
        return [
            candidate_from(item)  # type: ignore[arg-type]
            for item in CandidateItem.gsi2.query(born_key(session_id, birthdate))
        ]

    def seat(self, session_id: str, user_id: str) -> Candidate | None:
        for item in CandidateItem.gsi1.query(seat_key(session_id, user_id)):
            found = self.get(session_id, item.sk.removeprefix("CANDIDATE#"))
            if found.has_joined and found.user_id == user_id:
                return found
        # Just joined (the index not caught up yet): the session's list, read consistently.
        return next(
            (c for c in self.of_session(session_id) if c.has_joined and c.user_id == user_id),
            None,
        )

    def enroll(self, session: Session, candidates: list[Candidate]) -> Session:
        with conditional(ConcurrentUpdate()), TransactWrite(connection=connection()) as t:
            t.update(
                SessionItem(*session_key(session.id)),
                actions=[
                    SessionItem.candidate_count.add(len(candidates)),
                    SessionItem.version.set(session.version + 1),
                ],
                condition=SessionItem.version == session.version,
            )
            for candidate in candidates:
                item = candidate_item(candidate)
                item.version = 1
                t.save(item, condition=CandidateItem.pk.does_not_exist())
        saved = _with_version(session, session.version + 1)
        saved.candidate_count += len(candidates)
        return saved

    def save(self, candidate: Candidate) -> Candidate:
        version = put_versioned(candidate_item(candidate), candidate.version)
        return _with_version(candidate, version)

    def remove(self, session: Session, candidate: Candidate) -> Session:
        with conditional(ConcurrentUpdate()), TransactWrite(connection=connection()) as t:
            t.update(
                SessionItem(*session_key(session.id)),
                actions=[
                    SessionItem.candidate_count.add(-1),
                    SessionItem.version.set(session.version + 1),
                ],
                condition=SessionItem.version == session.version,
            )
            t.delete(
                CandidateItem(*candidate_key(session.id, candidate.id)),
                condition=CandidateItem.version == candidate.version,
            )
        saved = _with_version(session, session.version + 1)
        saved.candidate_count -= 1
        return saved


def _with_version(obj: V, version: int) -> V:
    return replace(obj, version=version)  # type: ignore[type-var]
