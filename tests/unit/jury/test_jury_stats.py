"""The académie figures: counters moved once per fact, in any order; finalised ≤ created."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chalicelib.jury.domain.stats import Figures, SessionTally, session_finalized, session_updated
from chalicelib.jury.handlers import handlers
from chalicelib.jury.use_cases import counting
from chalicelib.jury.use_cases.counting import NotKnownYet
from pixcore.errors import Forbidden
from pixcore.messages import catalog as c
from pixcore.principal import ACADEMIE, JURY, Principal
from tests.unit.jury.builders import (
    course_ready,
    finalized,
    later,
    make_ports,
    registered,
)
from tests.unit.jury.builders import (
    session_updated as updated,
)

JUROR = Principal("juror-1", JURY)
PARIS = Principal("dane-paris", ACADEMIE, academie="Paris")


def deliver(ports, *messages):
    table = handlers(ports)
    for m in messages:
        table[type(m)](m)


def paris(ports) -> dict[str, Figures]:
    return counting.dashboard(ports, JUROR, "Paris").by_sector


def test_the_figures_per_sector_and_in_total(ports):
    deliver(
        ports,
        registered("c1"),
        registered("c2", sector="PRIVATE"),
        registered("c3", academie="Créteil"),
        registered("school-4", is_certification_center=False),
        updated("s1", "c1", candidate_count=20),
        updated("s2", "c1", candidate_count=10),
        updated("s3", "c2", candidate_count=5),
        updated("s9", "c3", candidate_count=7),
        finalized("s1", center="c1"),
        course_ready("k1", "s1"),
        course_ready("k2", "s1"),
        c.LearnerReconciled(
            organization_id="school-4", student_id="st", user_id="u", occurred_at=later()
        ),
        c.CampaignCreated(
            campaign_id="camp",
            code="ABCDEF123",
            organization_id="c2",
            campaign_type="ASSESSMENT",
            created_at=later(),
        ),
    )
    board = counting.dashboard(ports, PARIS, None)
    assert board.academie == "Paris"
    public, private = board.by_sector["PUBLIC"], board.by_sector["PRIVATE"]
    assert public == Figures(
        schools=2,
        certification_centers=1,
        schools_with_sessions=1,
        sessions_created=2,
        sessions_finalized=1,
        candidates_enrolled=30,
        candidates_took_part=2,
        certified=0,
        schools_with_active_students=1,
    )
    assert (
        private.schools_with_sessions,
        private.sessions_created,
        private.candidates_enrolled,
    ) == (1, 1, 5)
    assert board.total.sessions_created == 3 and board.total.schools == 3
    national = counting.dashboard(ports, JUROR, None)
    assert national.total.sessions_created == 4


def test_a_redelivered_or_older_message_never_counts_twice(ports):
    deliver(ports, registered("c1"))
    newer, older = (
        updated("s1", "c1", revision=3, candidate_count=12),
        updated("s1", "c1", revision=2, candidate_count=40),
    )
    ready = course_ready("k1", "s1")
    deliver(ports, newer, newer, older, ready, ready, registered("c1"))
    figures = paris(ports)["PUBLIC"]
    assert (
        figures.sessions_created,
        figures.candidates_enrolled,
        figures.candidates_took_part,
    ) == (1, 12, 1)
    assert (figures.schools, figures.schools_with_sessions) == (1, 1)


def test_a_deleted_session_no_longer_counts(ports):
    deliver(
        ports,
        registered("c1"),
        updated("s1", "c1", revision=1),
        updated("s1", "c1", revision=2, deleted=True),
    )
    figures = paris(ports)["PUBLIC"]
    assert (figures.sessions_created, figures.candidates_enrolled) == (0, 0)


def test_a_finalisation_before_any_update_counts_the_session_created(ports):
    deliver(
        ports,
        registered("c1"),
        finalized("s1", center="c1"),
        updated("s1", "c1", revision=1, candidate_count=2),
    )
    figures = paris(ports)["PUBLIC"]
    assert (figures.sessions_created, figures.sessions_finalized, figures.candidates_enrolled) == (
        1,
        1,
        2,
    )


def test_a_fact_about_an_unknown_school_waits_for_a_redelivery(ports):
    with pytest.raises(NotKnownYet):
        deliver(ports, updated("s1", "c1"))
    with pytest.raises(NotKnownYet):
        deliver(ports, course_ready("k1", "s1"))


def test_an_academie_user_sees_only_their_own(ports):
    with pytest.raises(Forbidden):
        counting.dashboard(ports, PARIS, "Créteil")
    with pytest.raises(Forbidden):
        counting.dashboard(ports, Principal("student"), "Paris")


EVENTS = st.lists(
    st.one_of(
        st.tuples(st.just("update"), st.integers(1, 6), st.booleans(), st.integers(0, 40)),
        st.tuples(st.just("finalize"), st.integers(0, 40)),
    ),
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(EVENTS)
def test_finalised_never_exceeds_created(events):
    tally, created, finalised = SessionTally("s1", "c1"), 0, 0
    for event in events:
        if event[0] == "update":
            changed = session_updated(tally, event[1], event[2], event[3])
        else:
            changed = session_finalized(tally, event[1])
        if changed:
            tally, deltas = changed
            created += deltas.get("sessions_created", 0)
            finalised += deltas.get("sessions_finalized", 0)
        assert 0 <= finalised <= created <= 1


def test_counters_in_the_use_case_keep_finalised_below_created():
    ports = make_ports()
    deliver(ports, registered("c1"))
    for i in range(5):
        deliver(
            ports, finalized(f"s{i}", center="c1"), updated(f"s{i}", "c1", revision=2, deleted=True)
        )
    figures = paris(ports)["PUBLIC"]
    assert figures.sessions_finalized == figures.sessions_created == 5
