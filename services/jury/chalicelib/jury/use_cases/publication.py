"""Publishing a session's results: to candidates, to the school (orga), to engine, and back to
certif as the session's status."""

from __future__ import annotations

from dataclasses import dataclass

from chalicelib.jury.domain.certification import Certification
from chalicelib.jury.domain.jury_session import JurySession, SessionState
from chalicelib.jury.domain.scoring import Status
from chalicelib.jury.ports import Ports, VerifiedCertificate
from chalicelib.jury.use_cases import counting
from pixcore.clock import french_date
from pixcore.errors import Conflict, NotFound, PixError, RuleViolation
from pixcore.messages.catalog import (
    CompetenceMark,
    PublishedResult,
    SessionPublished,
    SessionStatusChanged,
)
from pixcore.principal import Principal, require_jury
from pixcore.retry import retry_on_conflict

ALREADY_PUBLISHED = "Cette session est déjà publiée."


def attestation_key(certification: Certification) -> str:
    """An attestation is rendered once per result version (each result is a history entry)."""
    return f"attestations/{certification.course_id}/v{len(certification.history)}.pdf"


def _session(ports: Ports, session_id: str) -> JurySession:
    session = ports.sessions.find(session_id)
    if session is None or not session.finalized:
        raise NotFound("Session introuvable.", code="SESSION_NOT_FOUND")
    return session


def check_publishable(session: JurySession, certifications: list[Certification]) -> None:
    """Once; every course known; no result in error; no impactful report left unresolved."""
    if session.is_published:
        raise Conflict(ALREADY_PUBLISHED, code="SESSION_ALREADY_PUBLISHED")
    if session.state is SessionState.WAITING:
        raise RuleViolation(
            "Tous les tests de la session ne sont pas encore connus.",
            code="SESSION_NOT_READY",
            details={"missing_courses": len(session.missing_courses)},
        )
    in_error = [c.course_id for c in certifications if c.result.status is Status.ERROR]
    if in_error:
        raise RuleViolation(
            "Des certifications sont en erreur : corrigez-les ou annulez-les avant de publier.",
            code="CERTIFICATIONS_IN_ERROR",
            details={"course_ids": in_error},
        )
    unresolved = [
        c.course_id for c in certifications if any(r.needs_a_person for r in c.issue_reports)
    ]
    if unresolved:
        raise RuleViolation(
            "Des signalements restent à traiter avant de publier.",
            code="UNRESOLVED_ISSUE_REPORTS",
            details={"course_ids": unresolved},
        )


def publish_session(ports: Ports, caller: Principal, session_id: str) -> JurySession:
    require_jury(caller)

    def publish() -> JurySession:
        session = _session(ports, session_id)
        if session.is_published and not session.notified:
            return session  # published, its messages not sent yet: send them now
        check_publishable(session, ports.certifications.get_many(session.course_ids))
        session.state, session.published_at = SessionState.PUBLISHED, ports.clock.now()
        ports.sessions.save(session)
        return session

    retry_on_conflict(publish)
    return notify(ports, session_id)


@dataclass(frozen=True)
class BatchOutcome:
    session_id: str
    published: bool
    code: str | None = None
    message: str | None = None


def publish_sessions(ports: Ports, caller: Principal, session_ids: list[str]) -> list[BatchOutcome]:
    """Each session on its own terms: one refused does not hold the others back."""
    require_jury(caller)
    outcomes = []
    for session_id in dict.fromkeys(session_ids):
        try:
            publish_session(ports, caller, session_id)
            outcomes.append(BatchOutcome(session_id, True))
        except PixError as error:
            outcomes.append(BatchOutcome(session_id, False, error.code, error.message))
    return outcomes


def _result(c: Certification) -> PublishedResult:
    assert c.identity is not None
    return PublishedResult(
        course_id=c.course_id,
        candidate_id=c.candidate_id,
        student_id=c.student_id,
        user_id=c.user_id,
        status=c.result.status.value,
        pix=c.result.pix,
        competences=[
            CompetenceMark(competence=m.competence, level=m.level, pix=m.pix)
            for m in c.result.competences
        ],
        verification_code=c.verification_code,
        attestation_key=attestation_key(c) if c.result.status is Status.VALIDATED else None,
        comment_for_organization=c.comments.for_organization,
        first_name=c.identity.first_name,
        last_name=c.identity.last_name,
        birthdate=c.identity.birthdate,
        birthplace=c.identity.birthplace,
        external_id=c.identity.external_id,
    )


def verified(c: Certification, session: JurySession) -> VerifiedCertificate:
    assert c.identity is not None and session.session_date and session.published_at
    return VerifiedCertificate(
        verification_code=c.verification_code,
        course_id=c.course_id,
        full_name=c.identity.full_name,
        birthdate=french_date(c.identity.birthdate),  # type: ignore[arg-type]
        birthplace=c.identity.birthplace,
        center_name=session.center_name,
        taken_on=french_date(session.session_date),  # type: ignore[arg-type]
        delivered_on=french_date(session.published_at),
        pix=c.result.pix,
        max_level=c.max_level,
        competences=[
            {"competence": m.competence, "level": m.level}
            for m in c.result.competences
            if m.level > 0
        ],
    )


def notify(ports: Ports, session_id: str) -> JurySession:
    """What follows a publication, safe to repeat until it is recorded as sent: verification
    codes of valid certificates, the académie's count of certified candidates, the messages."""
    session = _session(ports, session_id)
    if session.notified:
        return session
    certifications = ports.certifications.get_many(session.course_ids)
    valid = [c for c in certifications if c.result.status is Status.VALIDATED]
    ports.codes.publish([verified(c, session) for c in valid], session.published_at)
    assert session.session_date is not None and session.published_at is not None
    counting.certified(ports, session.center_id, [c.course_id for c in valid], session.published_at)
    ports.publisher.publish(
        SessionPublished(
            session_id=session.session_id,
            center_id=session.center_id,
            center_name=session.center_name,
            session_date=session.session_date,
            published_at=session.published_at,
            results=[_result(c) for c in certifications],
        ),
        SessionStatusChanged(
            session_id=session.session_id, status="processed", changed_at=session.published_at
        ),
    )

    def record_sent() -> JurySession:
        current = _session(ports, session_id)
        if not current.notified:
            current.notified = True
            ports.sessions.save(current)
        return current

    return retry_on_conflict(record_sent, 5)
