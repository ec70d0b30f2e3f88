"""Attestation PDFs: one candidate's, or a whole session's (or class's) for printing; rendered and
signed once per result version, then served from storage."""

from __future__ import annotations

import hashlib

from chalicelib.jury.domain.attestation import attestation_of, is_deliverable
from chalicelib.jury.domain.certification import Certification
from chalicelib.jury.domain.jury_session import JurySession
from chalicelib.jury.ports import Ports
from chalicelib.jury.use_cases.publication import attestation_key
from pixcore.errors import Forbidden, NotFound
from pixcore.principal import ADMIN, Principal

NOT_AVAILABLE = "Aucune attestation n'est disponible pour cette certification."


def _is_centre_admin(ports: Ports, caller: Principal, center_id: str | None) -> bool:
    """Jury's own list of members (from orga's messages) decides, not the token alone: a removed
    admin loses access as soon as orga says so."""
    return bool(center_id) and ports.members.role_of(center_id or "", caller.user_id) == ADMIN


def _render_once(ports: Ports, key: str, render) -> bytes:  # noqa: ANN001
    if ports.documents.exists(key):
        return ports.documents.get(key)
    pdf = render()
    ports.documents.put(key, pdf, "application/pdf")
    return pdf


def attestation_pdf(ports: Ports, caller: Principal, course_id: str) -> bytes:
    """For the holder, their centre's admins and the jury; only published, validated results."""
    certification = ports.certifications.find(course_id)
    session = ports.sessions.find(certification.session_id) if certification else None
    if certification is None or session is None:
        raise NotFound(NOT_AVAILABLE, code="ATTESTATION_NOT_AVAILABLE")
    allowed = (
        caller.is_jury
        or caller.user_id == certification.user_id
        or _is_centre_admin(ports, caller, session.center_id)
    )
    if not allowed:
        raise Forbidden(
            "Cette attestation ne vous est pas accessible.", code="ATTESTATION_FORBIDDEN"
        )
    if not is_deliverable(certification, session):
        raise NotFound(NOT_AVAILABLE, code="ATTESTATION_NOT_AVAILABLE")
    url = ports.settings.verification_url
    return _render_once(
        ports,
        attestation_key(certification),
        lambda: ports.renderer.render([attestation_of(certification, session, url)]),
    )


def _deliverable(ports: Ports, session: JurySession, division: str | None) -> list[Certification]:
    found = [
        c
        for c in ports.certifications.get_many(session.course_ids)
        if is_deliverable(c, session)
        and (division is None or (c.identity and c.identity.division == division))
    ]
    return sorted(
        found,
        key=lambda c: (c.identity.last_name, c.identity.first_name) if c.identity else ("", ""),
    )


def session_attestations_pdf(
    ports: Ports, caller: Principal, session_id: str, division: str | None
) -> bytes:
    """Every attestation of a session (or of one class) in one file, for the centre to print."""
    session = ports.sessions.find(session_id)
    if session is None or not session.finalized:
        raise NotFound("Session introuvable.", code="SESSION_NOT_FOUND")
    if not (caller.is_jury or _is_centre_admin(ports, caller, session.center_id)):
        raise Forbidden(
            "Ces attestations sont réservées aux administrateurs du centre.",
            code="ORGANIZATION_ADMIN_ONLY",
        )
    chosen = _deliverable(ports, session, division)
    if not chosen:
        raise NotFound("Aucune attestation à imprimer pour cette session.", code="NO_ATTESTATION")
    versions = ",".join(f"{c.course_id}:{len(c.history)}" for c in chosen)
    digest = hashlib.sha256(versions.encode()).hexdigest()[:16]
    key = f"attestations/sessions/{session_id}/{digest}.pdf"
    url = ports.settings.verification_url
    return _render_once(
        ports,
        key,
        lambda: ports.renderer.render([attestation_of(c, session, url) for c in chosen]),
    )
