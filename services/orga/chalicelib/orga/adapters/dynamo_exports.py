"""Data exports in orga's table (ids and S3 keys) and their parts and archive in its bucket."""

from __future__ import annotations

import io
import json
import zipfile
from contextlib import suppress
from typing import Any, cast

from pynamodb.attributes import MapAttribute, UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.exceptions import DoesNotExist
from pynamodb.expressions.operand import Path

from chalicelib.orga.adapters.tables import OrgaItem
from chalicelib.orga.domain.privacy import DataExport
from pixcore import retention as keep
from pixcore.aws import client
from pixcore.dynamo import conditional
from pixcore.errors import ConcurrentUpdate, Conflict, NotFound
from pixcore.messages.catalog import ExportedDocument
from pixcore.storage import S3DocumentStore

EXPORTS = "exports/"


class ExportItem(OrgaItem):
    """pk EXPORT#<id>, sk EXPORT; gsi1 EXPORTS#<subject> / <requested_at> finds the latest."""

    requested_by = UnicodeAttribute()
    requested_at = UTCDateTimeAttribute()
    subject_key = UnicodeAttribute()
    organization_id = UnicodeAttribute(null=True)
    user_id = UnicodeAttribute(null=True)
    parts: MapAttribute[str, str] = MapAttribute(default=dict)
    archive_key = UnicodeAttribute(null=True)


def _key(export_id: str) -> tuple[str, str]:
    return f"EXPORT#{export_id}", "EXPORT"


def _export(i: ExportItem) -> DataExport:
    return DataExport(
        i.pk.removeprefix("EXPORT#"),
        i.requested_by,
        i.requested_at,
        i.subject_key,
        i.organization_id,
        i.user_id,
        dict(i.parts.as_dict()),
        i.archive_key,
    )


def _not_found() -> NotFound:
    return NotFound("Export introuvable.", code="EXPORT_NOT_FOUND")


class DynamoExports:
    def __init__(self, store: S3DocumentStore) -> None:
        self.store = store

    def add(self, export: DataExport) -> None:
        e = export
        item = ExportItem(
            *_key(e.id),
            requested_by=e.requested_by,
            requested_at=e.requested_at,
            subject_key=e.subject_key,
            organization_id=e.organization_id,
            user_id=e.user_id,
            parts=dict(e.parts),
            gsi1pk=f"EXPORTS#{e.subject_key}",
            gsi1sk=e.requested_at.isoformat(),
            expires_at=keep.after(e.requested_at, keep.EXPORT_DAYS),
        )
        with conditional(Conflict("Cet export existe déjà.", code="EXPORT_EXISTS")):
            item.save(condition=ExportItem.pk.does_not_exist())

    def get(self, export_id: str) -> DataExport:
        try:
            return _export(ExportItem.get(*_key(export_id), consistent_read=True))
        except DoesNotExist as exc:
            raise _not_found() from exc

    def latest(self, subject_key: str) -> DataExport | None:
        found = ExportItem.gsi1.query(f"EXPORTS#{subject_key}", scan_index_forward=False, limit=1)
        item = next(iter(found), None)
        return None if item is None else self.get(item.pk.removeprefix("EXPORT#"))

    def put_part(
        self,
        export_id: str,
        service: str,
        data: dict[str, Any],
        documents: list[ExportedDocument],
    ) -> DataExport:
        """A service's part, once: a repeated one changes nothing."""
        key = f"{EXPORTS}{export_id}/{service}.json"
        part = {"data": data, "documents": [d.model_dump() for d in documents]}
        self.store.put(
            key, json.dumps(part, ensure_ascii=False, indent=1).encode(), "application/json"
        )
        entry = cast(Path, ExportItem.parts[service])
        try:
            with conditional():
                ExportItem(*_key(export_id)).update(
                    actions=[entry.set(key)],
                    condition=ExportItem.pk.exists() & entry.does_not_exist(),
                )
        except ConcurrentUpdate:
            pass  # already there, or the export is gone: get() says which
        return self.get(export_id)

    def build_archive(self, export: DataExport, readme: str) -> str:
        """One zip: each service's JSON, the documents it named, a README; written again the
        same way by a repeated delivery."""
        archive_key = f"{EXPORTS}{export.id}.zip"
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("LISEZMOI.txt", readme)
            for service, key in sorted(export.parts.items()):
                part = json.loads(self.store.get(key))
                z.writestr(
                    f"{service}.json", json.dumps(part["data"], ensure_ascii=False, indent=1)
                )
                for doc in part.get("documents", []):
                    body = client("s3").get_object(Bucket=doc["bucket"], Key=doc["key"])["Body"]
                    z.writestr(f"documents/{doc['name']}", body.read())
        self.store.put(archive_key, buffer.getvalue(), "application/zip")
        for key in export.parts.values():
            self.store.delete(key)  # the parts are in the archive now
        with suppress(ConcurrentUpdate), conditional():
            ExportItem(*_key(export.id)).update(
                actions=[ExportItem.archive_key.set(archive_key)],
                condition=ExportItem.pk.exists(),
            )
        return archive_key

    def download_url(self, export: DataExport) -> str:
        assert export.archive_key
        return self.store.presigned_get(
            export.archive_key, 300, filename=f"donnees-pix-{export.id}.zip"
        )
