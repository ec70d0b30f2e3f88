"""Routes: the candidate joins and starts; the examiner's space."""

from __future__ import annotations

from typing import Any

from chalicelib.certif import bootstrap
from chalicelib.certif.schemas_day import (
    EndTestRequest,
    ExaminerTokenOut,
    JoinRequest,
    SeatOut,
    StartOut,
    StartRequest,
    SuperviseRequest,
    SupervisionOut,
)
from chalicelib.certif.use_cases import joining, supervision
from pixcore.http import Api, Context

CANDIDATE = "/sessions/{session_id}/candidates/{candidate_id}"


def register(api: Api) -> None:
    @api.route(
        "/sessions/{session_id}/join",
        ("POST",),
        body=JoinRequest,
        response=SeatOut,
        summary="Rejoindre la session : numéro de session, prénom, nom, date de naissance",
        errors={429: ("TOO_MANY_ATTEMPTS",)},
    )
    def join(ctx: Context, session_id: str) -> Any:
        b = ctx.body
        command = joining.JoinSession(
            session_id, b.first_name, b.last_name, b.birthdate, ctx.source_ip
        )
        return joining.join(bootstrap.ports(), ctx.user, command)

    @api.route(
        "/sessions/{session_id}/me",
        response=SeatOut,
        summary="Ma place dans la session : autorisé ou non, test commencé",
    )
    def my_seat(ctx: Context, session_id: str) -> Any:
        return joining.my_seat(bootstrap.ports(), ctx.user, session_id)

    @api.route(
        "/sessions/{session_id}/start",
        ("POST",),
        body=StartRequest,
        response=StartOut,
        status=202,
        summary="Commencer (ou reprendre) le test avec le code d'accès",
        errors={429: ("CANDIDATE_LOCKED",)},
    )
    def start(ctx: Context, session_id: str) -> Any:
        return joining.start(bootstrap.ports(), ctx.user, session_id, ctx.body.access_code)

    @api.route(
        "/sessions/{session_id}/supervise",
        ("POST",),
        auth="public",
        body=SuperviseRequest,
        response=ExaminerTokenOut,
        summary="Ouvrir l'espace surveillant avec le mot de passe de la session",
        errors={401: ("WRONG_EXAMINER_PASSWORD",), 429: ("TOO_MANY_ATTEMPTS",)},
    )
    def supervise(ctx: Context, session_id: str) -> Any:
        command = supervision.OpenSupervision(session_id, ctx.body.examiner_password, ctx.source_ip)
        return supervision.supervise(bootstrap.ports(), ctx.principal, command)

    @api.route(
        "/sessions/{session_id}/supervision",
        response=SupervisionOut,
        summary="Espace surveillant : chaque candidat et son état",
    )
    def supervision_view(ctx: Context, session_id: str) -> Any:
        return supervision.supervision(bootstrap.ports(), ctx.user, session_id)

    @api.route(
        f"{CANDIDATE}/authorize",
        ("POST",),
        response=SeatOut,
        summary="Autoriser un candidat présent à commencer",
    )
    def authorize(ctx: Context, session_id: str, candidate_id: str) -> Any:
        return supervision.authorize(bootstrap.ports(), ctx.user, session_id, candidate_id)

    @api.route(
        f"{CANDIDATE}/unlock",
        ("POST",),
        response=SeatOut,
        summary="Débloquer un candidat après des codes d'accès erronés",
    )
    def unlock(ctx: Context, session_id: str, candidate_id: str) -> Any:
        return supervision.unlock(bootstrap.ports(), ctx.user, session_id, candidate_id)

    @api.route(
        f"{CANDIDATE}/end-test",
        ("POST",),
        body=EndTestRequest,
        response=SeatOut,
        summary="Arrêter le test d'un candidat (motif obligatoire)",
    )
    def end_test(ctx: Context, session_id: str, candidate_id: str) -> Any:
        command = supervision.EndTest(session_id, candidate_id, ctx.body.reason)
        return supervision.end_test(bootstrap.ports(), ctx.user, command)

    @api.route(
        f"{CANDIDATE}/end-screen-seen",
        ("POST",),
        response=SeatOut,
        summary="« Écran de fin vu » par le surveillant",
    )
    def end_screen_seen(ctx: Context, session_id: str, candidate_id: str) -> Any:
        return supervision.end_screen_seen(bootstrap.ports(), ctx.user, session_id, candidate_id)
