"""One contract for each of jury's ports, run against the in-memory fake and the DynamoDB adapter."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chalicelib.jury.adapters import memory
from chalicelib.jury.domain.certification import Certification
from chalicelib.jury.domain.jury_session import JurySession, SessionState
from chalicelib.jury.domain.stats import Figures, School, SessionTally, WeekFigures
from chalicelib.jury.ports import VerifiedCertificate
from pixcore.errors import ConcurrentUpdate

T = datetime(2021, 3, 10, 9, 0, tzinfo=UTC)
PARIS = School("c1", "Paris", "PUBLIC", True)


@pytest.fixture(params=["memory", "dynamo"])
def adapters(request):
    if request.param == "memory":
        return {
            "certifications": memory.InMemoryCertifications(),
            "sessions": memory.InMemorySessions(),
            "codes": memory.InMemoryVerificationCodes(),
            "members": memory.InMemoryMembers(),
            "stats": memory.InMemoryStats(),
            "throttle": memory.InMemoryThrottle(),
        }
    request.getfixturevalue("apps")
    from chalicelib.jury.adapters import dynamo_jury, dynamo_stats
    from chalicelib.jury.adapters.tables import bind_tables
    from pixcore.runtime import ServiceRuntime

    bind_tables(ServiceRuntime("jury").main_table)
    return {
        "certifications": dynamo_jury.DynamoCertifications(),
        "sessions": dynamo_jury.DynamoSessions(),
        "codes": dynamo_jury.DynamoVerificationCodes(),
        "members": dynamo_jury.DynamoMembers(),
        "stats": dynamo_stats.DynamoStats(),
        "throttle": dynamo_stats.DynamoThrottle(),
    }


def cert(course_id: str, user: str = "u1") -> Certification:
    return Certification(course_id, "s1", f"cand-{course_id}", user, "P-BBBBBBBB", 6)


def test_certifications_are_versioned(adapters):
    repo = adapters["certifications"]
    first = cert("k1")
    repo.save(first)
    assert first.version == 1
    stale = repo.find("k1")
    fresh = repo.find("k1")
    fresh.abort_reason = "technical"
    repo.save(fresh)
    with pytest.raises(ConcurrentUpdate):
        repo.save(stale)
    assert repo.find("k1").abort_reason == "technical"
    assert repo.find("k1").version == 2
    with pytest.raises(ConcurrentUpdate):
        repo.save(cert("k1"))  # a new one where one exists


def test_certifications_are_read_in_order_and_by_user(adapters):
    repo = adapters["certifications"]
    for course, user in (("k2", "u1"), ("k1", "u2"), ("k3", "u1")):
        repo.save(cert(course, user))
    assert [c.course_id for c in repo.get_many(["k3", "nope", "k1", "k2"])] == ["k3", "k1", "k2"]
    assert sorted(c.course_id for c in repo.of_user("u1")) == ["k2", "k3"]
    assert repo.find("nope") is None


def session(
    session_id: str, state: SessionState, at: int, assigned: str | None = None
) -> JurySession:
    return JurySession(
        session_id,
        finalized=True,
        finalized_at=T.replace(hour=at),
        state=state,
        assigned_to=assigned,
        completed_courses={"k1"},
    )


def test_sessions_are_listed_by_state_and_assignee_in_pages(adapters):
    repo = adapters["sessions"]
    for i in range(5):
        repo.save(session(f"s{i}", SessionState.NEEDS_ACTION, 10 + i, "j1" if i % 2 else None))
    repo.save(session("s9", SessionState.TO_PUBLISH, 9))
    first, after = repo.in_state(SessionState.NEEDS_ACTION, 3, None)
    rest, end = repo.in_state(SessionState.NEEDS_ACTION, 3, after)
    assert [s.session_id for s in first + rest] == ["s0", "s1", "s2", "s3", "s4"]
    assert end is None
    mine, _ = repo.assigned_to("j1", 10, None)
    assert [s.session_id for s in mine] == ["s1", "s3"]
    stored = repo.find("s9")
    assert stored.completed_courses == {"k1"} and stored.version == 1
    stored.state = SessionState.PUBLISHED
    repo.save(stored)
    assert repo.in_state(SessionState.TO_PUBLISH, 10, None)[0] == []


def verified(code: str) -> VerifiedCertificate:
    return VerifiedCertificate(code, "k1", "Zoé Lefèvre", "28/02/2011", None, "Collège", "10/03/2021", "20/03/2021", 130, 6, [{"competence": "1.1", "level": 3}])  # fmt: skip


def test_verification_codes(adapters):
    codes = adapters["codes"]
    codes.publish([verified("P-BBBBBBBB")])
    assert codes.lookup(["P-DDDDDDDD", "P-BBBBBBBB"]) == verified("P-BBBBBBBB")
    assert codes.lookup(["P-DDDDDDDD"]) is None
    codes.withdraw(["P-BBBBBBBB"])
    assert codes.lookup(["P-BBBBBBBB"]) is None


def test_members_keep_the_newest_list(adapters):
    members = adapters["members"]
    members.save("c1", {"a1": "ADMIN"}, T.replace(hour=12))
    members.save("c1", {"a2": "ADMIN"}, T.replace(hour=11))
    assert (members.role_of("c1", "a1"), members.role_of("c1", "a2")) == ("ADMIN", None)
    members.save("c1", {"a1": "MEMBER"}, T.replace(hour=13))
    assert members.role_of("c1", "a1") == "MEMBER"
    assert members.role_of("c2", "a1") is None


def test_stats_count_each_fact_once(adapters):
    stats = adapters["stats"]
    stats.save_school(PARIS)
    assert stats.school("c1") == PARIS and stats.school("c2") is None
    assert stats.count_once("SCHOOL#c1", PARIS, {"schools": 1}, "2021-W10") is True
    assert stats.count_once("SCHOOL#c1", PARIS, {"schools": 1}, "2021-W10") is False
    tally = SessionTally("s1", "c1", revision=1, counted=True, candidates=20)
    stats.save_tally(tally, PARIS, {"sessions_created": 1, "candidates_enrolled": 20}, "2021-W10")
    with pytest.raises(ConcurrentUpdate):
        stats.save_tally(tally, PARIS, {"sessions_created": 1}, "2021-W11")
    stored = stats.session_tally("s1")
    assert (stored.revision, stored.candidates, stored.version) == (1, 20, 1)
    expected = Figures(schools=1, sessions_created=1, candidates_enrolled=20)
    assert stats.figures("Paris") == {"PUBLIC": expected}
    assert stats.figures("*") == {"PUBLIC": expected}
    assert stats.figures("Créteil") == {}


def test_stats_count_the_weeks_with_their_fact(adapters):
    stats = adapters["stats"]
    private = School("c2", "Paris", "PRIVATE", True)
    stats.count_once("SCHOOL#c1", PARIS, {"schools": 1}, "2021-W09")
    stats.save_tally(
        SessionTally("s1", "c1", 1, True, candidates=20),
        PARIS,
        {"sessions_created": 1, "candidates_enrolled": 20},
        "2021-W10",
    )
    stats.save_tally(
        SessionTally("s2", "c2", 1, True, candidates=8),
        private,
        {"sessions_created": 1, "candidates_enrolled": 8},
        "2021-W10",
    )
    stats.save_tally(
        SessionTally("s1", "c1", 2, True, True, 18, version=1),
        PARIS,
        {"sessions_finalized": 1, "candidates_enrolled": -2},
        "2021-W11",
    )
    for _ in range(2):
        stats.count_once("COURSE#k1#certified", PARIS, {"certified": 1}, "2021-W12")
    with pytest.raises(ConcurrentUpdate):
        stats.save_tally(SessionTally("s2", "c2", 2), private, {"sessions_created": -1}, "2021-W12")
    expected = {
        "2021-W10": {"PUBLIC": WeekFigures(1, 0, 20, 0), "PRIVATE": WeekFigures(1, 0, 8, 0)},
        "2021-W11": {"PUBLIC": WeekFigures(0, 1, -2, 0)},
        "2021-W12": {"PUBLIC": WeekFigures(certified=1)},
    }
    assert stats.weeks("Paris") == expected
    assert stats.weeks("*") == expected
    assert stats.weeks("Créteil") == {}


def test_throttle_counts_per_window(adapters):
    throttle = adapters["throttle"]
    assert [throttle.hit("ip", 60, T) for _ in range(3)] == [1, 2, 3]
    assert throttle.hit("ip", 60, T.replace(minute=1)) == 1
    assert throttle.hit("other", 60, T) == 1
