"""One contract for each of certif's stores, run against the in-memory fake and the DynamoDB
adapter on moto, so the two cannot drift."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

import pytest

from chalicelib.certif.adapters import memory, memory_sessions
from chalicelib.certif.domain.candidates import Candidate
from chalicelib.certif.domain.finalization import Finalization
from chalicelib.certif.domain.sessions import Schedule, Session, SessionStatus
from chalicelib.certif.domain.students import EnrollableStudent, Profile
from pixcore.errors import ConcurrentUpdate, Conflict, NotFound

AT = datetime(2026, 3, 3, 8, tzinfo=UTC)
_ids = itertools.count(1)


@pytest.fixture(params=["memory", "dynamo"])
def stores(request):  # noqa: ANN001, ANN201
    if request.param == "memory":
        sessions = memory_sessions.InMemorySessionRepository()
        return (
            sessions,
            memory_sessions.InMemoryCandidateRepository(sessions),
            memory.InMemoryStudentDirectory(),
            memory_sessions.InMemoryFinalizationRepository(),
            memory.InMemoryAttemptThrottle(),
        )
    apps, _ = request.getfixturevalue("certif_stack")
    ports = apps["certif"].bootstrap.ports()
    return ports.sessions, ports.candidates, ports.students, ports.finalizations, ports.throttle


def a_session(sessions, center: str) -> Session:  # noqa: ANN001
    number = str(sessions.next_number())
    s = Session(
        number,
        center,
        Schedule("Site", "B12", date(2026, 3, 10), time(14), "M. Martin"),
        "BCDF23",
        "BCD23",
        created_at=AT,
    )
    sessions.add(s)
    return sessions.get(number)


def a_candidate(session: Session, n: int) -> Candidate:
    return Candidate(
        f"c{n}", session.id, session.center_id, f"s{n}", "Zoé", f"Lefèvre{n}", date(2011, 2, 28)
    )


def test_sessions_are_versioned_and_numbers_unique(stores):
    sessions, *_ = stores
    center = f"c-{next(_ids)}"
    first = a_session(sessions, center)
    assert first.version == 1 and a_session(sessions, center).id != first.id
    with pytest.raises(Conflict):
        sessions.add(replace(first, version=0))
    saved = sessions.save(first.rescheduled(replace(first.schedule, room="C4")))
    assert (saved.version, sessions.get(first.id).room) == (2, "C4")
    with pytest.raises(ConcurrentUpdate):
        sessions.save(first)
    assert sessions.find("424242424242") is None
    with pytest.raises(NotFound):
        sessions.get("424242424242")


def test_sessions_of_a_centre_by_date_and_status_only_forward(stores):
    sessions, *_ = stores
    center = f"c-{next(_ids)}"
    late = a_session(sessions, center)
    sessions.save(late.rescheduled(replace(late.schedule, date=date(2026, 4, 1))))
    early = a_session(sessions, center)
    found, position = sessions.of_center(center, 1, None)
    rest, end = sessions.of_center(center, 1, position)
    assert [s.id for s in found + rest] == [early.id, late.id]
    assert sessions.move_status(early.id, SessionStatus.PROCESSED) is True
    assert sessions.move_status(early.id, SessionStatus.IN_PROCESS) is False
    assert sessions.get(early.id).status is SessionStatus.PROCESSED


def test_an_access_code_is_held_by_one_open_session(stores):
    sessions, *_ = stores
    code = f"BC{next(_ids):04d}"
    assert sessions.claim_access_code(code, "1") and sessions.claim_access_code(code, "1")
    assert not sessions.claim_access_code(code, "2")
    sessions.release_access_code(code, "2")
    assert not sessions.claim_access_code(code, "2")
    sessions.release_access_code(code, "1")
    assert sessions.claim_access_code(code, "2")


def test_enrolment_is_atomic_with_the_session_version(stores):
    sessions, candidates, *_ = stores
    session = a_session(sessions, f"c-{next(_ids)}")
    after = candidates.enroll(session, [a_candidate(session, 1), a_candidate(session, 2)])
    assert (after.version, after.candidate_count) == (2, 2)
    with pytest.raises(ConcurrentUpdate):
        candidates.enroll(session, [a_candidate(session, 3)])
    assert sorted(c.id for c in candidates.of_session(session.id)) == ["c1", "c2"]
    one = candidates.get(session.id, "c1")
    joined = candidates.save(replace(one, joined_at=AT, user_id="u"))
    assert sorted(c.id for c in candidates.born_on(session.id, date(2011, 2, 28))) == ["c1", "c2"]
    assert candidates.born_on(session.id, date(2011, 3, 1)) == []
    assert candidates.seat(session.id, "u").id == "c1" and candidates.seat(session.id, "v") is None
    with pytest.raises(ConcurrentUpdate):
        candidates.remove(sessions.get(session.id), one)
    after = candidates.remove(sessions.get(session.id), candidates.get(session.id, "c2"))
    assert (after.candidate_count, candidates.get(session.id, "c1").joined_at) == (1, AT)
    assert joined.version == 2
    sessions.delete(after)
    assert sessions.find(session.id) is None and candidates.of_session(session.id) == []


def test_students_follow_the_newest_import_and_profiles_the_newest_profile(stores):
    students = stores[2]
    center = f"c-{next(_ids)}"
    zoe = EnrollableStudent(
        "s1", center, "Zoé", "Lefèvre", date(2011, 2, 28), division="3E1", imported_at=AT
    )
    assert students.claim_import(center, AT) and not students.claim_import(
        center, AT - timedelta(1)
    )
    assert (
        students.save_students([zoe, replace(zoe, id="s2", last_name="Nguyễn", division="3E2")])
        == 2
    )
    assert (
        students.save_students([replace(zoe, first_name="Old", imported_at=AT - timedelta(1))]) == 0
    )
    students.remove_students(center, ["s2"], AT - timedelta(1))
    assert set(students.get_students(center, ["s1", "s2", "s3"])) == {"s1", "s2"}
    students.remove_students(center, ["s2"], AT)
    page, _ = students.page(center, "3E1", "lefe", 10, None)
    assert [s.first_name for s in page] == ["Zoé"]
    students.link(center, "s1", "u1")
    assert students.links(center, ["s1", "s2"]) == {"s1": "u1"}
    students.save_profile_if_newer(Profile("u1", True, 6, AT))
    students.save_profile_if_newer(Profile("u1", False, 2, AT - timedelta(1)))
    assert students.profiles(["u1", "u2"])["u1"].level_count == 6


def test_drafts_are_versioned_and_attempts_counted(stores):
    *_, finalizations, throttle = stores
    key = f"k-{next(_ids)}"
    draft = finalizations.get(key)
    saved = finalizations.save(replace(draft, comment="ok"))
    assert (saved.version, finalizations.get(key).comment) == (1, "ok")
    with pytest.raises(ConcurrentUpdate):
        finalizations.save(Finalization(key))
    throttle.record_failure(key, AT)
    throttle.record_failure(key, AT)
    assert throttle.failures(key).failures == 2
    throttle.reset(key)
    assert throttle.failures(key) is None


@pytest.fixture(params=["memory", "dynamo"])
def centers(request):  # noqa: ANN001, ANN201
    if request.param == "memory":
        return memory.InMemoryCenterRepository()
    apps, _ = request.getfixturevalue("certif_stack")
    return apps["certif"].bootstrap.ports().centers


def test_a_centre_is_written_conditionally_on_the_version_read(centers):
    from chalicelib.certif.domain.centers import CertificationCenter

    centers.save(
        CertificationCenter("k1", "0750655E", "Collège", "COLLEGE", "PUBLIC", "Paris", True)
    )
    first, second = centers.get("k1"), centers.get("k1")
    assert first.version == 1
    first.members = {"u1": "ADMIN"}
    centers.save(first)
    second.members = {"u2": "MEMBER"}
    with pytest.raises(ConcurrentUpdate):
        centers.save(second)  # read before the first write: its members would be lost
    with pytest.raises(ConcurrentUpdate):
        centers.save(CertificationCenter("k1", "", "", "", "", "", False))  # a new one, again
    assert centers.get("k1").members == {"u1": "ADMIN"} and centers.get("k1").version == 2


def test_a_registration_and_its_memberships_handled_at_once_both_stay(centers):
    """The two messages of a new school, handled by two consumers at once, both read no centre:
    the one that writes second loses its race, reads again and keeps what the first wrote."""
    import threading
    from types import SimpleNamespace

    from chalicelib.certif.use_cases.centers import record_members, record_organization
    from pixcore.messages.catalog import Member, MembershipChanged, OrganizationRegistered

    both_read = threading.Barrier(2, timeout=10)
    reads = threading.local()
    find = centers.find

    def find_then_wait(center_id: str):  # noqa: ANN202
        found = find(center_id)
        if not getattr(reads, "done", False):  # each consumer's first read waits for the other's
            reads.done = True
            both_read.wait()
        return found

    ports = SimpleNamespace(centers=SimpleNamespace(find=find_then_wait, save=centers.save))
    member = Member(user_id="admin-1", role="ADMIN")
    registered = OrganizationRegistered(
        organization_id="k2", uai="0750655E", name="Collège Victor-Hugo",
        organization_type="COLLEGE", sector="PUBLIC", academie="Créteil",
        is_certification_center=True, members=[],
    )  # fmt: skip
    changed = MembershipChanged(organization_id="k2", members=[member])
    threads = [
        threading.Thread(target=record_organization, args=(ports, registered)),
        threading.Thread(target=record_members, args=(ports, changed)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=20)
    center = centers.get("k2")
    assert center.is_certification_center and center.name == "Collège Victor-Hugo"
    assert center.members == {"admin-1": "ADMIN"}
