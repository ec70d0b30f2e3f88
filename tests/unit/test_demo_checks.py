"""The demo's checking helper: a ✓ or ✗ line per figure, exit status 0 only when all held."""

from __future__ import annotations

from infra.local.demo_checks import Checks, exit_status, report


def quiet() -> tuple[Checks, list[str]]:
    lines: list[str] = []
    return Checks(out=lines.append), lines


def test_every_figure_right_gives_exit_status_0():
    checks, lines = quiet()
    assert checks.check("élèves importés", 120, 120)
    assert checks.true("PDF écrit", True)
    assert lines == ["  ✓ élèves importés : 120", "  ✓ PDF écrit : True"]
    summary: list[str] = []
    assert report(checks, None, out=summary.append) == 0
    assert summary[-1] == "  ✓ 2 vérifications, toutes justes"


def test_one_wrong_figure_gives_exit_status_1_and_is_named_in_the_summary():
    checks, lines = quiet()
    checks.check("élèves importés", 120, 120)
    assert not checks.check("lignes du CSV", 40, 39)
    assert lines[-1] == "  ✗ lignes du CSV : 39 au lieu de 40"
    summary: list[str] = []
    assert report(checks, None, out=summary.append) == 1
    assert "  ✗ 1 vérification(s) fausse(s) sur 2 :" in summary
    assert "    ✗ lignes du CSV : 39 au lieu de 40" in summary


def test_a_demo_stopped_midway_or_that_checked_nothing_is_not_a_success():
    checks, _ = quiet()
    checks.check("élèves importés", 120, 120)
    assert exit_status(checks, "RuntimeError: import finished: still 202") == 1
    assert exit_status(Checks(out=lambda _: None)) == 1
    assert exit_status(None) == 1
    summary: list[str] = []
    assert report(checks, "RuntimeError: boom", out=summary.append) == 1
    assert summary[-1] == "  ✗ la démo s'est arrêtée avant la fin : RuntimeError: boom"
