"""Routes of the jury's review: sessions, certifications, publication."""

from __future__ import annotations

from typing import Any

from chalicelib.jury import bootstrap, schemas
from chalicelib.jury.domain.jury_session import SessionState
from chalicelib.jury.use_cases import publication, queries, review
from chalicelib.jury.use_cases.review import Action, Edit
from pixcore.http import Api, Context

IDENTITY_FIELDS = ("first_name", "last_name", "birthdate", "birthplace")
COMMENT_FIELDS = {
    "comment_for_candidate": "for_candidate",
    "comment_for_organization": "for_organization",
    "comment_for_jury": "for_jury",
}


def register(api: Api) -> None:
    @api.route(
        "/sessions",
        query=schemas.SessionsQuery,
        response=schemas.SessionListOut,
        summary="Sessions à publier, à traiter, ou qui me sont assignées",
    )
    def list_sessions(ctx: Context) -> Any:
        q = ctx.query
        state = SessionState(q.status) if q.status else None
        return queries.list_sessions(
            bootstrap.ports(), ctx.user, state, q.assigned == "me", q.limit, q.cursor
        )

    @api.route(
        "/sessions/{session_id}",
        response=schemas.SessionDetailOut,
        summary="Une session : candidats, signalements, réponses",
    )
    def session_detail(ctx: Context, session_id: str) -> Any:
        return queries.session_detail(bootstrap.ports(), ctx.user, session_id)

    @api.route(
        "/sessions/{session_id}/assign",
        ("POST",),
        response=schemas.SessionOut,
        summary="M'assigner la session",
    )
    def assign(ctx: Context, session_id: str) -> Any:
        return review.assign(bootstrap.ports(), ctx.user, session_id)

    @api.route(
        "/sessions/{session_id}/publish",
        ("POST",),
        response=schemas.SessionOut,
        summary="Publier les résultats de la session",
    )
    def publish(ctx: Context, session_id: str) -> Any:
        return publication.publish_session(bootstrap.ports(), ctx.user, session_id)

    @api.route(
        "/sessions/publish",
        ("POST",),
        body=schemas.BatchPublishBody,
        response=schemas.BatchOut,
        summary="Publier plusieurs sessions",
    )
    def publish_batch(ctx: Context) -> Any:
        outcomes = publication.publish_sessions(bootstrap.ports(), ctx.user, ctx.body.session_ids)
        return {"results": outcomes}

    @api.route(
        "/issue-reports/{issue_report_id}/resolve",
        ("POST",),
        body=schemas.ResolveBody,
        response=schemas.CertificationOut,
        summary="Résoudre un signalement, avec un commentaire",
    )
    def resolve(ctx: Context, issue_report_id: str) -> Any:
        b = ctx.body
        action = Action(b.certification_id, b.version)
        return review.resolve_report(
            bootstrap.ports(), ctx.user, action, issue_report_id, b.comment
        )

    for verb, act in (("neutralize", review.neutralize), ("deneutralize", review.deneutralize)):

        @api.route(
            f"/certifications/{{course_id}}/{verb}",
            ("POST",),
            body=schemas.QuestionBody,
            response=schemas.CertificationOut,
            summary="Neutraliser une question"
            if verb == "neutralize"
            else "Dé-neutraliser une question",
            name=verb,
        )
        def change_question(ctx: Context, course_id: str, act=act) -> Any:  # noqa: ANN001
            action = Action(course_id, ctx.body.version)
            return act(bootstrap.ports(), ctx.user, action, ctx.body.question_number)

    for verb, flip in (("cancel", review.cancel), ("uncancel", review.uncancel)):

        @api.route(
            f"/certifications/{{course_id}}/{verb}",
            ("POST",),
            body=schemas.VersionBody,
            response=schemas.CertificationOut,
            summary="Annuler la certification" if verb == "cancel" else "Rétablir la certification",
            name=verb,
        )
        def change_status(ctx: Context, course_id: str, flip=flip) -> Any:  # noqa: ANN001
            return flip(bootstrap.ports(), ctx.user, Action(course_id, ctx.body.version))

    @api.route(
        "/certifications/{course_id}",
        ("PATCH",),
        body=schemas.CertificationPatch,
        response=schemas.CertificationOut,
        summary="Corriger l'identité du candidat, écrire les commentaires",
    )
    def edit(ctx: Context, course_id: str) -> Any:
        sent = ctx.body.model_fields_set
        changes = Edit(
            {k: getattr(ctx.body, k) for k in IDENTITY_FIELDS if k in sent},
            {kind: getattr(ctx.body, k) for k, kind in COMMENT_FIELDS.items() if k in sent},
        )
        action = Action(course_id, ctx.body.version)
        return review.edit(bootstrap.ports(), ctx.user, action, changes)

    @api.route(
        "/certifications/{course_id}/history",
        response=schemas.HistoryOut,
        summary="Historique de la certification : résultats et actions du jury",
    )
    def history(ctx: Context, course_id: str) -> Any:
        return queries.certification_history(bootstrap.ports(), ctx.user, course_id)
