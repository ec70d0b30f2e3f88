"""`pixcert simulate`: a season of N schools and M students on a fresh local stack, many actors at
once, with throughput and p50/p99 latency per step, queue depths, dead letters and peak memory."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.table import Table

from infra import resources
from infra.local.progress_bars import Bars, bars, console
from infra.local.season import Season
from infra.local.season_metrics import Recorder, Sampler, queue_depths
from infra.local.season_plan import SeasonPlan, plan_season


def phases(season: Season) -> list[tuple[str, Callable[[], Any]]]:
    from infra.local import season_days as days

    state: dict[str, Any] = {}

    def play() -> None:
        state["came"] = days.play_days(season)

    def figures() -> None:
        certified = days.certified_count(season, state["came"])
        state["shown"], state["wrong"] = days.compare_figures(season, certified)
        state["certified"] = certified
        days.raise_if(state["wrong"])

    season.state = state  # type: ignore[attr-defined]
    return [
        ("1. écoles (jury)", season.register_schools),
        ("1. administrateurs", season.appoint_admins),
        ("1. imports SIECLE", season.import_students),
        ("1. campagnes", season.open_campaigns),
        ("1. certif reçoit les élèves", season.wait_for_read_models),
        ("1. comptes des candidats", season.sign_up_candidates),
        ("1. profils (moteur)", lambda: days.seed_profiles(season)),
        ("1. certif reçoit les profils", season.wait_until_certifiable),
        ("2. sessions et inscriptions", season.create_sessions),
        ("3–6. jours de certification", play),
        ("7. résultats et tableau", figures),
    ]


def run(
    base_url: str,
    jury: Any,
    plan: SeasonPlan,
    workers: int,
    out_dir: Path,
    max_minutes: float | None = None,
) -> tuple[dict[str, Any], bool]:
    import boto3

    recorder = Recorder()
    sqs = boto3.client("sqs")
    names = [
        n for s in resources.SERVICES for n in (resources.queue(s), resources.dead_letter_queue(s))
    ]
    sampler = Sampler(lambda: queue_depths(sqs, names))
    sampler.start()
    load_before, started = os.getloadavg(), time.monotonic()
    timings: list[tuple[str, float, str]] = []
    failure = None
    with bars() as progress:
        season = Season(base_url, jury, plan, recorder, workers, Bars(progress))
        if max_minutes:
            season.deadline = started + max_minutes * 60
        for title, phase in phases(season):
            progress.console.print(f"[bold]{title}[/bold]")
            began = time.monotonic()
            try:
                phase()
            except Exception as error:  # noqa: BLE001 - reported with where the season stopped
                failure = f"{title}: {error}"
                timings.append((title, time.monotonic() - began, "échec"))
                break
            timings.append((title, time.monotonic() - began, "ok"))
    sampler.stop()
    report = {
        "plan": {
            "schools": len(plan.schools),
            "students": plan.students,
            "sessions": len(plan.sessions),
            "enrolled": sum(s.enrolled for s in plan.sessions),
            "took_part": sum(s.took_part for s in plan.sessions),
            "workers": workers,
        },
        "duration_s": time.monotonic() - started,
        "load_before": load_before,
        "load_after": os.getloadavg(),
        "phases": timings,
        "steps": recorder.rows(),
        "queue_peaks": sampler.peak_depth,
        "queues_at_end": sampler.last_depth,
        "memory_peak_mb": sampler.peak_memory,
        "memory_peak_total_mb": sampler.peak_total_mb,
        "figures": season.state.get("shown"),  # type: ignore[attr-defined]
        "figures_wrong": season.state.get("wrong"),  # type: ignore[attr-defined]
        "certified": season.state.get("certified"),  # type: ignore[attr-defined]
        "failure": failure,
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    saved = out_dir / f"simulate-{len(plan.schools)}x{plan.students}.json"
    saved.write_text(json.dumps(report, indent=1, default=str))
    print_report(report, saved)
    return report, failure is None


def print_report(report: dict[str, Any], saved: Path) -> None:
    plan = report["plan"]
    console.print(
        f"\n[bold]Saison simulée[/bold] : {plan['schools']} établissements, {plan['students']} élèves, "
        f"{plan['sessions']} sessions, {plan['enrolled']} inscrits, {plan['took_part']} présents "
        f"({plan['workers']} acteurs à la fois)"
    )
    steps = Table("étape", "requêtes", "erreurs", "renvoyées", "durée", "débit /s", "p50", "p99")
    for row in report["steps"]:
        steps.add_row(
            row["step"],
            str(row["count"]),
            str(row["errors"]),
            str(row["retried"]),
            f"{row['wall_s']:.1f} s",
            f"{row['per_s']:.1f}",
            _ms(row["p50_ms"]),
            _ms(row["p99_ms"]),
        )
    console.print(steps)
    queues = Table("file", "pic", "à la fin")
    for name, peak in sorted(report["queue_peaks"].items()):
        queues.add_row(name, str(peak), str(report["queues_at_end"].get(name, "?")))
    console.print(queues)
    memory = ", ".join(f"{k} {v:.0f} Mo" for k, v in report["memory_peak_mb"].items())
    console.print(f"mémoire (pic) : {memory} ; ensemble {report['memory_peak_total_mb']:.0f} Mo")
    for title, seconds, status in report["phases"]:
        console.print(f"  {title:34} {seconds:8.1f} s  {status}")
    load = lambda v: " ".join(f"{x:.1f}" for x in v)  # noqa: E731
    console.print(
        f"durée totale {report['duration_s']:.0f} s ; charge {load(report['load_before'])} → "
        f"{load(report['load_after'])} (2 cœurs) ; rapport : {saved}"
    )
    if report["figures"]:
        print_figures(report["figures"], report["figures_wrong"] or [])
    if report["failure"]:
        console.print(f"[bold red]arrêt[/bold red] : {report['failure']}")


LABELS = {
    "schools": "Établissements",
    "certification_centers": "Centres de certification",
    "schools_with_sessions": "Établissements ayant créé des sessions",
    "sessions_created": "Sessions créées",
    "sessions_finalized": "Sessions finalisées",
    "candidates_enrolled": "Candidats inscrits",
    "candidates_took_part": "Candidats ayant passé le test",
    "certified": "Candidats certifiés",
    "schools_with_active_students": "Établissements avec des élèves actifs sur Pix",
}


def print_figures(shown: dict[str, dict[str, int]], wrong: list[str]) -> None:
    table = Table("", "public", "privé", "total", title="Tableau de l'académie")
    for key, label in LABELS.items():
        table.add_row(label, *(str(shown[s][key]) for s in ("PUBLIC", "PRIVATE", "total")))
    console.print(table)
    console.print(
        "chiffres vérifiés" if not wrong else "[bold red]écarts[/bold red] : " + "; ".join(wrong)
    )


def _ms(value: float) -> str:
    return f"{value:.0f} ms" if value < 10_000 else f"{value / 1000:.1f} s"


def plan_from(args: Any) -> SeasonPlan:
    return plan_season(
        args.schools,
        args.students,
        centers=args.centers,
        sessions=args.sessions,
        enrolled=args.enrolled,
        took_part=args.took_part,
        academie=args.academie,
        seed=args.seed,
    )
