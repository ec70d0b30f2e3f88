"""Routes: the centre, its sessions, the students it may enrol, the candidates of a session."""

from __future__ import annotations

from typing import Any

from chalicelib.certif import bootstrap
from chalicelib.certif.domain.sessions import Schedule
from chalicelib.certif.schemas import (
    CandidateOut,
    CandidatePatch,
    CandidatesOut,
    CenterOut,
    EnrolRequest,
    PageQuery,
    SessionOut,
    SessionPatch,
    SessionRequest,
    SessionsOut,
    StudentsOut,
    StudentsQuery,
)
from chalicelib.certif.use_cases import candidates, centers, sessions
from pixcore.http import Api, Context


def register(api: Api) -> None:
    @api.route("/centers/{center_id}", response=CenterOut, summary="Un centre de certification")
    def get_center(ctx: Context, center_id: str) -> Any:
        return centers.get_center(bootstrap.ports(), ctx.user, center_id)

    @api.route(
        "/centers/{center_id}/sessions",
        ("POST",),
        body=SessionRequest,
        response=SessionOut,
        status=201,
        summary="Créer une session (numéro, code d'accès et mot de passe surveillant attribués)",
    )
    def create_session(ctx: Context, center_id: str) -> Any:
        b = ctx.body
        schedule = Schedule(b.address, b.room, b.date, b.time, b.examiner, b.name, b.description)
        return sessions.create_session(bootstrap.ports(), ctx.user, center_id, schedule)

    @api.route(
        "/centers/{center_id}/sessions",
        query=PageQuery,
        response=SessionsOut,
        summary="Les sessions du centre, par date, avec leur statut et leur nombre de candidats",
    )
    def list_sessions(ctx: Context, center_id: str) -> Any:
        page = sessions.PageRequest(center_id, ctx.query.limit, ctx.query.cursor)
        return sessions.list_sessions(bootstrap.ports(), ctx.user, page)

    @api.route(
        "/sessions/{session_id}",
        response=SessionOut,
        summary="Une session et ce qu'il reste à préparer (avertissements)",
    )
    def get_session(ctx: Context, session_id: str) -> Any:
        return sessions.get_session(bootstrap.ports(), ctx.user, session_id)

    @api.route(
        "/sessions/{session_id}",
        ("PATCH",),
        body=SessionPatch,
        response=SessionOut,
        summary="Modifier une session (jusqu'à sa finalisation)",
    )
    def update_session(ctx: Context, session_id: str) -> Any:
        changes = {k: getattr(ctx.body, k) for k in ctx.body.model_fields_set}
        return sessions.update_session(bootstrap.ports(), ctx.user, session_id, changes)

    @api.route(
        "/sessions/{session_id}",
        ("DELETE",),
        status=204,
        summary="Supprimer une session (tant que personne n'a commencé)",
    )
    def delete_session(ctx: Context, session_id: str) -> None:
        sessions.delete_session(bootstrap.ports(), ctx.user, session_id)

    @api.route(
        "/centers/{center_id}/students",
        query=StudentsQuery,
        response=StudentsOut,
        summary="Les élèves inscriptibles : classe, compte rattaché, certifiabilité",
    )
    def list_students(ctx: Context, center_id: str) -> Any:
        q = ctx.query
        query = candidates.StudentQuery(
            center_id, q.division, q.search, q.session_id, q.limit, q.cursor
        )
        return candidates.enrollable_students(bootstrap.ports(), ctx.user, query)

    @api.route(
        "/sessions/{session_id}/candidates",
        ("POST",),
        body=EnrolRequest,
        response=CandidatesOut,
        status=201,
        summary="Inscrire une sélection d'élèves (tout ou rien)",
    )
    def enroll(ctx: Context, session_id: str) -> Any:
        enrolled = candidates.enroll_students(
            bootstrap.ports(), ctx.user, session_id, ctx.body.student_ids
        )
        return {"candidates": enrolled}

    @api.route(
        "/sessions/{session_id}/candidates",
        response=CandidatesOut,
        summary="Les candidats de la session",
    )
    def list_candidates(ctx: Context, session_id: str) -> Any:
        return {"candidates": candidates.list_candidates(bootstrap.ports(), ctx.user, session_id)}

    @api.route(
        "/sessions/{session_id}/candidates/{candidate_id}",
        ("PATCH",),
        body=CandidatePatch,
        response=CandidateOut,
        summary="Modifier le temps majoré, les données de naissance, l'identifiant local",
    )
    def update_candidate(ctx: Context, session_id: str, candidate_id: str) -> Any:
        changes = {k: getattr(ctx.body, k) for k in ctx.body.model_fields_set}
        command = candidates.EditCandidate(session_id, candidate_id, changes)
        return candidates.update_candidate(bootstrap.ports(), ctx.user, command)

    @api.route(
        "/sessions/{session_id}/candidates/{candidate_id}",
        ("DELETE",),
        status=204,
        summary="Retirer un candidat (tant qu'il n'a pas rejoint la session)",
    )
    def remove_candidate(ctx: Context, session_id: str, candidate_id: str) -> None:
        candidates.remove_candidate(bootstrap.ports(), ctx.user, session_id, candidate_id)
