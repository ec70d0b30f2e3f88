"""Imports whose job died: marked FAILED by the scheduled sweep, their school's lock released."""

from __future__ import annotations

from datetime import timedelta

from chalicelib.orga.domain.imports import (
    IMPORT_LEASE_SECONDS,
    IMPORT_TIMEOUT,
    OPEN,
    TIMEOUT_MESSAGE,
    ImportStatus,
    is_stuck,
)
from chalicelib.orga.ports import Ports
from chalicelib.orga.use_cases.import_job import file_away
from pixcore.logs import get_logger

SWEEP_LIMIT = 50
log = get_logger("orga.imports")


def fail_stuck_imports(ports: Ports) -> int:
    """Every import queued or running for longer than a lease, and no longer holding its school's
    lock with a live lease, fails with IMPORT_TIMEOUT: by a write conditional on it being still
    queued or running (a job finishing meanwhile wins), then the lock is released and an inbox
    file goes to failed/ with its report. Returns how many failed."""
    now = ports.clock.now()
    failed = 0
    for record in ports.imports.open_imports(
        now - timedelta(seconds=IMPORT_LEASE_SECONDS), SWEEP_LIMIT
    ):
        if not is_stuck(
            record.status, record.id, ports.imports.lock_holder(record.organization_id), now
        ):
            continue
        record.errors = [{"code": IMPORT_TIMEOUT, "message": TIMEOUT_MESSAGE}]
        record.finished_at = now
        if not ports.imports.transition(record, ImportStatus.FAILED, *OPEN):
            continue
        ports.imports.unlock(record.organization_id, record.id)
        log.warning("import.timed_out", import_id=record.id, organization_id=record.organization_id)
        failed += 1
        try:
            file_away(ports, record)
        except Exception:  # the file may be gone: the import has failed all the same
            log.error("import.file_away_failed", import_id=record.id, exc_info=True)
    return failed
