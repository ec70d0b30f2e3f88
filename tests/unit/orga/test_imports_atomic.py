"""An import is all or nothing for readers too: a failure at any write, a stopped process or a
refusal for good leaves the school's previous list as it was, or completes on redelivery."""

from __future__ import annotations

import pytest

from chalicelib.orga.adapters.memory import InMemoryStudentRepository
from chalicelib.orga.domain.imports import ImportStatus
from chalicelib.orga.use_cases import import_apply, import_job
from infra.samples.siecle_builder import school_eleves, siecle_xml
from infra.samples.siecle_generator import students_xml
from pixcore.errors import Invalid
from pixcore.messages.catalog import StudentListRetired, StudentsImported
from tests.unit.orga.test_imports_job import ADMIN_1, UAI, Ports, import_file, upload


class Killed(BaseException):
    """The process stops here: no handler of the job runs (as with SIGKILL)."""


class FailingAt(InMemoryStudentRepository):
    def __init__(self) -> None:
        super().__init__()
        self.fail_at: int | None = None
        self.error: BaseException = RuntimeError("DynamoDB throttled")

    def write_one(self, target, student) -> None:  # noqa: ANN001
        if self.fail_at is not None and self.writes + 1 == self.fail_at:
            self.fail_at = None
            raise self.error
        super().write_one(target, student)


def visible(ports) -> tuple[set[str], list]:  # noqa: ANN001
    """What the school sees: its active students' INEs and its divisions."""
    page, _ = ports.students.page("org-1", None, None, 200, None)
    return {s.ine for s in page}, sorted(ports.students.divisions("org-1"))


def first_list_then_a_new_file(ports, error: BaseException):  # noqa: ANN001, ANN201
    """GIVEN 60 students imported, WHEN a file moving all of them to new divisions fails at its
    25th write; returns the job message and what the school saw before."""
    import_file(ports, students_xml(60, uai=UAI, divisions=3))
    before = visible(ports)
    ports.students.fail_at, ports.students.error = ports.students.writes + 25, error
    upload(ports, ADMIN_1, "org-1", students_xml(60, uai=UAI, divisions=4), "text/xml")
    [message] = ports.publisher.of_type("StudentImportRequested")[-1:]
    return message, before


def test_a_transient_failure_mid_write_leaves_the_previous_list_then_completes_on_retry():
    ports = Ports(students=FailingAt())
    message, before = first_list_then_a_new_file(ports, RuntimeError("throttled"))
    with pytest.raises(RuntimeError):
        import_job.run_import(ports, message)
    assert ports.imports.get("org-1", message.import_id).status is ImportStatus.RUNNING
    assert visible(ports) == before  # never a mix
    done = import_job.run_import(ports, message)  # SQS delivers it again
    assert done.status is ImportStatus.DONE and done.counts["imported"] == 60
    assert visible(ports)[1] != before[1] and len(visible(ports)[0]) == 60


def test_a_process_killed_mid_write_leaves_the_previous_list_then_completes_on_redelivery():
    ports = Ports(students=FailingAt())
    message, before = first_list_then_a_new_file(ports, Killed())
    with pytest.raises(Killed):
        import_job.run_import(ports, message)
    assert visible(ports) == before
    assert import_job.run_import(ports, message).status is ImportStatus.DONE
    assert len(visible(ports)[1]) == 4


def test_a_process_killed_after_the_switch_finishes_without_writing_again():
    ports = Ports()
    import_file(ports, siecle_xml(school_eleves(), uai=UAI))
    upload(ports, ADMIN_1, "org-1", siecle_xml(school_eleves()[:2], uai=UAI), "text/xml")
    [message] = ports.publisher.of_type("StudentImportRequested")[-1:]
    publish = ports.publisher.publish

    def killed_on_announce(*messages) -> None:  # noqa: ANN002
        if any(isinstance(m, StudentsImported) for m in messages):
            ports.publisher.publish = publish
            raise Killed()
        publish(*messages)

    ports.publisher.publish = killed_on_announce
    with pytest.raises(Killed):
        import_job.run_import(ports, message)
    writes = ports.students.writes
    done = import_job.run_import(ports, message)
    assert done.status is ImportStatus.DONE and done.counts["disabled"] == 2
    assert ports.students.writes == writes
    [announced] = [m for m in ports.publisher.of_type(StudentsImported) if m.import_id == done.id]
    assert announced.active_count == 2 and len(announced.disabled_student_ids) == 2


def test_a_write_refused_for_good_fails_the_import_at_once_and_keeps_the_previous_list():
    ports = Ports(students=FailingAt())
    refusal = Invalid("Une fiche d'élève n'a pas pu être enregistrée.", code="STUDENT_NOT_STORABLE")
    message, before = first_list_then_a_new_file(ports, refusal)
    record = import_job.run_import(ports, message)
    assert record.status is ImportStatus.FAILED
    assert [e["code"] for e in record.errors] == ["STUDENT_NOT_STORABLE"]
    assert "org-1" not in ports.imports.locks
    assert visible(ports) == before
    # the half-written list is deleted, and the school can import again
    [retire] = [m for m in ports.publisher.of_type(StudentListRetired) if m.generation == record.id]
    import_apply.retire_list(ports, retire)
    assert ("org-1", record.id) not in ports.students.lists
    assert import_file(ports, students_xml(60, uai=UAI, divisions=4)).status is ImportStatus.DONE
