"""The demo journey, as `make demo` runs it, against the stack of the workflow tests; then what
the stack logged and printed while it ran."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from infra.local import demo
from infra.local.demo_certif import PASSWORD as CERTIF_PASSWORD
from infra.local.demo_engine import PASSWORD, STUDENTS
from pixcore.text import fold
from tests.workflow.conftest import DEMO_ACADEMIE, DEMO_CANDIDATES

pytestmark = [pytest.mark.workflow, pytest.mark.xdist_group("demo-stack")]


def test_the_demo_journey_runs_end_to_end(journey):
    printed = journey.printed
    assert "import terminé" in printed and "0 erreur(s)" in printed
    assert "DONE" not in printed
    certifiable = [p["certifiable"] for p in journey.outcome["profiles"]]
    assert certifiable.count(True) >= 1 and certifiable.count(False) >= 1
    assert "export CSV téléchargé : 3 ligne(s)" in printed
    assert (
        f"{DEMO_CANDIDATES} candidats inscrits" in printed and "session finalisée (200" in printed
    )


def test_the_demo_plays_its_academies_other_schools_and_checks_the_table(journey):
    # GIVEN the showcase collège, then the académie's other schools (DEMO_ACADEMIE)
    region = journey.outcome["academie"]
    schools = [s.plan for s in region["season"].schools]
    # THEN public and private schools, collèges and lycées, were imported and certified
    assert {(s.type, s.sector) for s in schools} == {
        ("COLLEGE", "PUBLIC"),
        ("LYCEE", "PRIVATE"),
    }
    assert [s.imported for s in region["season"].schools] == [20, 20, 20]
    assert len(region["came"]) == DEMO_ACADEMIE["took_part"]
    # and the académie's table is the showcase's plus theirs, every figure checked
    shown = region["shown"]
    assert region["wrong"] == [] and journey.outcome["checks"].failed == []
    assert shown["total"]["schools"] == 1 + 3 and shown["PRIVATE"]["schools"] == 1
    assert shown["total"]["candidates_took_part"] == DEMO_CANDIDATES + 3 + 5
    assert shown["total"]["sessions_finalized"] == shown["total"]["sessions_created"] == 2 + 2
    assert "20. Le tableau de l'académie de Paris (public / privé / total)" in journey.printed


def test_the_demo_keeps_the_csv_it_downloaded_and_says_where(journey):
    saved = Path(journey.outcome["campaign"]["export_path"])
    assert f"export enregistré : {saved}" in journey.printed
    rows = saved.read_bytes().decode("utf-8")
    assert rows.startswith("\ufeff") and len(rows.lstrip("\ufeff").splitlines()) == 4


def personal_data(stack, outcome: dict) -> set[str]:  # noqa: ANN001
    """Every name, birthdate, INE, e-mail, username and password the demo sends, and the
    session's access code and examiner password (what opens a test or the examiner's space)."""
    session = outcome["certification"]["session"]
    found = {PASSWORD, CERTIF_PASSWORD, session["access_code"], session["examiner_password"]}
    found |= {"Motdepasse-2020", "claire.benoit@college-victor-hugo.fr", "Claire", "Nguyễn"}
    found |= {"Benoît", "1980-05-12", "12/05/1980", stack.admin_email, stack.admin_password}
    for s in STUDENTS:
        day = "/".join(reversed(s.birthdate.split("-")))
        found |= {s.first_name, s.last_name, s.birthdate, day, s.username}
    siecle = etree.fromstring(demo.siecle_xml(demo.demo_eleves(120), "0750001U"))
    for tag in ("NOM_DE_FAMILLE", "PRENOM", "DATE_NAISS", "ID_NATIONAL"):
        found |= {e.text for e in siecle.iter(tag) if e.text}
    for tag in ("NOM_DE_FAMILLE", "PRENOM"):  # the candidates' usernames are folded names
        found |= {fold(e.text) for e in siecle.iter(tag) if e.text}
    for day in [d for d in found if re.fullmatch(r"\d\d/\d\d/\d{4}", d)]:
        found.add("-".join(reversed(day.split("/"))))
    return {value for value in found if len(value) >= 3}


def test_no_personal_data_of_the_demo_in_any_log_line(journey, stack):
    values = personal_data(stack, journey.outcome)
    assert len(values) > 200
    pattern = re.compile("|".join(rf"(?<!\w){re.escape(v)}(?!\w)" for v in values), re.IGNORECASE)
    lines = stack.log_path.read_text(encoding="utf-8").splitlines()
    assert len(lines) > 100  # the request lines of the demo at least
    leaks = [(line[:200], m.group(0)) for line in lines if (m := pattern.search(line))]
    assert not leaks, leaks[:10]


def test_pixcert_up_prints_no_password_it_did_not_generate(stack):
    printed = " ".join(f"{k} {v}" for k, v in stack.printed.items())
    assert stack.admin_password not in printed
    assert stack.printed["admin"] == f"(jury): {stack.admin_email} / (PIXCERT_ADMIN_PASSWORD)"


def test_the_demo_candidates_take_their_tests_through_certif_and_engine(journey):
    """Certif's start requests become engine's courses, taken through HTTP to the end; certif's
    examiner sees each one's end as engine announced it."""
    printed = journey.printed
    assert f"le moteur a créé les {DEMO_CANDIDATES} tests de certification" in printed
    assert f"{DEMO_CANDIDATES} candidats ont passé le test en même temps" in printed
    assert "déconnecté(e), a repris à la question" in printed
    assert "test arrêté par le surveillant" in printed and "état ended_by_supervisor" in printed
    finished = DEMO_CANDIDATES - 1
    assert (
        f"vue du surveillant : {finished} « Terminé », 1 « Test arrêté par le surveillant »"
        in printed
    )


def test_the_demo_ends_with_the_jury_from_the_messages_certif_and_engine_sent(journey):
    printed, verdicts = journey.printed, journey.outcome["verdicts"]
    clean = verdicts["clean_detail"]
    assert clean["session"]["state"] == "published" and "publiée automatiquement" in printed
    assert len(clean["certifications"]) == 3
    reviewed = verdicts["reviewed"]
    assert reviewed["session"]["state"] == "published" and "GLOBAL_COMMENT" in printed
    assert len(reviewed["certifications"]) == DEMO_CANDIDATES
    assert all(c["identity"] and c["answers"] for c in reviewed["certifications"])
    assert "refusé (409 SESSION_ALREADY_PUBLISHED)" in printed
    assert printed.count("CSV de l'établissement") == 2
    assert "authentique=True" in printed and "un octet changé : authentique=False" in printed
    total = verdicts["board"]["total"]
    assert (total["sessions_created"], total["sessions_finalized"]) == (2, 2)
    both = DEMO_CANDIDATES + 3  # and the 3 of the session without incident
    assert total["candidates_enrolled"] == both and total["candidates_took_part"] == both
    assert 1 <= total["certified"] <= both
    assert "l'académie de Lyon : 403" in printed


def test_the_demo_checks_every_figure_and_exits_0(journey):
    """One ✓ line per figure checked against what the demo set up, none ✗, and the summary."""
    from infra.local.demo_checks import report

    checks = journey.outcome["checks"]
    assert checks.failed == [], checks.failed
    assert len(checks.passed) >= 50
    assert "✗" not in journey.printed
    assert journey.printed.count("  ✓ ") == len(checks.passed)
    for figure in (
        "import SIECLE : terminé",
        "élèves importés (fichier envoyé) : 120",
        "déconnexion : reprise à la question",
        "test arrêté par le surveillant : ended_by_supervisor",
        "session finalisée : (200, 'finalized')",
        "session sans incident publiée par le jury automatique : published",
        "attestation signée authentique : True",
        "académie de Paris, total = public + privé",
        "académie de Paris, public, semaine par semaine : la saison",
    ):
        assert f"✓ {figure}" in journey.printed
    summary: list[str] = []
    assert report(checks, None, out=summary.append) == 0
    assert summary[-1] == f"  ✓ {len(checks.passed)} vérifications, toutes justes"
