"""The demo journey, as `make demo` runs it, against the stack of the workflow tests."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = [pytest.mark.workflow, pytest.mark.xdist_group("workflow")]


def test_the_demo_journey_runs_end_to_end(journey):
    printed = journey.printed
    assert "import terminé" in printed and "0 erreur(s)" in printed
    assert "DONE" not in printed
    certifiable = [p["certifiable"] for p in journey.outcome["profiles"]]
    assert certifiable.count(True) >= 1 and certifiable.count(False) >= 1
    assert "export CSV téléchargé : 3 ligne(s)" in printed
    assert "40 candidats inscrits" in printed and "session finalisée (200" in printed


def test_the_demo_keeps_the_csv_it_downloaded_and_says_where(journey):
    saved = Path(journey.outcome["campaign"]["export_path"])
    assert f"export enregistré : {saved}" in journey.printed
    rows = saved.read_bytes().decode("utf-8")
    assert rows.startswith("\ufeff") and len(rows.lstrip("\ufeff").splitlines()) == 4
