"""Routes: the printed documents, the finalisation draft, uploaded documents, finalising."""

from __future__ import annotations

from typing import Any

from chalicelib.certif import bootstrap
from chalicelib.certif.domain.finalization import (
    AbortReason,
    CandidateFinalization,
    IssueReportDraft,
)
from chalicelib.certif.schemas_day import (
    DocumentOut,
    DocumentQuery,
    FinalizationOut,
    FinalizationRequest,
    FinalizedOut,
)
from chalicelib.certif.use_cases import documents, finalization
from pixcore.http import Api, Context, FileResult
from pixcore.ids import new_id

PDF = "application/pdf"


def _draft(body: FinalizationRequest) -> finalization.Draft:
    return finalization.Draft(
        candidates=tuple(
            CandidateFinalization(
                c.candidate_id,
                c.end_screen_seen,
                AbortReason(c.abort_reason) if c.abort_reason else None,
                tuple(
                    IssueReportDraft(
                        new_id(), r.category, r.subcategory, r.description, r.question_number
                    )
                    for r in c.issue_reports
                ),
            )
            for c in body.candidates
        ),
        has_incident=body.has_incident,
        comment=body.comment,
    )


def register(api: Api) -> None:
    @api.route(
        "/sessions/{session_id}/attendance-sheet.pdf",
        produces=PDF,
        summary="Feuille d'émargement (PDF, A4)",
    )
    def attendance_sheet(ctx: Context, session_id: str) -> FileResult:
        content = documents.attendance_sheet_pdf(bootstrap.ports(), ctx.user, session_id)
        return FileResult(content, PDF, f"feuille-emargement-session-{session_id}.pdf")

    @api.route(
        "/sessions/{session_id}/incident-report.pdf",
        produces=PDF,
        summary="Procès-verbal d'incident (PDF, A4)",
    )
    def incident_report(ctx: Context, session_id: str) -> FileResult:
        content = documents.incident_report_pdf(bootstrap.ports(), ctx.user, session_id)
        return FileResult(content, PDF, f"pv-incident-session-{session_id}.pdf")

    @api.route(
        "/sessions/{session_id}/finalization",
        response=FinalizationOut,
        summary="Le brouillon de finalisation",
    )
    def get_finalization(ctx: Context, session_id: str) -> Any:
        return finalization.get_finalization(bootstrap.ports(), ctx.user, session_id)

    @api.route(
        "/sessions/{session_id}/finalization",
        ("PUT",),
        body=FinalizationRequest,
        response=FinalizationOut,
        summary="Enregistrer le brouillon de finalisation (à tout moment)",
    )
    def save_finalization(ctx: Context, session_id: str) -> Any:
        return finalization.save_draft(bootstrap.ports(), ctx.user, session_id, _draft(ctx.body))

    @api.route(
        "/sessions/{session_id}/documents",
        ("POST",),
        query=DocumentQuery,
        response=DocumentOut,
        status=201,
        content_types=(PDF,),
        summary="Joindre un document (PV scanné…) : PDF, 10 Mo au plus",
    )
    def add_document(ctx: Context, session_id: str) -> Any:
        command = finalization.AddDocument(session_id, ctx.query.filename, ctx.raw_body)
        return finalization.add_document(bootstrap.ports(), ctx.user, command)

    @api.route(
        "/sessions/{session_id}/finalize",
        ("POST",),
        response=FinalizedOut,
        summary="Finaliser la session (une seule fois)",
    )
    def finalize(ctx: Context, session_id: str) -> Any:
        return finalization.finalize(bootstrap.ports(), ctx.user, session_id)
