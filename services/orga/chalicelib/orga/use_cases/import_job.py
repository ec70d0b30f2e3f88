"""The import job: read the stored file, then write every change or nothing, and tell certif."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta

from chalicelib.orga.domain.imports import (
    FINISHED,
    IMPORT_LEASE_SECONDS,
    FileKind,
    Import,
    ImportPlan,
    ImportStatus,
    counts,
    inbox_target,
    students_list_key,
)
from chalicelib.orga.domain.student_records import ImportOutcome, ImportProblem
from chalicelib.orga.domain.students import LINK_UNKNOWN, Student, student_from_file, summary
from chalicelib.orga.importing.agri_csv import import_agri_csv
from chalicelib.orga.importing.siecle import import_siecle
from chalicelib.orga.use_cases import import_digest
from chalicelib.orga.use_cases.imports import ImportPorts
from pixcore.errors import PixError
from pixcore.ids import new_id
from pixcore.logs import get_logger
from pixcore.messages.catalog import StudentImportRequested, StudentsImported

log = get_logger("orga.imports")


def read_file(ports: ImportPorts, record: Import, uai: str) -> ImportOutcome:
    """SIECLE XML or ZIP for schools, the CSV for agricultural ones; the file is streamed."""
    stream = ports.import_files.open(record.key)
    try:
        if record.file_kind is FileKind.CSV:
            return import_agri_csv(stream, today=ports.clock.now().date())
        return import_siecle(stream, expected_uai=uai, today=ports.clock.now().date())
    finally:
        close = getattr(stream, "close", None)
        if close:
            close()


def run_import(ports: ImportPorts, message: StudentImportRequested) -> Import:
    """Runs once per import: QUEUED → RUNNING → DONE or FAILED by conditional writes; a job for a
    finished import does nothing. A file with errors fails with all of them and changes nothing."""
    record = ports.imports.get(message.organization_id, message.import_id)
    if record.status in FINISHED:
        log.info("import.already_finished", import_id=record.id)
        return record
    now = ports.clock.now()
    ports.imports.lock(record.organization_id, record.id,
                       now + timedelta(seconds=IMPORT_LEASE_SECONDS), now)
    if not ports.imports.transition(record, ImportStatus.RUNNING, ImportStatus.QUEUED,
                                    ImportStatus.RUNNING):
        return ports.imports.get(message.organization_id, message.import_id)
    log.info("import.started", import_id=record.id, organization_id=record.organization_id)
    try:
        organization = ports.organizations.get(record.organization_id)
        outcome = read_file(ports, record, organization.uai)
    except PixError as error:  # no school or no file: the import fails, it will not heal
        outcome = ImportOutcome(errors=(ImportProblem(error.code, error.message),))
    if outcome.ok:
        _apply(ports, record, outcome)
        record.status = ImportStatus.DONE
    else:
        record.errors = [problem.to_dict() for problem in outcome.errors]
        record.counts = {"read": outcome.read, "imported": 0, "skipped": dict(outcome.skipped)}
        record.status = ImportStatus.FAILED
    record.finished_at = ports.clock.now()
    ports.imports.transition(record, record.status, ImportStatus.RUNNING)
    _file_away(ports, record)
    ports.imports.unlock(record.organization_id, record.id)
    log.info("import.finished", import_id=record.id, status=record.status,
             errors=len(record.errors))
    return record


def _apply(ports: ImportPorts, record: Import, outcome: ImportOutcome) -> None:
    org = record.organization_id
    now = ports.clock.now()
    plan = ImportPlan(org, now, import_digest.stored_students(ports.import_files, ports.students,
                                                             org), new_id)
    import_digest.forget(ports.import_files, org)
    # Only ids and hashes are kept between the passes: 100,000 students must fit in memory.
    links: list[tuple[str, str]] = []
    relink: list[Student] = []

    def to_write() -> Iterator[Student]:
        for student, write in plan.students(outcome.students):
            links.append((student.id, student.fingerprint))
            if write and student.user_id == LINK_UNKNOWN:
                relink.append(student)
            elif write:
                yield student

    ports.students.save_all(to_write())
    if relink:
        user_ids = ports.students.user_ids(org, [s.ine for s in relink])
        ports.students.save_all(replace(s, user_id=user_ids.get(s.ine)) for s in relink)
    gone = plan.to_disable()
    ports.students.disable(org, gone, now)
    ports.students.set_divisions(org, plan.divisions)
    key = students_list_key(org, record.id)
    lines = (json.dumps(summary(student_from_file(s, org, sid, None, now, "")), ensure_ascii=False)
             for s, (sid, _) in zip(outcome.students, links, strict=True))
    ports.import_files.put_lines(key, lines)
    active = ((s.ine, sid, content, s.division)
              for s, (sid, content) in zip(outcome.students, links, strict=True))
    import_digest.save(ports.import_files, org, import_digest.rows(active, [
        s for s in plan.stored.values() if s.ine not in plan.seen]))
    ports.publisher.publish(StudentsImported(
        organization_id=org, import_id=record.id, students_bucket=ports.import_files.bucket,
        students_key=key, active_count=len(links),
        disabled_student_ids=[s.id for s in gone]))
    record.counts = counts(outcome.read, len(links), plan, len(gone), outcome.skipped)


def _file_away(ports: ImportPorts, record: Import) -> None:
    """A file from the inbox ends in done/ or failed/, its JSON report next to it."""
    if not record.inbox_key:
        return
    target = inbox_target(record.inbox_key, record.status is ImportStatus.DONE)
    report = {"import_id": record.id, "status": record.status, "counts": record.counts,
              "errors": record.errors}
    ports.import_files.move(record.key, target)
    ports.import_files.put(f"{target}.report.json",
                           json.dumps(report, ensure_ascii=False, indent=1).encode(),
                           "application/json")
