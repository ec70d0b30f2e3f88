"""Asking for a student import (upload, presigned upload, inbox) and following it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from chalicelib.orga.domain.imports import (
    CONTENT_TYPES,
    IMPORT_LEASE_SECONDS,
    MAX_IMPORT_BYTES,
    UNSUPPORTED_TYPE_MESSAGE,
    FileKind,
    Import,
    ImportSource,
    ImportStatus,
    is_accepted_type,
    upload_key,
)
from chalicelib.orga.domain.organizations import Organization
from chalicelib.orga.ports import Ports
from pixcore.errors import Conflict, Invalid, NotFound, TooLarge, UnsupportedMediaType
from pixcore.ids import new_id
from pixcore.messages.catalog import StudentImportRequested
from pixcore.principal import Principal, require_member

UPLOAD_URL_SECONDS = 900


@dataclass(frozen=True)
class Upload:
    organization_id: str
    content: bytes
    content_type: str


@dataclass(frozen=True)
class UploadUrl:
    import_id: str
    upload_url: str
    expires_in: int


def _file_kind(organization: Organization) -> FileKind:
    return FileKind.CSV if organization.imports_csv else FileKind.SIECLE


def new_import(
    ports: Ports,
    organization: Organization,
    source: ImportSource,
    status: ImportStatus,
    inbox_key: str | None = None,
) -> Import:
    import_id = new_id()
    return Import(
        import_id,
        organization.id,
        status,
        _file_kind(organization),
        source,
        upload_key(organization.id, import_id),
        ports.clock.now(),
        inbox_key=inbox_key,
    )


def queue_import(ports: Ports, record: Import) -> Import:
    """Takes the school's lock (one import at a time), then records the import and queues its
    job; a school whose import is queued or running gets IMPORT_IN_PROGRESS."""
    now = ports.clock.now()
    ports.imports.lock(
        record.organization_id, record.id, now + timedelta(seconds=IMPORT_LEASE_SECONDS), now
    )
    try:
        if record.status is ImportStatus.AWAITING_UPLOAD:
            queued = ports.imports.transition(
                record, ImportStatus.QUEUED, ImportStatus.AWAITING_UPLOAD
            )
            if not queued:
                raise Conflict("Cet import a déjà été lancé.", code="IMPORT_ALREADY_STARTED")
        else:
            record.status = ImportStatus.QUEUED
            ports.imports.add(record)
        ports.publisher.publish(
            StudentImportRequested(
                organization_id=record.organization_id,
                import_id=record.id,
                bucket=ports.import_files.bucket,
                key=record.key,
                file_kind=record.file_kind,
            )
        )
    except Exception:
        ports.imports.unlock(record.organization_id, record.id)
        raise
    return record


def upload(ports: Ports, caller: Principal, command: Upload) -> Import:
    """An admin (or the jury) sends the school's file in the request body."""
    organization_id, content, content_type = (
        command.organization_id,
        command.content,
        command.content_type,
    )
    require_member(caller, organization_id, admin=True)
    if not is_accepted_type(content_type):
        raise UnsupportedMediaType(
            UNSUPPORTED_TYPE_MESSAGE.format(content_type=content_type),
            details={"content_type": content_type, "accepted": list(CONTENT_TYPES)},
        )
    organization = ports.organizations.get(organization_id)
    if not content:
        raise Invalid("Le fichier envoyé est vide.", code="EMPTY_FILE")
    record = new_import(ports, organization, ImportSource.UPLOAD, ImportStatus.QUEUED)
    ports.import_files.put(record.key, content, content_type)
    return queue_import(ports, record)


def upload_url(ports: Ports, caller: Principal, organization_id: str) -> UploadUrl:
    """A large file goes straight to S3 through a short-lived presigned PUT."""
    require_member(caller, organization_id, admin=True)
    organization = ports.organizations.get(organization_id)
    record = new_import(ports, organization, ImportSource.PRESIGNED, ImportStatus.AWAITING_UPLOAD)
    ports.imports.add(record)
    url = ports.import_files.presigned_put(record.key, UPLOAD_URL_SECONDS)
    return UploadUrl(record.id, url, UPLOAD_URL_SECONDS)


def start_uploaded(ports: Ports, caller: Principal, organization_id: str, import_id: str) -> Import:
    """Once the presigned upload is done, the file must be there and not too large."""
    require_member(caller, organization_id, admin=True)
    record = ports.imports.get(organization_id, import_id)
    if record.status is not ImportStatus.AWAITING_UPLOAD:
        raise Conflict("Cet import a déjà été lancé.", code="IMPORT_ALREADY_STARTED")
    size = ports.import_files.size(record.key)
    if size is None:
        raise NotFound("Le fichier n'a pas encore été déposé.", code="IMPORT_FILE_MISSING")
    if size > MAX_IMPORT_BYTES:
        raise TooLarge(details={"max_bytes": MAX_IMPORT_BYTES, "size": size})
    return queue_import(ports, record)


def get_import(ports: Ports, caller: Principal, organization_id: str, import_id: str) -> Import:
    require_member(caller, organization_id, admin=True)
    return ports.imports.get(organization_id, import_id)


def recent_imports(
    ports: Ports, caller: Principal, organization_id: str, limit: int = 20
) -> list[Import]:
    require_member(caller, organization_id, admin=True)
    return ports.imports.recent(organization_id, limit)
