"""Routes of results: a candidate's certifications, attestations, verification, the académie."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

from chalicelib.jury import bootstrap, schemas
from chalicelib.jury.domain.attestation import is_deliverable
from chalicelib.jury.use_cases import attestations, counting, queries, verification
from pixcore.http import Api, Context, FileResult

PDF = "application/pdf"


def register(api: Api) -> None:
    @api.route(
        "/users/me/certifications",
        response=schemas.OwnCertificationsOut,
        summary="Mes certifications publiées",
    )
    def my_certifications(ctx: Context) -> Any:
        found = queries.my_certifications(bootstrap.ports(), ctx.user)
        return {
            "certifications": [
                {
                    "course_id": o.certification.course_id,
                    "session_id": o.session.session_id,
                    "center_name": o.session.center_name,
                    "session_date": o.session.session_date,
                    "published_at": o.session.published_at,
                    "status": o.certification.result.status.value,
                    "pix": o.certification.result.pix,
                    "competences": o.certification.result.competences,
                    "comment_for_candidate": o.certification.comments.for_candidate,
                    "verification_code": o.certification.verification_code
                    if is_deliverable(o.certification, o.session)
                    else None,
                    "attestation_available": is_deliverable(o.certification, o.session),
                }
                for o in found
            ]
        }

    @api.route(
        "/certifications/{course_id}/attestation.pdf",
        produces=PDF,
        summary="L'attestation signée (titulaire, administrateurs du centre, jury)",
    )
    def attestation(ctx: Context, course_id: str) -> FileResult:
        pdf = attestations.attestation_pdf(bootstrap.ports(), ctx.user, course_id)
        return FileResult(pdf, PDF, f"attestation-pix-{course_id}.pdf")

    @api.route(
        "/sessions/{session_id}/attestations.pdf",
        query=schemas.DivisionQuery,
        produces=PDF,
        summary="Toutes les attestations d'une session (ou d'une classe), à imprimer",
    )
    def session_attestations(ctx: Context, session_id: str) -> FileResult:
        division = ctx.query.division
        pdf = attestations.session_attestations_pdf(
            bootstrap.ports(), ctx.user, session_id, division
        )
        suffix = f"-{division}" if division else ""
        return FileResult(pdf, PDF, f"attestations-session-{session_id}{suffix}.pdf")

    @api.route(
        "/verify/{code}",
        auth="public",
        response=schemas.VerificationOut,
        summary="Vérifier un certificat par son code",
        errors={429: ("TOO_MANY_REQUESTS",)},
    )
    def verify_code(ctx: Context, code: str) -> Any:
        # A person types spaces: API Gateway decodes the path parameter, chalice's local server
        # passes it as sent (a code never holds a "%" of its own).
        return verification.verify_code(bootstrap.ports(), ctx.source_ip, unquote(code))

    @api.route(
        "/verify/document",
        ("POST",),
        auth="public",
        content_types=(PDF, "application/octet-stream"),
        response=schemas.DocumentVerdictOut,
        summary="Vérifier une attestation PDF : sa signature est-elle la nôtre, intacte ?",
        errors={429: ("TOO_MANY_REQUESTS",)},
    )
    def verify_document(ctx: Context) -> Any:
        return verification.verify_document(bootstrap.ports(), ctx.source_ip, ctx.raw_body)

    @api.route(
        "/stats",
        query=schemas.StatsQuery,
        response=schemas.StatsOut,
        summary="Chiffres de l'académie, par secteur et au total",
    )
    def stats(ctx: Context) -> Any:
        return counting.dashboard(bootstrap.ports(), ctx.user, ctx.query.academie)
