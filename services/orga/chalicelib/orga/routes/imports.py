"""Routes: student imports by upload or presigned upload, and following them."""

from __future__ import annotations

from typing import Any

from chalicelib.orga import bootstrap
from chalicelib.orga.domain.imports import CONTENT_TYPES
from chalicelib.orga.schemas import ImportAccepted, ImportOut, ImportsOut, UploadUrlOut
from chalicelib.orga.use_cases import imports
from pixcore.http import Api, Context

BASE = "/organizations/{org_id}/imports"
ANY_TYPE = ("*/*",)


def register(api: Api) -> None:
    # Any type reaches the route, which refuses the others itself, in the API's error format.
    @api.route(
        BASE,
        ("POST",),
        content_types=ANY_TYPE,
        response=ImportAccepted,
        status=202,
        summary="Importer les élèves (fichier SIECLE XML/ZIP ou CSV)",
    )
    def upload_students(ctx: Context, org_id: str) -> Any:
        content_type = ctx.headers.get("content-type", "application/octet-stream").split(";")[0]
        command = imports.Upload(org_id, ctx.raw_body, content_type)
        return imports.upload(bootstrap.ports(), ctx.user, command)

    for doc in api.openapi.routes:  # the document lists the types actually accepted
        if (doc.path, doc.method) == (BASE, "POST"):
            doc.content_types = CONTENT_TYPES

    @api.route(
        f"{BASE}/upload-url",
        ("POST",),
        response=UploadUrlOut,
        summary="Obtenir une adresse de dépôt pour un gros fichier",
    )
    def import_upload_url(ctx: Context, org_id: str) -> Any:
        return imports.upload_url(bootstrap.ports(), ctx.user, org_id)

    @api.route(
        BASE + "/{import_id}/start",
        ("POST",),
        response=ImportAccepted,
        status=202,
        summary="Lancer l'import d'un fichier déposé",
    )
    def start_import(ctx: Context, org_id: str, import_id: str) -> Any:
        return imports.start_uploaded(bootstrap.ports(), ctx.user, org_id, import_id)

    @api.route(BASE + "/{import_id}", response=ImportOut, summary="Suivre un import")
    def get_import(ctx: Context, org_id: str, import_id: str) -> Any:
        return imports.get_import(bootstrap.ports(), ctx.user, org_id, import_id)

    @api.route(BASE, response=ImportsOut, summary="Les derniers imports")
    def list_imports(ctx: Context, org_id: str) -> Any:
        return {"imports": imports.recent_imports(bootstrap.ports(), ctx.user, org_id)}
