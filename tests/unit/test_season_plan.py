"""The simulated season's plan and the académie figures it must produce (infra/local/season_plan.py)."""

import pytest

from infra.local.season_metrics import Recorder, percentile
from infra.local.season_plan import expected_figures, plan_season, uai


def test_the_seed_academie_is_the_default_shape():
    season = plan_season(238, 38_000)
    assert season.students == 38_000
    assert sum(s.is_center for s in season.schools) == 7
    assert len(season.sessions) == 16
    assert sum(s.enrolled for s in season.sessions) == 824
    assert sum(s.took_part for s in season.sessions) == 555
    assert sum(s.campaign for s in season.schools) == 200
    assert season.figures["total"]["candidates_enrolled"] == 824
    assert (
        season.figures["total"]["sessions_finalized"] == season.figures["total"]["sessions_created"]
    )


def test_a_reduced_season_has_a_public_and_a_private_centre():
    season = plan_season(2, 50, centers=2, sessions=2, enrolled=12, took_part=10)
    figures = season.figures
    assert [s.sector for s in season.schools] == ["PUBLIC", "PRIVATE"]
    assert [s.students for s in season.schools] == [25, 25]
    for sector in ("PUBLIC", "PRIVATE"):
        assert figures[sector]["schools_with_sessions"] == 1
        assert figures[sector]["candidates_enrolled"] == 6
        assert figures[sector]["candidates_took_part"] == 5
    assert figures["total"]["candidates_took_part"] == 10


def test_the_figures_add_up_per_sector():
    figures = expected_figures(plan_season(24, 4_000))
    for name, total in figures["total"].items():
        assert figures["PUBLIC"][name] + figures["PRIVATE"][name] == total


@pytest.mark.parametrize(
    "options", [{"centers": 3, "sessions": 2}, {"enrolled": 5, "took_part": 6}, {"enrolled": 60}]
)
def test_an_impossible_season_is_refused(options):
    with pytest.raises(ValueError):
        plan_season(2, 50, **options)


def test_uais_carry_their_check_letter():
    from chalicelib.orga.domain.uai import is_valid_uai

    assert all(is_valid_uai(uai(610_000 + i)) for i in range(300))


def test_latencies_are_summarised_per_step():
    recorder = Recorder()
    for ms in range(1, 101):
        recorder.add("answer", ms / 1000, ended=100 + ms / 10)
    (row,) = recorder.rows()
    assert row["count"] == 100 and row["errors"] == 0
    assert round(row["p50_ms"]) == 50 and round(row["p99_ms"]) == 99
    assert percentile([], 50) == 0.0


def _board(public: dict, private: dict) -> dict:
    total = {k: public[k] + private[k] for k in public}
    return {"by_sector": {"PUBLIC": public, "PRIVATE": private}, "total": total}


def test_the_demos_academie_adds_public_and_private_collèges_and_lycées_to_what_it_shows():
    from infra.local.demo_academie import plan_for

    # GIVEN the académie's table after the showcase collège: 1 public school, 2 sessions, 1
    # certified among 5 candidates
    shown = dict.fromkeys(expected_figures(plan_season(1, 10)).get("PUBLIC"), 0)
    public = {**shown, "schools": 1, "certification_centers": 1, "sessions_created": 2}
    public |= {"sessions_finalized": 2, "candidates_enrolled": 5, "candidates_took_part": 5}
    board = _board(public, dict(shown))

    # WHEN the demo plans its six other schools
    plan = plan_for("Paris", board, 2026, {})

    # THEN both sectors and both kinds of school are there, under Paris's UAIs, with 300 students
    kinds = {(s.type, s.sector) for s in plan.schools}
    assert {("COLLEGE", "PUBLIC"), ("COLLEGE", "PRIVATE"), ("LYCEE", "PUBLIC")} <= kinds
    assert ("LYCEE", "PRIVATE") in kinds
    assert plan.students == 300 and len(plan.schools) == 6
    assert all(s.uai.startswith("075") and s.uai == uai(int(s.uai[:7])) for s in plan.schools)
    assert len({s.name for s in plan.schools}) == 6
    # and the table it must show is the showcase's plus the plan's, sector by sector
    added = plan_season(6, 300, centers=4, sessions=4, enrolled=32, took_part=28).figures
    assert plan.figures["PUBLIC"]["schools"] == 1 + added["PUBLIC"]["schools"]
    assert plan.figures["PUBLIC"]["sessions_created"] == 2 + added["PUBLIC"]["sessions_created"]
    assert plan.figures["PRIVATE"] == added["PRIVATE"]
    assert plan.figures["total"]["candidates_enrolled"] == 5 + 32
    assert plan.figures["total"]["candidates_took_part"] == 5 + 28
