"""The import use cases against in-memory fakes: queue, lock, job, re-import, errors, inbox."""

from __future__ import annotations

from datetime import timedelta

import pytest

from chalicelib.orga.adapters.memory import InMemoryStudentRepository, memory_ports
from chalicelib.orga.domain.imports import ImportStatus
from chalicelib.orga.domain.organizations import Organization, OrganizationType, Sector
from chalicelib.orga.importing.agri_csv import COLUMNS
from chalicelib.orga.use_cases import import_job, imports, inbox, stuck_imports
from infra.samples.siecle_builder import Eleve, school_eleves, siecle_xml, zipped
from pixcore.errors import Conflict, Forbidden, NotFound, UnsupportedMediaType
from pixcore.principal import ADMIN, JURY, Principal

UAI = "0750655E"
AGRI_UAI = "0951099D"


def Ports(**overrides):  # noqa: ANN003, ANN201, N802 - builds the ports like a class would
    """The in-memory ports with a collège and an agricultural school."""
    ports = memory_ports(**overrides)
    for org_id, uai, kind in (
        ("org-1", UAI, OrganizationType.COLLEGE),
        ("org-agri", AGRI_UAI, OrganizationType.AGRICOLE),
    ):
        ports.organizations.add(
            Organization(org_id, uai, "École", kind, Sector.PUBLIC, "Paris", True)
        )
    return ports


def upload(ports, caller, org, data, content_type):  # noqa: ANN001, ANN201
    return imports.upload(ports, caller, imports.Upload(org, data, content_type))


ADMIN_1 = Principal("admin-1", memberships={"org-1": ADMIN, "org-agri": ADMIN})


def run_queued(ports: Ports) -> None:
    for message in ports.publisher.of_type("StudentImportRequested"):
        import_job.run_import(ports, message)
    ports.publisher.published = [
        m for m in ports.publisher.published if m.type != "StudentImportRequested"
    ]


def import_file(ports: Ports, data: bytes, org: str = "org-1"):  # noqa: ANN201
    record = upload(ports, ADMIN_1, org, data, "application/xml")
    run_queued(ports)
    return ports.imports.get(org, record.id)


def test_a_first_import_creates_the_kept_students():
    ports = Ports()
    record = import_file(ports, siecle_xml(school_eleves(), uai=UAI))
    assert record.status is ImportStatus.DONE
    assert record.counts["created"] == 4 and record.counts["disabled"] == 0
    assert sorted(ports.students.divisions("org-1")) == [("3E1", 2), ("3E2", 2)]
    [message] = ports.publisher.of_type("StudentsImported")
    assert message.active_count == 4
    assert ports.import_files.get(message.students_key).count(b"\n") == 4


def test_a_zipped_export_is_imported_like_the_xml():
    ports = Ports()
    xml = siecle_xml(school_eleves(), uai=UAI)
    data = zipped({"__MACOSX/._x.xml": b"junk", "ElevesSansAdresses.xml": xml})
    assert import_file(ports, data).counts["created"] == 4


def test_reimporting_the_same_file_writes_nothing():
    ports = Ports()
    import_file(ports, siecle_xml(school_eleves(), uai=UAI))
    writes = ports.students.writes
    record = import_file(ports, siecle_xml(school_eleves(), uai=UAI))
    assert ports.students.writes == writes
    assert record.counts | {"skipped": {}} == {
        "read": 7,
        "imported": 4,
        "created": 0,
        "updated": 0,
        "unchanged": 4,
        "disabled": 0,
        "skipped": {},
    }


def test_a_reimport_keeps_ids_and_links_updates_changes_and_disables_the_absent():
    ports = Ports()
    eleves = school_eleves()
    import_file(ports, siecle_xml(eleves, uai=UAI))
    zoe = next(s for s in ports.students.students.values() if s.ine == "1234567890A")
    ports.students.link_user("org-1", zoe.id, "user-zoe")
    eleves[0].last_name = "LEFEVRE-MARTIN"
    record = import_file(ports, siecle_xml([eleves[0], eleves[2]], uai=UAI))
    assert (record.counts["updated"], record.counts["disabled"]) == (1, 2)
    again = ports.students.get("org-1", zoe.id)
    assert again.last_name == "LEFEVRE-MARTIN" and again.user_id == "user-zoe"
    assert {s.ine for s in ports.students.students.values() if not s.active} == {
        "0987654321B",
        "2345678901E",
    }


def test_a_disabled_student_who_comes_back_is_active_again():
    ports = Ports()
    eleves = school_eleves()
    import_file(ports, siecle_xml(eleves, uai=UAI))
    import_file(ports, siecle_xml(eleves[:1], uai=UAI))
    record = import_file(ports, siecle_xml(eleves, uai=UAI))
    assert record.counts["updated"] == 3
    assert all(s.active for s in ports.students.students.values())


def test_a_file_with_errors_fails_with_all_of_them_and_writes_nothing():
    ports = Ports()
    bad = [
        Eleve("1", ine=""),
        Eleve("2", ine="1111111111A", birthdate="31/02/2008"),
        Eleve("3", ine="2222222222B", sex=None),
    ]
    record = import_file(ports, siecle_xml(bad, uai=UAI))
    assert record.status is ImportStatus.FAILED and len(record.errors) == 3
    assert ports.students.students == {} and ports.publisher.of_type("StudentsImported") == []
    assert "org-1" not in ports.imports.locks


def test_another_school_s_file_fails_with_uai_mismatched():
    record = import_file(Ports(), siecle_xml(school_eleves(), uai="0750001U"))
    assert [e["code"] for e in record.errors] == ["UAI_MISMATCHED"]


def test_an_agricultural_school_imports_its_csv():
    ports = Ports()
    header = ";".join(name for _, name, _ in COLUMNS)
    row = "1234567890A;Zoé;;;LEFÈVRE;;F;29/02/2008;75056;Paris;075;99100;AP;27621000000;2NDE A"
    record = import_file(ports, f"{header}\n{row}\n".encode(), org="org-agri")
    assert record.status is ImportStatus.DONE and record.counts["created"] == 1


def test_one_import_at_a_time_per_school():
    ports = Ports()
    upload(ports, ADMIN_1, "org-1", siecle_xml(school_eleves(), uai=UAI), "text/xml")
    with pytest.raises(Conflict) as refused:
        upload(ports, ADMIN_1, "org-1", siecle_xml(school_eleves(), uai=UAI), "text/xml")
    assert refused.value.code == "IMPORT_IN_PROGRESS"
    upload(ports, ADMIN_1, "org-agri", b"x", "text/csv")  # another school is free


def test_an_expired_lease_frees_the_school():
    ports = Ports()
    first = upload(ports, ADMIN_1, "org-1", siecle_xml(school_eleves(), uai=UAI), "text/xml")
    ports.clock.advance(minutes=14)
    with pytest.raises(Conflict):  # the lease still runs
        upload(ports, ADMIN_1, "org-1", siecle_xml(school_eleves(), uai=UAI), "text/xml")
    ports.clock.advance(minutes=2)
    second = upload(ports, ADMIN_1, "org-1", siecle_xml(school_eleves(), uai=UAI), "text/xml")
    assert second.status is ImportStatus.QUEUED and second.id != first.id
    assert ports.imports.lock_holder("org-1")[0] == second.id


def test_a_finished_import_never_runs_again():
    ports = Ports()
    upload(ports, ADMIN_1, "org-1", siecle_xml(school_eleves(), uai=UAI), "text/xml")
    [message] = ports.publisher.of_type("StudentImportRequested")
    import_job.run_import(ports, message)
    import_job.run_import(ports, message)
    assert len(ports.publisher.of_type("StudentsImported")) == 1


def test_only_admins_and_the_jury_import():
    ports = Ports()
    with pytest.raises(Forbidden):
        upload(ports, Principal("m", memberships={"org-1": "MEMBER"}), "org-1", b"x", "text/xml")
    upload(ports, Principal("j", JURY), "org-1", siecle_xml(school_eleves(), uai=UAI), "text/xml")


def test_a_presigned_import_starts_only_once_the_file_is_there():
    ports = Ports()
    url = imports.upload_url(ports, ADMIN_1, "org-1")
    with pytest.raises(NotFound):
        imports.start_uploaded(ports, ADMIN_1, "org-1", url.import_id)
    ports.import_files.put(f"imports/org-1/{url.import_id}", siecle_xml(school_eleves(), uai=UAI))
    imports.start_uploaded(ports, ADMIN_1, "org-1", url.import_id)
    with pytest.raises(Conflict):
        imports.start_uploaded(ports, ADMIN_1, "org-1", url.import_id)
    run_queued(ports)
    assert ports.imports.get("org-1", url.import_id).status is ImportStatus.DONE


def test_the_inbox_imports_known_schools_and_refuses_unknown_uais():
    ports = Ports()
    ports.import_files.put(f"inbox/{UAI}/eleves.xml", siecle_xml(school_eleves(), uai=UAI))
    ports.import_files.put("inbox/0750001U/eleves.xml", b"<x/>")
    assert inbox.sweep_inbox(ports) == {"queued": 1, "waiting": 0, "refused": 1}
    run_queued(ports)
    assert f"done/{UAI}/eleves.xml" not in ports.import_files.objects  # imported: deleted
    assert set(ports.import_files.objects) >= {
        f"done/{UAI}/eleves.xml.report.json",
        "failed/0750001U/eleves.xml.report.json",
    }
    assert not any(k.startswith("inbox/") for k in ports.import_files.objects)


def test_the_inbox_keeps_the_file_of_a_school_already_importing():
    ports = Ports()
    upload(ports, ADMIN_1, "org-1", siecle_xml(school_eleves(), uai=UAI), "text/xml")
    ports.import_files.put(f"inbox/{UAI}/eleves.xml", siecle_xml(school_eleves(), uai=UAI))
    assert inbox.sweep_inbox(ports)["waiting"] == 1
    assert f"inbox/{UAI}/eleves.xml" in ports.import_files.objects


class LinkedMeanwhile(InMemoryStudentRepository):
    """A student joins a campaign (and is linked) right after the job has read the students."""

    def __init__(self) -> None:
        super().__init__()
        self.link: tuple[str, str] | None = None

    def stored(self, organization_id: str):  # noqa: ANN201
        found = super().stored(organization_id)
        if self.link:
            self.link_user(organization_id, *self.link)
        return found


def test_a_rewrite_keeps_an_account_link_made_while_the_job_runs():
    # GIVEN a school whose students were imported, and the digest of that import lost
    ports = Ports(students=LinkedMeanwhile())
    eleves = school_eleves()
    import_file(ports, siecle_xml(eleves, uai=UAI))
    zoe = next(s for s in ports.students.students.values() if s.ine == "1234567890A")
    generation = ports.students.current_generation("org-1").id
    ports.import_files.delete(f"imports/org-1/{generation}.digest.jsonl")
    # WHEN Zoé is linked to her account between the job's read-back and its write
    ports.students.link = (zoe.id, "user-zoe")
    eleves[0].last_name = "LEFEVRE-MARTIN"
    record = import_file(ports, siecle_xml(eleves, uai=UAI))
    # THEN her record is rewritten and keeps the link
    again = ports.students.get("org-1", zoe.id)
    assert record.counts["updated"] == 1
    assert (again.last_name, again.user_id) == ("LEFEVRE-MARTIN", "user-zoe")


def test_an_import_whose_job_died_fails_after_a_lease_and_frees_the_school():
    # GIVEN an upload whose job message never ran (it went to the dead-letter queue)
    ports = Ports()
    lost = upload(ports, ADMIN_1, "org-1", siecle_xml(school_eleves(), uai=UAI), "text/xml")
    ports.publisher.published = []
    # WHEN the sweep runs before, then after the lease
    ports.clock.advance(minutes=14)
    assert stuck_imports.fail_stuck_imports(ports) == 0
    ports.clock.advance(minutes=2)
    assert stuck_imports.fail_stuck_imports(ports) == 1
    # THEN it failed with a French explanation, and the school can import again
    record = ports.imports.get("org-1", lost.id)
    assert record.status is ImportStatus.FAILED and record.finished_at is not None
    assert [e["code"] for e in record.errors] == ["IMPORT_TIMEOUT"]
    assert "relancez-le" in record.errors[0]["message"].lower()
    assert "org-1" not in ports.imports.locks
    assert stuck_imports.fail_stuck_imports(ports) == 0


def test_a_job_that_started_late_holds_a_fresh_lease_and_is_not_failed():
    ports = Ports()
    record = upload(ports, ADMIN_1, "org-1", siecle_xml(school_eleves(), uai=UAI), "text/xml")
    ports.clock.advance(minutes=14)
    ports.imports.lock(
        "org-1", record.id, ports.clock.now() + timedelta(minutes=15), ports.clock.now()
    )  # what the job does when it starts
    ports.imports.transition(record, ImportStatus.RUNNING, ImportStatus.QUEUED)
    ports.clock.advance(minutes=5)
    assert stuck_imports.fail_stuck_imports(ports) == 0
    assert ports.imports.get("org-1", record.id).status is ImportStatus.RUNNING


def test_a_stuck_inbox_import_ends_in_failed_with_its_report():
    ports = Ports()
    ports.import_files.put(f"inbox/{UAI}/eleves.xml", siecle_xml(school_eleves(), uai=UAI))
    inbox.sweep_inbox(ports)
    ports.clock.advance(minutes=16)
    assert stuck_imports.fail_stuck_imports(ports) == 1
    assert {f"failed/{UAI}/eleves.xml", f"failed/{UAI}/eleves.xml.report.json"} <= set(
        ports.import_files.objects
    )


def test_an_unsupported_file_type_is_refused_with_what_is_accepted():
    with pytest.raises(UnsupportedMediaType) as refused:
        upload(Ports(), ADMIN_1, "org-1", b"\x89PNG", "image/png")
    assert refused.value.status == 415 and refused.value.code == "UNSUPPORTED_MEDIA_TYPE"
    assert "application/zip" in refused.value.details["accepted"]
