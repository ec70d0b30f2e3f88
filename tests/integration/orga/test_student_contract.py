"""Contract of the student repository (lists by generation, leavers, account links), fake and
DynamoDB alike."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from chalicelib.orga.adapters.dynamo_students import DynamoStudentRepository
from chalicelib.orga.adapters.memory import InMemoryStudentRepository
from chalicelib.orga.domain.students import Division, Generation, Student
from pixcore.errors import ConcurrentUpdate, Conflict, Invalid, NotFound
from pixcore.ids import new_id
from tests.integration.moto_atomic import atomic_dynamodb

T0 = datetime(2026, 9, 1, 8, 0, tzinfo=UTC)


@pytest.fixture
def students(kind: str):  # noqa: ANN201
    return InMemoryStudentRepository() if kind == "memory" else DynamoStudentRepository()


def student(org: str, n: int, division: str = "3E1", **fields) -> Student:  # noqa: ANN003
    names = ["Lefèvre", "N'Diaye", "Nguyễn", "Çelik", "Martin", "Ab", "Bä", "Cé"]
    base = dict(
        id=new_id() + str(n),
        organization_id=org,
        ine=f"{n:010d}A",
        last_name=names[n % len(names)].upper(),
        first_name=f"Élève{n}",
        birthdate=date(2011, 2, 28),
        division=division,
        updated_at=T0,
        fingerprint=f"f{n}",
    )
    return Student(**{**base, **fields})


def publish(repo, org: str, people: list[Student], generation: str | None = None) -> str:  # noqa: ANN001
    """What an import does: a new list, its divisions, then the switch."""
    generation = generation or new_id()
    current = repo.current_generation(org)
    repo.write_generation(org, generation, people)
    counts: dict[str, int] = {}
    for s in people:
        counts[s.division] = counts.get(s.division, 0) + 1
    repo.write_divisions(org, generation, counts)
    repo.switch_generation(org, generation, current.version if current else 0)
    return generation


def test_readers_see_nothing_of_a_list_until_it_is_switched_to(students):
    org = new_id()
    first = [student(org, i) for i in range(3)]
    g1 = publish(students, org, first)
    students.write_generation(org, new_id(), [replace(first[0], division="4E1")])
    assert students.current_generation(org) == Generation(g1, 1)
    assert students.get(org, first[0].id).division == "3E1"
    assert sorted(students.divisions(org)) == [Division("3E1", 3)]
    with pytest.raises(ConcurrentUpdate):
        students.switch_generation(org, new_id(), 0)  # someone switched since
    assert students.current_generation(org).id == g1


def test_a_division_pages_by_name_and_a_cursor_is_bound_to_its_list(students):
    org = new_id()
    people = [student(org, i) for i in range(7)] + [student(org, 9, "3E2")]
    publish(students, org, people)
    seen, after = [], None
    while True:
        page, after = students.page(org, "3E1", None, 3, after)
        seen += page
        if after is None:
            break
    assert [s.name_key for s in seen] == sorted(s.name_key for s in people[:7])
    school, _ = students.page(org, None, None, 50, None)
    assert [s.ine for s in school] == sorted(s.ine for s in people)  # the school by INE
    found, _ = students.page(org, None, "nguyen", 50, None)
    assert [s.last_name for s in found] == ["NGUYỄN"]
    _, after = students.page(org, "3E1", None, 3, None)
    publish(students, org, people)  # a re-import switches to a new list
    with pytest.raises(Invalid) as stale:
        students.page(org, "3E1", None, 3, after)
    assert stale.value.code == "INVALID_CURSOR"


def test_leavers_stay_readable_disabled_and_cannot_reconcile(students):
    org = new_id()
    people = [student(org, i) for i in range(3)]
    g1 = publish(students, org, people)
    students.archive(org, g1, [_stored(people[2])], T0)
    assert students.get(org, people[2].id).active  # still in the current list
    publish(students, org, people[:2])
    gone = students.get(org, people[2].id)
    assert (gone.active, gone.last_name) == (False, people[2].last_name)
    assert {s.id for s in students.find_by_birthdate(org, date(2011, 2, 28))} == {
        people[0].id,
        people[1].id,
    }
    stored = students.stored(org)
    assert {ine: s.active for ine, s in stored.items()} == {
        people[0].ine: True,
        people[1].ine: True,
        people[2].ine: False,
    }
    assert students.divisions_of(org, [people[2].id, people[0].id, "nobody"]) == {
        people[2].id: "3E1",
        people[0].id: "3E1",
        "nobody": None,
    }
    with pytest.raises(Conflict) as disabled:
        students.link_user(org, people[2].id, "u9")
    assert disabled.value.code == "STUDENT_DISABLED"
    with pytest.raises(NotFound):
        students.get(new_id(), people[0].id)


def test_an_account_is_linked_to_one_student_of_the_school_and_a_student_to_one_account(students):
    org = new_id()
    zoe, hugo = student(org, 1), student(org, 2, birthdate=date(2010, 9, 9))
    publish(students, org, [zoe, hugo])
    students.link_user(org, zoe.id, "u1")
    students.link_user(org, zoe.id, "u1")  # again: harmless
    assert (
        students.get(org, zoe.id).user_id == "u1" and students.linked_student(org, "u1") == zoe.id
    )
    with pytest.raises(Conflict) as taken:
        students.link_user(org, zoe.id, "u2")
    assert taken.value.code == "STUDENT_ALREADY_LINKED"
    with pytest.raises(Conflict) as second:
        students.link_user(org, hugo.id, "u1")
    assert second.value.code == "ACCOUNT_ALREADY_LINKED"
    assert students.get(org, hugo.id).user_id is None
    publish(students, org, [zoe, hugo])  # a re-import never touches the links
    assert students.get(org, zoe.id).user_id == "u1"


def test_two_concurrent_joins_of_one_account_link_one_student(students, kind, monkeypatch):
    if kind == "dynamo":
        atomic_dynamodb(monkeypatch)  # DynamoDB applies each transaction atomically; moto, locked
    org = new_id()
    people = [student(org, i, birthdate=date(2010, 1, 1 + i)) for i in range(6)]
    publish(students, org, people)

    def link(s: Student) -> str:
        try:
            students.link_user(org, s.id, "u1")
            return "linked"
        except Conflict as refused:
            return refused.code

    with ThreadPoolExecutor(6) as pool:
        outcomes = list(pool.map(link, people))
    assert outcomes.count("linked") == 1
    assert set(outcomes) - {"linked"} == {"ACCOUNT_ALREADY_LINKED"}
    assert sum(students.get(org, s.id).user_id == "u1" for s in people) == 1


def test_an_account_whose_student_left_may_link_to_their_new_record(students):
    org = new_id()
    old, new = student(org, 1), student(org, 2)
    g1 = publish(students, org, [old])
    students.link_user(org, old.id, "u1")
    students.archive(org, g1, [_stored(old)], T0)
    publish(students, org, [new])
    students.link_user(org, new.id, "u1", replacing=old.id)
    assert students.linked_student(org, "u1") == new.id


def test_a_retired_list_is_gone_and_the_current_one_is_kept(students):
    org = new_id()
    people = [student(org, i) for i in range(3)]
    g1 = publish(students, org, people)
    assert students.retire_generation(org, g1) == 0
    assert len(students.page(org, None, None, 50, None)[0]) == 3
    g2 = publish(students, org, people[:1])
    assert students.retire_generation(org, g1) > 0
    assert students.retire_generation(org, g1) == 0
    assert students.current_generation(org).id == g2
    assert [s.id for s in students.page(org, None, None, 50, None)[0]] == [people[0].id]


def _stored(s: Student):  # noqa: ANN202
    from chalicelib.orga.domain.students import StoredStudent

    return StoredStudent(s.id, s.ine, s.fingerprint, True, None, s.division)
