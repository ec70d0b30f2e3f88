"""A learner's erasure and export in jury. Jury holds the account's certifications (the course's
answers as scored, the candidate's identity, the results and their history), the public
verification record of each valid certificate, and the attestation PDFs rendered from them.

An erasure keeps the certifications: a published result is the exam's record and the
attestation must stay verifiable while the certificate is valid (3 years); a session the jury
has not published yet is an exam in progress. It drops the rendered attestation PDFs (jury
renders them again from the record when the holder asks) and the learner's entries in the claim
checks jury published. The report names what is kept, why and until when."""

from __future__ import annotations

from datetime import date, timedelta

from chalicelib.jury.domain.attestation import is_deliverable
from chalicelib.jury.domain.certification import Certification
from chalicelib.jury.ports import Ports
from chalicelib.jury.use_cases.publication import attestation_key
from pixcore import retention as keep
from pixcore.claim_scrub import scrubbed_claims
from pixcore.logs import get_logger
from pixcore.messages.catalog import (
    ErasureLine,
    LearnerDataGatheredByJury,
    LearnerDataRequested,
    LearnerErasedByJury,
    LearnerErasureRequested,
    StudentRef,
)

log = get_logger("jury.erasure")

PUBLISHED = "résultats de certification publiés et leur attestation (vérification publique)"
IN_PROGRESS = "certifications dont la session n'est pas encore publiée"
RENDERED = "attestations PDF déjà produites"
KEPT_PUBLISHED = (
    "Résultat d'examen publié : le procès-verbal et l'attestation restent vérifiables tant que "
    "le certificat est valide (3 ans après sa publication), comme la loi et la vérification "
    "publique le demandent."
)
KEPT_IN_PROGRESS = (
    "Examen en cours d'examen par le jury : ses réponses et le procès-verbal de la session font "
    "partie du dossier d'examen, gardé comme un résultat publié."
)


def _certifications(
    ports: Ports, user_id: str | None, students: list[StudentRef]
) -> list[Certification]:
    if not user_id:
        return []
    found = ports.certifications.of_user(user_id)
    if students:  # a school's erasure: the certifications taken as that school's student
        ids = {s.student_id for s in students}
        found = [c for c in found if c.student_id is None or c.student_id in ids]
    return found


def _rendered_keys(certification: Certification) -> list[str]:
    """Every version of the candidate's own attestation jury may have stored."""
    return [
        f"attestations/{certification.course_id}/v{n}.pdf"
        for n in range(1, len(certification.history) + 1)
    ]


def erase_learner(ports: Ports, message: LearnerErasureRequested) -> list[ErasureLine]:
    students = message.students if message.scope == "student" else []
    published: list[date] = []
    in_progress = 0
    dropped = 0
    for certification in _certifications(ports, message.user_id, students):
        session = ports.sessions.find(certification.session_id)
        if session is not None and session.is_published and session.published_at:
            published.append(session.published_at.date())
        else:
            in_progress += 1
        for key in _rendered_keys(certification):
            if ports.documents.exists(key):
                ports.documents.delete(key)
                dropped += 1
    lines: list[ErasureLine] = []
    if dropped:
        lines.append(ErasureLine(what=RENDERED, action="deleted", count=dropped))
    if published:
        until = max(published) + timedelta(days=keep.CERTIFICATE_VALIDITY_DAYS)
        lines.append(
            ErasureLine(
                what=PUBLISHED,
                action="kept",
                count=len(published),
                reason=KEPT_PUBLISHED,
                until=until,
            )
        )
    if in_progress:
        lines.append(
            ErasureLine(what=IN_PROGRESS, action="kept", count=in_progress, reason=KEPT_IN_PROGRESS)
        )
    ids = {message.user_id or "", *(s.student_id for s in message.students)}
    lines += scrubbed_claims(ports.claims, "jury", ids)
    ports.publisher.publish(
        LearnerErasedByJury(erasure_id=message.erasure_id, lines=lines, erased_at=ports.clock.now())
    )
    log.info("erasure.done", erasure_id=message.erasure_id, scope=message.scope)
    return lines


def _exported(ports: Ports, certification: Certification) -> dict[str, object]:
    session = ports.sessions.find(certification.session_id)
    published = session is not None and session.is_published
    result = certification.result
    return {
        "course_id": certification.course_id,
        "session_id": certification.session_id,
        "center_name": session.center_name if session else None,
        "session_date": session.session_date.isoformat()
        if session and session.session_date
        else None,
        "verification_code": certification.verification_code,
        "identity": (
            {
                "first_name": certification.identity.first_name,
                "last_name": certification.identity.last_name,
                "birthdate": certification.identity.birthdate.isoformat(),
                "birthplace": certification.identity.birthplace,
            }
            if certification.identity
            else None
        ),
        "published": published,
        # An unpublished result is not the learner's yet: only its existence is exported.
        "status": result.status.value if published else None,
        "pix": result.pix if published else None,
        "competences": (
            [{"code": c.competence, "level": c.level, "pix": c.pix} for c in result.competences]
            if published
            else []
        ),
        "comment_for_candidate": certification.comments.for_candidate if published else None,
        "attestation": (
            {
                "key": attestation_key(certification),
                "url": f"/jury/certifications/{certification.course_id}/attestation.pdf",
            }
            if session is not None and is_deliverable(certification, session)
            else None
        ),
    }


def gather_learner(ports: Ports, message: LearnerDataRequested) -> None:
    students = message.students if message.scope == "student" else []
    certifications = _certifications(ports, message.user_id, students)
    data = (
        {"certifications": [_exported(ports, c) for c in certifications]} if certifications else {}
    )
    ports.publisher.publish(
        LearnerDataGatheredByJury(
            export_id=message.export_id, data=data, gathered_at=ports.clock.now()
        )
    )
