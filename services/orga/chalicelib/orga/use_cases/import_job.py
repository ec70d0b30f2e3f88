"""The import job: read the stored file, then write every change or nothing, and tell certif."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from datetime import timedelta

from chalicelib.orga.domain.imports import (
    FINISHED,
    IMPORT_LEASE_SECONDS,
    Change,
    Import,
    ImportPlan,
    ImportStatus,
    counts,
    inbox_target,
    students_list_key,
)
from chalicelib.orga.domain.student_import import kept_students, screen_import
from chalicelib.orga.domain.student_records import (
    FileRejected,
    ImportedStudent,
    ImportOutcome,
    ImportProblem,
)
from chalicelib.orga.domain.students import Student, summary
from chalicelib.orga.ports import Ports
from chalicelib.orga.use_cases import import_digest
from pixcore.errors import PixError
from pixcore.ids import new_id
from pixcore.logs import get_logger
from pixcore.messages.catalog import StudentImportRequested, StudentsImported

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
        if outcome.ok:  # a second pass over the file: nothing was written before all was checked
            _apply(ports, record, outcome, kept_students(records, rules, today=today))
            record.status = ImportStatus.DONE
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


def _apply(
    ports: Ports, record: Import, outcome: ImportOutcome, kept: Iterable[ImportedStudent]
) -> None:
    """One streaming pass: each student is written if new or changed, and goes to the active list
    for certif and to the new digest; only the INEs read back stay in memory."""
    org = record.organization_id
    now = ports.clock.now()
    plan = ImportPlan(
        org, now, import_digest.stored_students(ports.import_files, ports.students, org), new_id
    )
    import_digest.forget(ports.import_files, org)
    key = students_list_key(org, record.id)
    with (
        ports.import_files.line_writer(key) as active_list,
        import_digest.writer(ports.import_files, org) as digest,
    ):

        def changes() -> Iterator[tuple[Student, Change]]:
            for student, change in plan.students(kept):
                active_list(json.dumps(summary(student), ensure_ascii=False))
                digest(import_digest.active_row(student))
                if change is not Change.UNCHANGED:
                    yield student, change

        ports.students.save_imported(changes())
        gone = plan.to_disable()
        ports.students.disable(org, gone, now)
        ports.students.set_divisions(org, plan.divisions)
        for absent in plan.absent():
            digest(import_digest.inactive_row(absent))
    ports.publisher.publish(
        StudentsImported(
            organization_id=org,
            import_id=record.id,
            students_bucket=ports.import_files.bucket,
            students_key=key,
            active_count=plan.imported,
            disabled_student_ids=[s.id for s in gone],
        )
    )
    record.counts = counts(outcome.read, plan, len(gone), outcome.skipped)


def file_away(ports: Ports, record: Import) -> None:
    """A file from the inbox ends in done/ or failed/, its JSON report next to it."""
    if not record.inbox_key:
        return
    target = inbox_target(record.inbox_key, record.status is ImportStatus.DONE)
    report = {
        "import_id": record.id,
        "status": record.status,
        "counts": record.counts,
        "errors": record.errors,
    }
    ports.import_files.move(record.key, target)
    ports.import_files.put(
        f"{target}.report.json",
        json.dumps(report, ensure_ascii=False, indent=1).encode(),
        "application/json",
    )
