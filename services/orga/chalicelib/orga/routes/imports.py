"""Routes: student imports by upload or presigned upload, and following them."""

from __future__ import annotations

from chalicelib.orga import bootstrap
from chalicelib.orga.domain.imports import CONTENT_TYPES, Import
from chalicelib.orga.import_schemas import ImportAccepted, ImportOut, ImportsOut, UploadUrlOut
from chalicelib.orga.use_cases import imports
from pixcore.http import Api, Context

BASE = "/organizations/{org_id}/imports"
ANY_TYPE = ("*/*",)


def import_out(record: Import) -> ImportOut:
    return ImportOut(
        id=record.id,
        status=record.status,
        file_kind=record.file_kind,
        source=record.source,
        counts=record.counts,
        errors=record.errors,
        created_at=record.created_at,
        finished_at=record.finished_at,
    )


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
    def upload_students(ctx: Context, org_id: str) -> ImportAccepted:
        content_type = ctx.headers.get("content-type", "application/octet-stream").split(";")[0]
        record = imports.upload(bootstrap.orga(), ctx.user, org_id, ctx.raw_body, content_type)
        return ImportAccepted(import_id=record.id, status=record.status)

    for doc in api.openapi.routes:  # the document lists the types actually accepted
        if (doc.path, doc.method) == (BASE, "POST"):
            doc.content_types = CONTENT_TYPES

    @api.route(
        f"{BASE}/upload-url",
        ("POST",),
        response=UploadUrlOut,
        summary="Obtenir une adresse de dépôt pour un gros fichier",
    )
    def import_upload_url(ctx: Context, org_id: str) -> UploadUrlOut:
        url = imports.upload_url(bootstrap.orga(), ctx.user, org_id)
        return UploadUrlOut(
            import_id=url.import_id, upload_url=url.upload_url, expires_in=url.expires_in
        )

    @api.route(
        BASE + "/{import_id}/start",
        ("POST",),
        response=ImportAccepted,
        status=202,
        summary="Lancer l'import d'un fichier déposé",
    )
    def start_import(ctx: Context, org_id: str, import_id: str) -> ImportAccepted:
        record = imports.start_uploaded(bootstrap.orga(), ctx.user, org_id, import_id)
        return ImportAccepted(import_id=record.id, status=record.status)

    @api.route(BASE + "/{import_id}", response=ImportOut, summary="Suivre un import")
    def get_import(ctx: Context, org_id: str, import_id: str) -> ImportOut:
        return import_out(imports.get_import(bootstrap.orga(), ctx.user, org_id, import_id))

    @api.route(BASE, response=ImportsOut, summary="Les derniers imports")
    def list_imports(ctx: Context, org_id: str) -> ImportsOut:
        found = imports.recent_imports(bootstrap.orga(), ctx.user, org_id)
        return ImportsOut(imports=[import_out(r) for r in found])
