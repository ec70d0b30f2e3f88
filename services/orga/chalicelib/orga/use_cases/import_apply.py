"""Applying a checked student file: the new list written where no reader looks, then made current
by one conditional write, so that the school sees its previous list or the new one, never a mix.
Every step can run again: a job that stops anywhere completes when its message comes back."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date

from chalicelib.orga.domain.imports import Import, ImportPlan, counts, students_list_key
from chalicelib.orga.domain.student_import import StudentFileRules, kept_students
from chalicelib.orga.domain.student_records import ImportOutcome, StudentRecord
from chalicelib.orga.domain.students import Generation, Student, summary
from chalicelib.orga.ports import Ports
from chalicelib.orga.use_cases import import_digest
from pixcore.errors import ConcurrentUpdate, Conflict
from pixcore.ids import new_id
from pixcore.messages.catalog import StudentListRetired, StudentsImported

_LIST_CHANGED = (
    "Une autre liste d'élèves a été enregistrée pendant cet import : importez de nouveau votre "
    "fichier ; la liste actuelle des élèves est conservée."
)


def apply_import(
    ports: Ports,
    record: Import,
    outcome: ImportOutcome,
    records: Iterable[StudentRecord],
    rules: StudentFileRules,
    today: date,
) -> None:
    """Writes the import's list (generation = the import's id) unless it changes nothing, makes
    it current, tells certif, and retires the previous list. Sets the record's counts."""
    org, generation = record.organization_id, record.id
    current = ports.students.current_generation(org)
    if current is not None and current.id == generation:  # switched by an attempt that stopped
        _announce(ports, record, import_digest.manifest(ports.import_files, org, generation))
        return
    stored = import_digest.stored_students(ports.import_files, ports.students, org, current)
    dry = ImportPlan(org, ports.clock.now(), dict(stored), new_id)
    for _ in dry.students(kept_students(records, rules, today=today)):
        pass
    plan = ImportPlan(org, ports.clock.now(), stored, new_id)
    kept = kept_students(records, rules, today=today)
    key = students_list_key(org, generation)
    if current is not None and not (dry.created or dry.updated or dry.to_disable()):
        with ports.import_files.line_writer(key) as active_list:  # certif gets the list again
            for student, _ in plan.students(kept):
                active_list(json.dumps(summary(student), ensure_ascii=False))
        _announce(ports, record, _manifest(outcome, plan, [], key, None))
        return
    with (
        ports.import_files.line_writer(key) as active_list,
        import_digest.writer(ports.import_files, org, generation) as digest,
    ):

        def every_student() -> Iterator[Student]:
            for student, _ in plan.students(kept):
                active_list(json.dumps(summary(student), ensure_ascii=False))
                digest(import_digest.active_row(student))
                yield student

        ports.students.write_generation(org, generation, every_student())
        gone = plan.to_disable()  # once the file is read: who the new list drops
        if current is not None and gone:
            ports.students.archive(org, current.id, gone, ports.clock.now())
        ports.students.write_divisions(org, generation, plan.divisions)
        for absent in plan.absent():
            digest(import_digest.inactive_row(absent))
    manifest = _manifest(outcome, plan, [s.id for s in gone], key, current)
    import_digest.save_manifest(ports.import_files, org, generation, manifest)
    try:
        ports.students.switch_generation(org, generation, current.version if current else 0)
    except ConcurrentUpdate as lost:
        raise Conflict(_LIST_CHANGED, code="STUDENT_LIST_CHANGED") from lost
    _announce(ports, record, manifest)


def _manifest(
    outcome: ImportOutcome,
    plan: ImportPlan,
    disabled_ids: list[str],
    key: str,
    previous: Generation | None,
) -> dict[str, object]:
    return {
        "counts": counts(outcome.read, plan, len(disabled_ids), outcome.skipped),
        "students_key": key,
        "active_count": plan.imported,
        "disabled_student_ids": disabled_ids,
        "previous": previous.id if previous else None,
    }


def _announce(ports: Ports, record: Import, manifest: dict[str, object]) -> None:
    org = record.organization_id
    disabled = [str(i) for i in manifest["disabled_student_ids"]]  # type: ignore[attr-defined]
    ports.publisher.publish(
        StudentsImported(
            organization_id=org,
            import_id=record.id,
            students_bucket=ports.import_files.bucket,
            students_key=str(manifest["students_key"]),
            active_count=int(manifest["active_count"]),  # type: ignore[call-overload]
            disabled_student_ids=disabled,
        )
    )
    if manifest.get("previous"):
        ports.publisher.publish(
            StudentListRetired(organization_id=org, generation=str(manifest["previous"]))
        )
    record.counts = dict(manifest["counts"])  # type: ignore[call-overload]


def retire_list(ports: Ports, message: StudentListRetired) -> int:
    """Deletes a list no longer current (idempotent; the current list is never touched)."""
    org, generation = message.organization_id, message.generation
    removed = ports.students.retire_generation(org, generation)
    current = ports.students.current_generation(org)
    if current is None or current.id != generation:
        import_digest.forget(ports.import_files, org, generation)
    return removed
