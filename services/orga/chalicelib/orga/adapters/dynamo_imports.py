"""Import records and the per-school import lock in orga's table; the UAI directory."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from pynamodb.attributes import NumberAttribute, UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.exceptions import DoesNotExist

from chalicelib.orga.adapters.dynamo_accounts import UaiItem
from chalicelib.orga.adapters.tables import OrgaItem
from chalicelib.orga.domain.imports import OPEN, FileKind, Import, ImportSource, ImportStatus
from pixcore import retention as keep
from pixcore.dynamo import conditional
from pixcore.errors import ConcurrentUpdate, Conflict, NotFound
from pixcore.ports import DocumentStore

INLINE_REPORT_BYTES = 150 * 1024  # an item holds 400 KB; a bigger report goes to S3


OPEN_IMPORTS = "OPEN_IMPORTS"


class ImportItem(OrgaItem):
    """pk ORG#<org>, sk IMPORT#<import_id> (ids sort by time: the latest come last); while
    queued or running, gsi1 OPEN_IMPORTS / <created_at>#<org>#<id> (sparse: the sweep finds the
    stuck ones there)."""

    status = UnicodeAttribute()
    file_kind = UnicodeAttribute()
    source = UnicodeAttribute()
    key = UnicodeAttribute()
    inbox_key = UnicodeAttribute(null=True)
    created_at = UTCDateTimeAttribute()
    finished_at = UTCDateTimeAttribute(null=True)
    counts = UnicodeAttribute(null=True)
    errors = UnicodeAttribute(null=True)
    errors_key = UnicodeAttribute(null=True)
    warnings = UnicodeAttribute(null=True)
    warnings_key = UnicodeAttribute(null=True)


class ImportLockItem(OrgaItem):
    """pk ORG#<org>, sk IMPORT_LOCK: held by one import until released or its lease ends."""

    import_id = UnicodeAttribute()
    lease_until = NumberAttribute()


def _in_progress() -> Conflict:
    return Conflict(
        "Un import d'élèves est déjà en cours pour cet établissement ; attendez qu'il "
        "se termine avant d'en lancer un autre.",
        code="IMPORT_IN_PROGRESS",
    )


class DynamoImportRepository:
    def __init__(self, reports: DocumentStore) -> None:
        self.reports = reports

    def _item(self, r: Import, status: ImportStatus) -> ImportItem:
        item = ImportItem(
            f"ORG#{r.organization_id}",
            f"IMPORT#{r.id}",
            status=status,
            file_kind=r.file_kind,
            source=r.source,
            key=r.key,
            inbox_key=r.inbox_key,
            created_at=r.created_at,
            finished_at=r.finished_at,
            counts=json.dumps(r.counts),
        )
        if status is ImportStatus.FAILED and r.finished_at:  # the report stays 30 days
            item.expires_at = keep.after(r.finished_at, keep.FAILED_IMPORT_DAYS)
        if status in OPEN:
            item.gsi1pk = OPEN_IMPORTS
            item.gsi1sk = f"{r.created_at.isoformat()}#{r.organization_id}#{r.id}"
        item.errors, item.errors_key = self._report(r, "errors", r.errors)
        item.warnings, item.warnings_key = self._report(r, "warnings", r.warnings)
        return item

    def _report(self, r: Import, name: str, problems: list[Any]) -> tuple[str | None, str | None]:
        """Problems inline, or in S3 beside the file when they would not fit in the item (the
        errors and the warnings share the item: each gets less than half of it)."""
        text = json.dumps(problems, ensure_ascii=False)
        if len(text.encode()) <= INLINE_REPORT_BYTES:
            return text, None
        key = f"{r.key}.{name}.json"
        self.reports.put(key, text.encode(), "application/json")
        return None, key

    def _record(self, item: ImportItem) -> Import:
        errors, warnings = item.errors, item.warnings
        if item.errors_key:
            errors = self.reports.get(item.errors_key).decode()
        if item.warnings_key:
            warnings = self.reports.get(item.warnings_key).decode()
        return Import(
            item.sk.removeprefix("IMPORT#"),
            item.pk.removeprefix("ORG#"),
            ImportStatus(item.status),
            FileKind(item.file_kind),
            ImportSource(item.source),
            item.key,
            item.created_at,
            item.finished_at,
            json.loads(item.counts or "{}"),
            json.loads(errors or "[]"),
            item.inbox_key,
            json.loads(warnings or "[]"),
        )

    def add(self, record: Import) -> None:
        with conditional(Conflict("Cet import existe déjà.", code="IMPORT_EXISTS")):
            self._item(record, record.status).save(condition=ImportItem.pk.does_not_exist())

    def get(self, organization_id: str, import_id: str) -> Import:
        try:
            return self._record(
                ImportItem.get(
                    f"ORG#{organization_id}", f"IMPORT#{import_id}", consistent_read=True
                )
            )
        except DoesNotExist as exc:
            raise NotFound("Import introuvable.", code="IMPORT_NOT_FOUND") from exc

    def recent(self, organization_id: str, limit: int) -> list[Import]:
        found = ImportItem.query(
            f"ORG#{organization_id}",
            ImportItem.sk.startswith("IMPORT#"),
            scan_index_forward=False,
            limit=limit,
        )
        return [self._record(item) for item in found]

    def transition(self, record: Import, to: ImportStatus, *allowed_from: ImportStatus) -> bool:
        item = self._item(record, to)
        try:
            with conditional():
                item.save(condition=ImportItem.status.is_in(*allowed_from))
        except ConcurrentUpdate:
            return False  # the import is no longer in a state it may leave this way
        record.status = to
        return True

    def lock(self, organization_id: str, import_id: str, until: datetime, now: datetime) -> None:
        item = ImportLockItem(
            f"ORG#{organization_id}",
            "IMPORT_LOCK",
            import_id=import_id,
            lease_until=until.timestamp(),
            expires_at=int(until.timestamp()),
        )
        free = (
            ImportLockItem.pk.does_not_exist()
            | (ImportLockItem.import_id == import_id)
            | (ImportLockItem.lease_until < now.timestamp())
        )
        with conditional(_in_progress()):
            item.save(condition=free)

    def unlock(self, organization_id: str, import_id: str) -> None:
        try:
            with conditional():
                ImportLockItem(f"ORG#{organization_id}", "IMPORT_LOCK").delete(
                    condition=ImportLockItem.import_id == import_id
                )
        except ConcurrentUpdate:
            pass  # another import holds the lock now (this one's lease ran out): keep it

    def lock_holder(self, organization_id: str) -> tuple[str, datetime] | None:
        try:
            lock = ImportLockItem.get(f"ORG#{organization_id}", "IMPORT_LOCK", consistent_read=True)
        except DoesNotExist:
            return None
        return lock.import_id, datetime.fromtimestamp(lock.lease_until, UTC)

    def open_imports(self, created_before: datetime, limit: int) -> list[Import]:
        found = ImportItem.gsi1.query(
            OPEN_IMPORTS, ImportItem.gsi1sk < created_before.isoformat(), limit=limit
        )
        return [self._record(item) for item in found]


class DynamoSchoolDirectory:
    """Finds a school by UAI through the item written when the school was registered."""

    def organization_for_uai(self, uai: str) -> str | None:
        try:
            return UaiItem.get(f"UAI#{uai}", "UAI").organization_id
        except DoesNotExist:
            return None
