"""An erased learner in certif: the read models (student, account link, profile) go; in a
session not finalised yet the candidate is withdrawn and the documents printed with them are
deleted (the next print leaves them out); a finalised session keeps them as its record."""

from __future__ import annotations

from chalicelib.certif.domain.candidates import Candidate
from chalicelib.certif.domain.privacy import KEPT_REASON, is_exam_record, kept_until
from chalicelib.certif.domain.sessions import DOCUMENTS_PREFIX, Session
from chalicelib.certif.ports import Ports
from pixcore.claim_scrub import scrubbed_claims
from pixcore.logs import get_logger
from pixcore.messages.catalog import (
    ErasureLine,
    LearnerDataGatheredByCertif,
    LearnerDataRequested,
    LearnerErasedByCertif,
    LearnerErasureRequested,
)
from pixcore.retry import retry_on_conflict

log = get_logger("certif.erasure")


def _deleted(what: str, count: int) -> list[ErasureLine]:
    return [ErasureLine(what=what, action="deleted", count=count)] if count else []


def _sessions(ports: Ports, center_id: str) -> list[Session]:
    found, position = [], None
    while True:
        page, position = ports.sessions.of_center(center_id, 100, position)
        found += page
        if not position:
            return found


def _is_theirs(candidate: Candidate, student_ids: set[str], user_id: str | None) -> bool:
    return candidate.student_id in student_ids or (
        user_id is not None and candidate.user_id == user_id
    )


def _withdraw(ports: Ports, session: Session, candidate: Candidate) -> None:
    def remove() -> None:
        fresh = ports.sessions.get(session.id)
        current = ports.candidates.get(session.id, candidate.id)
        ports.candidates.remove(fresh, current)

    retry_on_conflict(remove, attempts=3)
    finalization = ports.finalizations.get(session.id)
    if finalization.candidates.pop(candidate.id, None) is not None:
        ports.finalizations.save(finalization)


def _printed(ports: Ports, session: Session) -> int:
    """Sheets and reports printed with the candidate on them; the scanned documents of a
    session are not printed by certif, and a session not finalised has none yet."""
    prefix = f"{DOCUMENTS_PREFIX}{session.id}/"
    keys = [k for k in ports.documents.under(prefix) if "/documents/" not in k]
    for key in keys:
        ports.documents.delete(key)
    return len(keys)


def erase_learner(ports: Ports, message: LearnerErasureRequested) -> list[ErasureLine]:
    """Idempotent: what is already gone counts nothing, and orga keeps the first report."""
    lines: list[ErasureLine] = []
    withdrawn = documents = read_models = 0
    kept: list[Session] = []
    by_center: dict[str, set[str]] = {}
    for ref in message.students:
        by_center.setdefault(ref.organization_id, set()).add(ref.student_id)
        read_models += ports.students.forget(ref.organization_id, ref.student_id)
    for center_id, student_ids in by_center.items():
        for session in _sessions(ports, center_id):
            theirs = [
                c
                for c in ports.candidates.of_session(session.id)
                if _is_theirs(c, student_ids, message.user_id)
            ]
            if not theirs:
                continue
            if is_exam_record(session):
                kept.append(session)
                continue
            for candidate in theirs:
                _withdraw(ports, session, candidate)
                withdrawn += 1
            documents += _printed(ports, session)
    if message.scope == "account" and message.user_id:
        read_models += ports.students.forget_profile(message.user_id)
    if message.user_id:
        ports.throttle.reset(f"join:user:{message.user_id}")
    lines += _deleted("élève inscriptible, rattachement au compte, certifiabilité", read_models)
    lines += _deleted("candidats de sessions non finalisées", withdrawn)
    lines += _deleted("feuilles d'émargement et PV d'incident déjà produits", documents)
    ids = {message.user_id or "", *(s.student_id for s in message.students)}
    lines += scrubbed_claims(ports.claims, "certif", ids)
    for session in kept:
        lines.append(
            ErasureLine(
                what=f"candidat de la session {session.id} (finalisée) et ses documents",
                action="kept",
                count=1,
                reason=KEPT_REASON,
                until=kept_until(session),
            )
        )
    ports.publisher.publish(
        LearnerErasedByCertif(
            erasure_id=message.erasure_id, lines=lines, erased_at=ports.clock.now()
        )
    )
    log.info("erasure.done", erasure_id=message.erasure_id, kept=len(kept))
    return lines


def gather_learner(ports: Ports, message: LearnerDataRequested) -> None:
    """Certif's part of a learner's export: their read-model entries and their candidacies
    (the attendance sheets are left out: they list the other candidates too)."""
    assert ports.learner_data is not None
    students = [(s.organization_id, s.student_id) for s in message.students]
    data = ports.learner_data.gather(students, message.user_id, message.scope == "account")
    ports.publisher.publish(
        LearnerDataGatheredByCertif(
            export_id=message.export_id, data=data, gathered_at=ports.clock.now()
        )
    )
