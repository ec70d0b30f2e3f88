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


def test_the_demo_candidates_take_their_tests_through_certif_and_engine(journey):
    """Certif's start requests become engine's courses, taken through HTTP to the end; certif's
    examiner sees each one's end as engine announced it."""
    printed = journey.printed
    assert "le moteur a créé les 40 tests de certification" in printed
    assert "40 candidats ont passé le test en même temps" in printed
    assert "déconnecté(e), a repris à la question" in printed
    assert "test arrêté par le surveillant" in printed and "état ended_by_supervisor" in printed
    assert "vue du surveillant : 39 « Terminé », 1 « Test arrêté par le surveillant »" in printed


def test_the_demo_ends_with_the_jury_from_the_messages_certif_and_engine_sent(journey):
    printed, verdicts = journey.printed, journey.outcome["verdicts"]
    clean = verdicts["clean_detail"]
    assert clean["session"]["state"] == "published" and "publiée automatiquement" in printed
    assert len(clean["certifications"]) == 3
    reviewed = verdicts["reviewed"]
    assert reviewed["session"]["state"] == "published" and "GLOBAL_COMMENT" in printed
    assert len(reviewed["certifications"]) == 40
    assert all(c["identity"] and c["answers"] for c in reviewed["certifications"])
    assert "refusé (409 SESSION_ALREADY_PUBLISHED)" in printed
    assert printed.count("CSV de l'établissement") == 2
    assert "authentique=True" in printed and "un octet changé : authentique=False" in printed
    total = verdicts["board"]["total"]
    assert (total["sessions_created"], total["sessions_finalized"]) == (2, 2)
    assert total["candidates_enrolled"] == 43 and total["candidates_took_part"] == 43
    assert 1 <= total["certified"] <= 43
    assert "l'académie de Lyon : 403" in printed
