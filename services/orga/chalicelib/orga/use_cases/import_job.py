"""The import job: read the stored file, then write every change or nothing, and tell certif."""

from __future__ import annotations

import json
from contextlib import ExitStack
from datetime import timedelta

from chalicelib.orga.domain.imports import (
    FINISHED,
    IMPORT_LEASE_SECONDS,
    Import,
    ImportStatus,
    inbox_target,
)
from chalicelib.orga.domain.student_import import screen_import
from chalicelib.orga.domain.student_records import FileRejected, ImportOutcome, ImportProblem
from chalicelib.orga.ports import Ports
from chalicelib.orga.use_cases.import_apply import apply_import
from pixcore.errors import PixError
from pixcore.logs import get_logger
from pixcore.messages.catalog import StudentImportRequested, StudentListRetired

log = get_logger("orga.imports")


def run_import(ports: Ports, message: StudentImportRequested) -> Import:
    """Runs once per import: QUEUED → RUNNING → DONE or FAILED by conditional writes; a job for a
    finished import does nothing. A file with errors fails with all of them and changes nothing."""
    record = ports.imports.get(message.organization_id, message.import_id)
    if record.status in FINISHED:
        log.info("import.already_finished", import_id=record.id)
        return record
    now = ports.clock.now()
    ports.imports.lock(
        record.organization_id, record.id, now + timedelta(seconds=IMPORT_LEASE_SECONDS), now
    )
    if not ports.imports.transition(
        record, ImportStatus.RUNNING, ImportStatus.QUEUED, ImportStatus.RUNNING
    ):
        return ports.imports.get(message.organization_id, message.import_id)
    log.info("import.started", import_id=record.id, organization_id=record.organization_id)
    today = ports.clock.now().date()
    with ExitStack() as stack:
        try:
            organization = ports.organizations.get(record.organization_id)
            records, rules = stack.enter_context(ports.student_files.open(record, organization.uai))
            outcome = screen_import(records, rules, today=today)
        except FileRejected as rejected:
            outcome = ImportOutcome.rejected(rejected)
        except PixError as error:  # no school or no file: the import fails, it will not heal
            outcome = ImportOutcome(errors=(ImportProblem(error.code, error.message),))
        if outcome.ok:  # more passes over the file: nothing was written before all was checked
            try:
                apply_import(ports, record, outcome, records, rules, today)
                record.warnings = [warning.to_dict() for warning in outcome.warnings]
                record.status = ImportStatus.DONE
            except PixError as error:  # refused for good: the previous list stays, as it was
                log.error("import.apply_failed", import_id=record.id, code=error.code)
                record.errors = [{"code": error.code, "message": error.message}]
                record.counts = {"read": outcome.read, "imported": 0}
                record.status = ImportStatus.FAILED
                ports.publisher.publish(
                    StudentListRetired(organization_id=record.organization_id, generation=record.id)
                )
        else:
            record.errors = [problem.to_dict() for problem in outcome.errors]
            record.counts = {"read": outcome.read, "imported": 0, "skipped": dict(outcome.skipped)}
            record.status = ImportStatus.FAILED
    record.finished_at = ports.clock.now()
    ports.imports.transition(record, record.status, ImportStatus.RUNNING)
    file_away(ports, record)
    ports.imports.unlock(record.organization_id, record.id)
    log.info(
        "import.finished", import_id=record.id, status=record.status, errors=len(record.errors)
    )
    return record


def file_away(ports: Ports, record: Import) -> None:
    """A successful import deletes its file: the students are in the table now, and a copy of
    every child of the school has no reason to stay (PRIVACY.md). A failed one keeps it 30 days
    (lifecycle rule) beside its report. A file from the inbox leaves its report in done/ or
    failed/ (with the file itself, when it failed)."""
    done = record.status is ImportStatus.DONE
    if not record.inbox_key:
        if done:
            ports.import_files.delete(record.key)
        return
    target = inbox_target(record.inbox_key, done)
    report = {
        "import_id": record.id,
        "status": record.status,
        "counts": record.counts,
        "errors": record.errors,
        "warnings": record.warnings,
    }
    if done:
        ports.import_files.delete(record.key)
    else:
        ports.import_files.move(record.key, target)
    ports.import_files.put(
        f"{target}.report.json",
        json.dumps(report, ensure_ascii=False, indent=1).encode(),
        "application/json",
    )
