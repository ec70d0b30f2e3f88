"""Students after an import: linking an account, listing, the content hash rule."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from chalicelib.orga.adapters.memory import InMemoryStudentRepository, memory_ports
from chalicelib.orga.domain.student_records import ImportedStudent
from chalicelib.orga.domain.students import Student, fingerprint
from chalicelib.orga.use_cases import students
from pixcore.errors import Conflict, Forbidden, Invalid
from pixcore.principal import Principal

ZOE = Student("s1", "org-1", "1234567890A", "LEFÈVRE", "Zoé", date(2008, 2, 29), "3E1")
MEMBER = Principal("m", memberships={"org-1": "MEMBER"})


def test_a_student_is_linked_to_one_account_only():
    repo = InMemoryStudentRepository()
    repo.save_all([ZOE])
    repo.link_user("org-1", "s1", "user-1")
    repo.link_user("org-1", "s1", "user-1")
    with pytest.raises(Conflict) as refused:
        repo.link_user("org-1", "s1", "user-2")
    assert refused.value.code == "STUDENT_ALREADY_LINKED"
    assert repo.get("org-1", "s1").reconciled


def test_search_ignores_accents_case_and_order_of_names():
    repo = InMemoryStudentRepository()
    loic = replace(ZOE, id="s2", ine="0987654321B", last_name="N'DIAYE", first_name="Loïc")
    repo.save_all([ZOE, loic])
    for text in ("lefevre", "LEFÈVRE", "zoe lefevre", "ndiaye"):
        page = students.list_students(
            memory_ports(students=repo), MEMBER, students.ListStudents("org-1", search=text)
        )
        assert len(page.students) == 1, text


def test_members_only_and_pages_of_at_most_200():
    ports = memory_ports()
    with pytest.raises(Forbidden):
        students.list_students(ports, Principal("x"), students.ListStudents("org-1"))
    with pytest.raises(Invalid):
        students.list_students(ports, MEMBER, students.ListStudents("org-1", limit=201))


def test_the_content_hash_changes_with_any_field_the_file_gives():
    imported = ImportedStudent(
        "1234567890A",
        "LEFÈVRE",
        None,
        "Zoé",
        None,
        None,
        "F",
        date(2008, 2, 29),
        "99100",
        "075",
        "75056",
        None,
        "1031",
        "ST",
        "3E1",
    )
    assert fingerprint(imported) == fingerprint(replace(imported, line=99))
    assert fingerprint(imported) != fingerprint(replace(imported, division="3E2"))
    assert fingerprint(imported) != fingerprint(replace(imported, preferred_last_name="CŒUR"))
