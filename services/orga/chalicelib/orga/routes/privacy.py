"""Routes: erasing a learner (a school's student record, or an account), exporting a learner's
data, and following both."""

from __future__ import annotations

from typing import Any

from chalicelib.orga import bootstrap
from chalicelib.orga.schemas import ErasureOut, ExportOut
from chalicelib.orga.use_cases import data_export, erasure
from pixcore.http import Api, Context


def register(api: Api) -> None:
    register_exports(api)

    @api.route(
        "/organizations/{org_id}/students/{student_id}/erasure",
        ("POST",),
        response=ErasureOut,
        status=202,
        summary="Effacer un élève et toutes ses copies (administrateur de l'établissement)",
    )
    def erase_student(ctx: Context, org_id: str, student_id: str) -> Any:
        return erasure.erase_student(bootstrap.ports(), ctx.user, org_id, student_id)

    @api.route(
        "/users/{user_id}/erasure",
        ("POST",),
        response=ErasureOut,
        status=202,
        summary="Effacer un compte et toutes ses données, dans chaque service (jury)",
    )
    def erase_account(ctx: Context, user_id: str) -> Any:
        return erasure.erase_account(bootstrap.ports(), ctx.user, user_id)

    @api.route(
        "/erasures/{erasure_id}",
        response=ErasureOut,
        summary="Suivre un effacement : ce que chaque service a supprimé ou gardé",
    )
    def get_erasure(ctx: Context, erasure_id: str) -> Any:
        return erasure.get_erasure(bootstrap.ports(), ctx.user, erasure_id)


def register_exports(api: Api) -> None:
    @api.route(
        "/users/me/data-export",
        ("POST",),
        response=ExportOut,
        status=202,
        summary="Demander l'export de toutes mes données (une fois par 24 heures)",
        errors={429: ("EXPORT_THROTTLED",)},
    )
    def export_mine(ctx: Context) -> Any:
        return data_export.export_mine(bootstrap.ports(), ctx.user)

    @api.route(
        "/users/me/data-export",
        response=ExportOut,
        summary="Mon dernier export : son état, puis l'adresse de l'archive",
    )
    def my_export(ctx: Context) -> Any:
        return data_export.my_latest(bootstrap.ports(), ctx.user)

    @api.route(
        "/organizations/{org_id}/students/{student_id}/data-export",
        ("POST",),
        response=ExportOut,
        status=202,
        summary="Exporter les données d'un élève de l'établissement (administrateur)",
    )
    def export_student(ctx: Context, org_id: str, student_id: str) -> Any:
        return data_export.export_student(bootstrap.ports(), ctx.user, org_id, student_id)

    @api.route(
        "/data-exports/{export_id}",
        response=ExportOut,
        summary="Suivre un export, puis le télécharger",
    )
    def get_export(ctx: Context, export_id: str) -> Any:
        return data_export.get_export(bootstrap.ports(), ctx.user, export_id)
