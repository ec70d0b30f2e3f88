"""The académie figures week by week: each fact counts in the week it happened (Paris dates), once,
and the weeks always add up to the season's totals."""

from __future__ import annotations

from dataclasses import astuple
from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from chalicelib.jury.domain.stats import (
    WEEK_FIGURE_NAMES,
    WeekFigures,
    monday_of,
    season_weeks,
    week_of,
)
from chalicelib.jury.handlers import handlers
from chalicelib.jury.use_cases import counting
from pixcore.principal import JURY, Principal
from tests.unit.jury.builders import finalized, make_ports, registered, session_updated

JUROR = Principal("juror-1", JURY)
# Monday 8 March 2027, 09:00 in Paris: ISO week 10.
W10 = datetime(2027, 3, 8, 8, 0, tzinfo=UTC)


def week(n: int, days: int = 0) -> datetime:
    return W10 + timedelta(weeks=n - 10, days=days)


def on(message, at: datetime, **fields):  # noqa: ANN001, ANN003, ANN201
    return message.model_copy(update={"occurred_at": at, **fields})


def deliver(ports, *messages) -> None:  # noqa: ANN001
    table = handlers(ports)
    for m in messages:
        table[type(m)](m)


def by_week(ports, academie: str | None = "Paris") -> dict[str, tuple[int, ...]]:  # noqa: ANN001
    weeks = counting.dashboard(ports, JUROR, academie).weeks
    return {w.week: astuple(w.total) for w in weeks}


def test_a_fact_counts_in_its_iso_week_by_the_date_in_paris():
    # Sunday 14 March 2027, 23:30 UTC is Monday 00:30 in Paris (winter time).
    assert week_of(datetime(2027, 3, 14, 23, 30, tzinfo=UTC)) == "2027-W11"
    assert week_of(datetime(2027, 3, 14, 22, 30, tzinfo=UTC)) == "2027-W10"
    # Summer time: Paris is UTC+2.
    assert week_of(datetime(2027, 6, 13, 22, 30, tzinfo=UTC)) == "2027-W24"
    # The ISO year: 2026 has 53 weeks, 1 January 2027 is in its last.
    assert week_of(date(2027, 1, 1)) == "2026-W53"
    assert week_of(date(2027, 1, 4)) == "2027-W01"
    assert monday_of("2026-W53") == date(2026, 12, 28)
    assert monday_of("2027-W11") == date(2027, 3, 15)


def test_the_weeks_run_from_the_first_counted_to_the_last_without_holes():
    found = {
        "2026-W52": {"PUBLIC": WeekFigures(sessions_created=2)},
        "2027-W02": {"PRIVATE": WeekFigures(certified=5)},
        "2027-W09": {"PUBLIC": WeekFigures()},  # stored, but nothing moved in it
    }
    weeks = season_weeks(found)
    assert [w.week for w in weeks] == ["2026-W52", "2026-W53", "2027-W01", "2027-W02"]
    assert [w.week_start for w in weeks] == [
        date(2026, 12, 21),
        date(2026, 12, 28),
        date(2027, 1, 4),
        date(2027, 1, 11),
    ]
    assert weeks[1].by_sector == {"PUBLIC": WeekFigures(), "PRIVATE": WeekFigures()}
    assert weeks[3].total == WeekFigures(certified=5)
    assert season_weeks({}) == []


def test_created_enrolled_finalised_and_certified_by_week(ports):
    # GIVEN a public and a private school of Paris, and one of Lyon
    deliver(ports, registered("c1"), registered("c2", sector="PRIVATE"))
    deliver(ports, registered("c3", academie="Lyon"))
    s1 = on(session_updated("s1", "c1", revision=1, candidate_count=20), week(10))
    # WHEN s1 is created in week 10, gets 4 more candidates in week 11 (delivered twice), is
    # finalised in week 12 and published in week 14; s2 (private) is created in week 10 and
    # deleted in week 12; s3, in Lyon, is created in week 11
    more = on(session_updated("s1", "c1", revision=2, candidate_count=24), week(11, days=2))
    deliver(
        ports,
        s1,
        more,
        more,
        on(session_updated("s2", "c2", revision=1, candidate_count=10), week(10, days=1)),
        on(session_updated("s3", "c3", revision=1, candidate_count=7), week(11)),
        on(session_updated("s2", "c2", revision=2, deleted=True, candidate_count=10), week(12)),
        on(finalized("s1", center="c1"), week(12, days=1), finalized_at=week(12, days=4)),
    )
    counting.certified(ports, "c1", ["k1", "k2", "k3"], week(14))
    counting.certified(ports, "c1", ["k1"], week(15))  # already counted

    # THEN each week has what happened in it (created, finalised, enrolled, certified)
    assert by_week(ports) == {
        "2027-W10": (2, 0, 30, 0),
        "2027-W11": (0, 0, 4, 0),
        "2027-W12": (-1, 1, -10, 0),
        "2027-W13": (0, 0, 0, 0),
        "2027-W14": (0, 0, 0, 3),
    }
    board = counting.dashboard(ports, JUROR, "Paris")
    assert board.weeks[0].by_sector["PRIVATE"] == WeekFigures(1, 0, 10, 0)
    assert board.weeks[2].week_start == date(2027, 3, 22)
    # AND the whole country counts Lyon's week too
    assert by_week(ports, None)["2027-W11"] == (1, 0, 11, 0)


def test_a_finalisation_heard_before_the_session_counts_it_created_in_its_week(ports):
    deliver(ports, registered("c1"))
    deliver(ports, on(finalized("s1", center="c1"), week(12), finalized_at=week(12, days=2)))
    deliver(ports, on(session_updated("s1", "c1", revision=1, candidate_count=2), week(10)))
    assert by_week(ports) == {"2027-W12": (1, 1, 2, 0)}


SESSIONS = ("s1", "s2", "s3")
CENTERS = {"s1": "c1", "s2": "c2", "s3": "c1"}
FACTS = st.lists(
    st.one_of(
        st.tuples(
            st.just("update"),
            st.sampled_from(SESSIONS),
            st.integers(1, 5),  # revision
            st.booleans(),  # deleted
            st.integers(0, 40),  # candidates
            st.integers(0, 60),  # day of the season
        ),
        st.tuples(st.just("finalize"), st.sampled_from(SESSIONS), st.integers(0, 60)),
        st.tuples(st.just("certify"), st.sampled_from(SESSIONS), st.integers(0, 60)),
    ),
    max_size=20,
)


def message(fact: tuple):  # noqa: ANN201
    kind, session_id, *rest = fact
    if kind == "update":
        revision, deleted, count, day = rest
        made = session_updated(
            session_id, CENTERS[session_id], revision, deleted=deleted, candidate_count=count
        )
        return on(made, week(10, days=day))
    made = finalized(session_id, center=CENTERS[session_id])
    return on(made, week(10, days=rest[0]), finalized_at=week(10, days=rest[0]))


@settings(max_examples=200, deadline=None)
@given(FACTS, st.randoms(use_true_random=False))
def test_the_weeks_add_up_to_the_totals_whatever_the_order_and_redeliveries(facts, rng):
    # GIVEN the facts of a season, some delivered twice, in any order
    ports = make_ports()
    deliver(ports, registered("c1"), registered("c2", sector="PRIVATE"))
    delivered = facts + rng.sample(facts, len(facts) // 2)
    rng.shuffle(delivered)
    # WHEN jury hears them
    for fact in delivered:
        if fact[0] == "certify":
            course = f"k-{fact[1]}"
            counting.certified(ports, CENTERS[fact[1]], [course], week(10, days=fact[2]))
        else:
            deliver(ports, message(fact))
    # THEN per sector, the weeks add up to the season's figures
    board = counting.dashboard(ports, JUROR, "Paris")
    for sector in ("PUBLIC", "PRIVATE"):
        for name in WEEK_FIGURE_NAMES:
            weeks = sum(getattr(w.by_sector[sector], name) for w in board.weeks)
            assert weeks == getattr(board.by_sector[sector], name), (sector, name)
    assert board.total.sessions_finalized <= board.total.sessions_created
