"""The demo's académie: after the showcase collège, more schools of the same académie — public and
private, collèges and lycées — play their season through HTTP as their actors would
(`infra.local.season`), and the académie's table is checked against what the demo set up: the
showcase's figures (already checked) plus the plan's."""

from __future__ import annotations

import dataclasses
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from infra.local.client import ApiClient
from infra.local.demo_checks import Checks
from infra.local.season_plan import SeasonPlan, plan_season, uai

Say = Callable[[str], None]

# Six schools besides the showcase: four centres with a session each (two public, two private),
# a public collège with a campaign and no session, a public lycée not yet on Pix.
SIZE = {"schools": 6, "students": 300, "centers": 4, "sessions": 4, "enrolled": 32, "took_part": 28}
NAMES = (
    "Collège Condorcet",
    "Lycée Notre-Dame",
    "Collège Jean-Jaurès",
    "Collège Saint-Joseph",
    "Collège Pierre-et-Marie-Curie",
    "Lycée Jules-Ferry",
)
SECTOR = {"PUBLIC": "public", "PRIVATE": "privé"}
KIND = {"COLLEGE": "collège", "LYCEE": "lycée"}
FIGURES = ("PUBLIC", "PRIVATE", "total")


def plan_for(academie: str, board: dict[str, Any], seed: int, size: dict[str, int]) -> SeasonPlan:
    """The plan's schools under the académie's own UAIs (075…) and names, and the figures the
    table must show once they are done: what it shows now (`board`) plus the plan's."""
    size = {**SIZE, **size}
    plan = plan_season(
        size["schools"],
        size["students"],
        centers=size["centers"],
        sessions=size["sessions"],
        enrolled=size["enrolled"],
        took_part=size["took_part"],
        academie=academie,
        seed=seed,
    )
    schools = tuple(
        dataclasses.replace(
            school,
            uai=uai(750_100 + school.index),
            name=NAMES[school.index] if school.index < len(NAMES) else school.name,
        )
        for school in plan.schools
    )
    now = {"PUBLIC": board["by_sector"]["PUBLIC"], "PRIVATE": board["by_sector"]["PRIVATE"]}
    now["total"] = board["total"]
    figures = {
        sector: {name: value + now[sector][name] for name, value in added.items()}
        for sector, added in plan.figures.items()
    }
    return SeasonPlan(academie, schools, seed, figures)


def run_academie(
    base_url: str,
    jury: ApiClient,
    academie: str,
    checks: Checks,
    say: Say,
    step: Say,
    seed: int,
    size: dict[str, int] | None = None,
    workers: int = 6,
    out_dir: Path | None = None,
) -> dict[str, Any]:
    from infra.local import season_days as days
    from infra.local.progress_bars import Bars, bars
    from infra.local.season import Season
    from infra.local.season_plan import examiners_needed

    board = _board(jury, academie)
    plan = plan_for(academie, board, seed, size or {})
    certified_before = board["total"]["certified"]
    step(
        f"16. L'académie de {academie} : {len(plan.schools)} autres établissements "
        f"({plan.students} élèves), publics et privés, collèges et lycées"
    )
    with bars(transient=True) as progress:
        season = Season(base_url, jury, plan, workers=workers, progress=Bars(progress))
        season.register_schools()
        season.appoint_admins()
        started = time.monotonic()
        season.import_students()
        imported = time.monotonic() - started
        season.open_campaigns()
    for school in season.schools:
        p = school.plan
        campaign = (
            f", campagne {school.campaign_code}" if school.campaign_code else ", pas de campagne"
        )
        say(
            f"{p.name} ({KIND[p.type]} {SECTOR[p.sector]}, {p.uai}) : "
            f"{school.imported} élèves importés{campaign}"
        )
    say(f"les {len(plan.schools)} imports SIECLE terminés en {imported:.1f} s")
    checks.check(
        f"élèves importés dans les {len(plan.schools)} établissements",
        [p.students for p in plan.schools],
        [s.imported for s in season.schools],
    )

    step(
        "17. Les candidats rejoignent la campagne de leur établissement et deviennent certifiables"
    )
    with bars(transient=True) as progress:
        season.progress = Bars(progress)
        season.wait_for_read_models()
        season.sign_up_candidates()
        days.seed_profiles(season)
        season.wait_until_certifiable()
    centres = [s for s in season.schools if s.plan.is_center]
    for school in centres:
        say(f"{school.plan.name} : {len(school.candidates)} candidats certifiables (certif)")

    step("18. Chaque centre crée sa session et inscrit ses candidats")
    with bars(transient=True) as progress:
        season.progress = Bars(progress)
        season.create_sessions()
    for session in season.sessions:
        examiners = examiners_needed(session.plan.enrolled)
        where = ""
        if out_dir is not None:
            saved = out_dir / "academie" / f"feuille-emargement-{session.id}.pdf"
            saved.parent.mkdir(parents=True, exist_ok=True)
            saved.write_bytes(session.sheet)
            where = f" écrite dans {saved.parent}"
        say(
            f"{session.school.plan.name} : session n° {session.id} (code {session.access_code}), "
            f"{len(session.candidates)} inscrits, {examiners} surveillant(s), "
            f"feuille d'émargement {len(session.sheet) // 1024} Ko{where}"
        )
    checks.check(
        "feuilles d'émargement des centres : des PDF",
        [True] * len(season.sessions),
        [s.sheet.startswith(b"%PDF-") for s in season.sessions],
    )
    checks.check(
        "candidats inscrits dans les sessions des centres",
        sum(s.enrolled for s in plan.sessions),
        sum(len(s.candidates) for s in season.sessions),
    )

    step("19. Jours de certification, finalisation, jury automatique et publication")
    with bars(transient=True) as progress:
        season.progress = Bars(progress)
        came = days.play_days(season)
        certified = days.certified_count(season, came)
    absent = sum(s.plan.enrolled - s.plan.took_part for s in season.sessions)
    say(
        f"{len(came)} candidats ont passé leur test ({absent} absents), "
        f"{sum(c['answered'] for c in came)} réponses ; {len(season.sessions)} sessions "
        f"finalisées et publiées ; {certified} certifiés"
    )
    checks.check("candidats présents", sum(s.took_part for s in plan.sessions), len(came))

    step(f"20. Le tableau de l'académie de {academie} (public / privé / total)")
    shown, wrong = days.compare_figures(season, certified_before + certified)
    print_table(academie, shown, say)
    for sector in FIGURES:
        expected = dict(plan.figures[sector])
        if sector == "total":
            expected["certified"] = certified_before + certified
        checks.check(
            f"académie de {academie}, {SECTOR.get(sector, 'total')}",
            expected,
            {k: shown[sector][k] for k in expected},
        )
    added = Counter(shown["PUBLIC"]) + Counter(shown["PRIVATE"])
    checks.check(
        f"académie de {academie}, total = public + privé",
        {k: added[k] for k in shown["total"]},
        dict(shown["total"]),
    )
    return {
        "plan": plan,
        "season": season,
        "came": came,
        "certified": certified,
        "shown": shown,
        "wrong": wrong,
    }


def _board(reader: ApiClient, academie: str) -> dict[str, Any]:
    reply = reader.get("/jury/stats", query={"academie": academie})
    if reply.status != 200:
        raise RuntimeError(f"stats: {reply.status} {reply.body[:200]!r}")
    return reply.json()


def print_table(academie: str, shown: dict[str, dict[str, int]], say: Say) -> None:
    say(f"  {'académie de ' + academie:46} {'public':>6} {'privé':>6} {'total':>6}")
    from infra.local.demo_jury import FIGURES as LABELS

    for key, label in (("schools", "Établissements"), *LABELS):
        values = " ".join(f"{shown[s][key]:6}" for s in FIGURES)
        say(f"  {label:46} {values}")
