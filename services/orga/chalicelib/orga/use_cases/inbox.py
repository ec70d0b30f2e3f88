"""The S3 inbox: files dropped under `inbox/<UAI>/` become imports of that school."""

from __future__ import annotations

import json
from datetime import timedelta

from chalicelib.orga.domain.imports import (
    IMPORT_LEASE_SECONDS,
    MAX_IMPORT_BYTES,
    ImportSource,
    ImportStatus,
    inbox_target,
    inbox_uai,
)
from chalicelib.orga.ports import Ports
from chalicelib.orga.use_cases.imports import new_import, queue_import
from pixcore.errors import Conflict, PixError
from pixcore.logs import get_logger

INBOX = "inbox/"
SWEEP_LIMIT = 50
log = get_logger("orga.inbox")


def _refuse(ports: Ports, key: str, code: str, message: str) -> None:
    target = inbox_target(key, ok=False)
    ports.import_files.move(key, target)
    report = {"status": ImportStatus.FAILED, "errors": [{"code": code, "message": message}]}
    ports.import_files.put(
        f"{target}.report.json",
        json.dumps(report, ensure_ascii=False, indent=1).encode(),
        "application/json",
    )


def sweep_inbox(ports: Ports) -> dict[str, int]:
    """Each file of a known school is queued as an import (it leaves the inbox at once, and ends
    in done/ or failed/ with its report); a school already importing keeps its file for the next
    sweep; a file of an unknown UAI, or too large, goes straight to failed/."""
    outcome = {"queued": 0, "waiting": 0, "refused": 0}
    for key in ports.import_files.keys(INBOX, SWEEP_LIMIT):
        if key.endswith("/"):
            continue
        uai = inbox_uai(key)
        organization_id = ports.schools.organization_for_uai(uai) if uai else None
        if organization_id is None:
            _refuse(
                ports,
                key,
                "UAI_UNKNOWN",
                "Aucun établissement ne correspond à l'UAI du dossier de dépôt.",
            )
            outcome["refused"] += 1
            continue
        if (ports.import_files.size(key) or 0) > MAX_IMPORT_BYTES:
            _refuse(ports, key, "FILE_TOO_LARGE", "Le fichier dépasse la taille maximale acceptée.")
            outcome["refused"] += 1
            continue
        try:
            _queue(ports, organization_id, key)
            outcome["queued"] += 1
        except Conflict:
            outcome["waiting"] += 1
        except PixError as error:
            log.error("inbox.refused", organization_id=organization_id, code=error.code)
    log.info("inbox.swept", **outcome)
    return outcome


def _queue(ports: Ports, organization_id: str, key: str) -> None:
    organization = ports.organizations.get(organization_id)
    record = new_import(ports, organization, ImportSource.INBOX, ImportStatus.QUEUED, inbox_key=key)
    now = ports.clock.now()
    # The lock first: a school already importing keeps its file in the inbox.
    until = now + timedelta(seconds=IMPORT_LEASE_SECONDS)
    ports.imports.lock(organization_id, record.id, until, now)
    ports.import_files.move(key, record.key)
    queue_import(ports, record)
