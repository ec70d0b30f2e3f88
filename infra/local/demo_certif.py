"""Demo step: a certification session of 40 candidates over two classes — the centre prepares
it and prints its documents, the examiner authorises, candidates join and start, the centre
finalises with a few realistic reports."""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from infra.local.apps import ROOT
from infra.local.client import ApiClient, Reply
from infra.local.demo_certif_day import run_test_day
from infra.local.demo_engine import COMPETENCES, take_evaluation
from infra.local.progress_bars import bars
from pixcore.text import fold

CLASSES = ("3E1", "3E2")
PER_CLASS = 20
PASSWORD = "Motdepasse-demo-1"
LEARNERS_AT_ONCE = 8
OUTPUT = Path(os.environ.get("PIXCERT_DEMO_OUTPUT", ROOT / ".pixcert" / "demo"))  # by default
Say = Callable[[str], None]


def run_certification(
    anonymous: ApiClient,
    admin: ApiClient,
    school: dict[str, Any],
    campaign: dict[str, Any],
    say: Say,
    step: Say,
    eventually: Callable[..., Reply],
    out_dir: Path | None = None,
    per_class: int = PER_CLASS,
) -> dict[str, Any]:
    """The session's PDFs are written to `out_dir/certification` (or PIXCERT_DEMO_OUTPUT);
    `per_class` students of each class are candidates (the test suite takes fewer)."""
    folder = out_dir / "certification" if out_dir else OUTPUT
    center = school["id"]
    count = len(CLASSES) * per_class
    step(f"6. {count} élèves de 3E1 et 3E2 se préparent : compte, campagne, évaluations")
    students = prepare_students(anonymous, admin, center, campaign, say, eventually, per_class)
    step(f"7. Le centre crée la session et inscrit les {count} élèves")
    session = prepare_session(admin, center, students, folder, say)
    step("8. Le jour J : le surveillant ouvre son espace, les candidats rejoignent la session")
    courses, outcomes, supervision = run_test_day(anonymous, session, students, say, eventually)
    step("9. Le centre finalise la session")
    finalization = finalize(admin, session, folder, say)
    return {
        "session": session,
        "students": students,
        "courses": courses,
        "outcomes": outcomes,
        "supervision": supervision,
        "finalization": finalization,
        "output": str(folder),
    }


def prepare_students(
    anonymous: ApiClient,
    admin: ApiClient,
    center: str,
    campaign: dict[str, Any],
    say: Say,
    eventually: Callable[..., Reply],
    per_class: int = PER_CLASS,
) -> list[dict[str, Any]]:
    """The first `per_class` (20) of each class (by name) get an account, join the school's campaign (which
    links them to their record) and take evaluations until certifiable, 8 at a time."""
    from chalicelib.engine.content_files import read_content

    content = read_content()
    picked: list[dict[str, Any]] = []
    for division in CLASSES:
        listed = admin.get(
            f"/certif/centers/{center}/students", query={"division": division, "limit": 200}
        )
        fresh = [s for s in listed.json()["students"] if not s["reconciled"]]
        picked.extend(fresh[:per_class])

    def sign_up(n: int, student: dict[str, Any]) -> ApiClient:
        username = f"{fold(student['first_name'])}.{fold(student['last_name'])}.{n}"
        account = {k: student[k] for k in ("first_name", "last_name", "birthdate")}
        for attempt in range(3):  # a browser's user would press the button again
            signed = anonymous.post(
                "/orga/users", {**account, "username": username, "password": PASSWORD}
            )
            if signed.status == 201 or (attempt and signed.status == 409):
                return anonymous.login(username, PASSWORD)
        raise RuntimeError(f"sign-up refused: {signed.status} {signed.body[:300]!r}")

    def prepare(n: int, student: dict[str, Any], account: ApiClient) -> dict[str, Any]:
        joined = account.post(
            f"/orga/campaigns/{campaign['code']}/participations",
            {k: student[k] for k in ("first_name", "last_name", "birthdate")},
        )
        if joined.status != 201:
            raise RuntimeError(f"campaign join refused: {joined.status} {joined.body[:200]!r}")
        evaluations = become_certifiable(account, content, random.Random(n))
        return {**student, "account": account, "evaluations": evaluations}

    accounts = [sign_up(n, s) for n, s in enumerate(picked)]  # one after the other
    with bars(transient=True) as progress, ThreadPoolExecutor(LEARNERS_AT_ONCE) as pool:
        task = progress.add_task("élèves certifiables", total=len(picked))

        def tracked(n: int, student: dict[str, Any], account: ApiClient) -> dict[str, Any]:
            done = prepare(n, student, account)
            progress.advance(task)
            return done

        ready = list(pool.map(tracked, range(len(picked)), picked, accounts))
    answers = sum(s["evaluations"] for s in ready)
    say(f"{len(ready)} élèves ont un compte, rejoint la campagne et passé {answers} évaluations")
    eventually(
        lambda: admin.get(f"/certif/centers/{center}/students", query={"limit": 200}),
        lambda r: (
            r.status == 200
            and sum(1 for s in r.json()["students"] if s["certifiable"]) >= len(ready)
        ),
        "certif knows the profiles",
        timeout=60,
    )
    say("certif a reçu les rattachements (LearnerReconciled) et les profils (ProfileUpdated)")
    return ready


def become_certifiable(account: ApiClient, content: Any, rng: random.Random) -> int:
    """Competence evaluations, most able first, until 5 competences reach level 1."""
    from infra.samples.simulated_learner import SimulatedLearner

    learner = SimulatedLearner({code: rng.uniform(2.5, 4.5) for code in COMPETENCES})
    for done, competence in enumerate(COMPETENCES, 1):
        take_evaluation(account, competence, learner, content, rng)
        if done >= 5 and account.get("/engine/users/me/profile").json()["certifiable"]:
            return done
    return len(COMPETENCES)


def prepare_session(
    admin: ApiClient, center: str, students: list[dict[str, Any]], folder: Path, say: Say
) -> dict[str, Any]:
    day = date.today() + timedelta(days=7)
    session = admin.post(
        f"/certif/centers/{center}/sessions",
        {
            "address": "Collège Victor-Hugo, bâtiment B",
            "room": "Salle informatique B12",
            "name": "Certification Pix des 3e",
            "date": day.isoformat(),
            "time": "09:00",
            "examiner": "M. Martin",
        },
    ).json()
    say(
        f"session n° {session['id']} le {day:%d/%m/%Y} à 09:00 : code d'accès "
        f"{session['access_code']}, mot de passe surveillant {session['examiner_password']}"
    )
    for warning in session["warnings"]:
        say(f"  avertissement {warning['code']} : {warning['message']}")
    enrolled = admin.post(
        f"/certif/sessions/{session['id']}/candidates", {"student_ids": [s["id"] for s in students]}
    )
    say(f"{len(enrolled.json()['candidates'])} candidats inscrits en une fois (tout ou rien)")
    again = admin.post(
        f"/certif/sessions/{session['id']}/candidates", {"student_ids": [students[0]["id"]]}
    )
    say(
        f"inscrire à nouveau {students[0]['first_name']} {students[0]['last_name']} : {again.status} {again.error_code}"
    )
    extra = enrolled.json()["candidates"][3]
    admin.patch(
        f"/certif/sessions/{session['id']}/candidates/{extra['id']}", {"extra_time_percentage": 33}
    )
    say(f"{extra['first_name']} {extra['last_name']} a un temps majoré de 33 %")
    warnings = admin.get(f"/certif/sessions/{session['id']}").json()["warnings"]
    for warning in warnings:
        say(f"  avertissement {warning['code']} : {warning['message']}")
    fixed = admin.patch(
        f"/certif/sessions/{session['id']}", {"examiner": "M. Martin, Mme Nguyễn"}
    ).json()
    left = [w["code"] for w in fixed["warnings"]]
    say(f"un second surveillant ajouté : avertissements restants {left or 'aucun'}")
    save_pdf(
        admin,
        session["id"],
        "attendance-sheet.pdf",
        f"feuille-emargement-{session['id']}.pdf",
        folder,
        say,
    )
    save_pdf(
        admin,
        session["id"],
        "incident-report.pdf",
        f"pv-incident-vierge-{session['id']}.pdf",
        folder,
        say,
    )
    return fixed


def save_pdf(
    admin: ApiClient, session_id: str, route: str, name: str, folder: Path, say: Say
) -> bytes:
    reply = admin.get(f"/certif/sessions/{session_id}/{route}", accept="application/pdf")
    if reply.status != 200:
        raise RuntimeError(f"{route}: {reply.status} {reply.body[:200]!r}")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(reply.body)
    say(f"{name} : {len(reply.body) // 1024} Ko écrit dans {folder}")
    return reply.body


def finalize(admin: ApiClient, session: dict[str, Any], folder: Path, say: Say) -> dict[str, Any]:
    """Returns what the centre saw at each try (statuses, codes, how many reports it made)."""
    sid = session["id"]
    early = admin.post(f"/certif/sessions/{sid}/finalize")
    missing = early.json()["error"]["details"]["missing"]
    say(
        f"finaliser tout de suite : {early.status} {early.error_code}, {len(missing)} point(s) à compléter, en une liste"
    )
    closing = admin.get(f"/certif/sessions/{sid}/finalization").json()["candidates"]
    reports = {
        1: [{"category": "LATE_OR_LEAVING", "subcategory": "LATE"}],
        4: [
            {
                "category": "IN_CHALLENGE",
                "subcategory": "IMAGE_NOT_DISPLAYING",
                "question_number": 7,
            }
        ],
        7: [{"category": "LATE_OR_LEAVING", "subcategory": "LEFT_EXAM_ROOM"}],
        9: [{"category": "FRAUD"}],
        12: [{"category": "TECHNICAL_PROBLEM", "subcategory": "COMPUTER_CRASHED_RESUMED"}],
    }
    draft = {
        "candidates": [
            {
                "candidate_id": c["candidate_id"],
                "end_screen_seen": c["end_screen_seen"],
                "abort_reason": ("candidate" if c["state"] == "ended_by_examiner" else "technical")
                if c["unfinished"]
                else None,
                "issue_reports": reports.get(i, []),
            }
            for i, c in enumerate(closing)
        ],
        "has_incident": True,
        "comment": "Coupure du réseau de 10 minutes à 9 h 35 ; les candidats ont repris leur test.",
    }
    saved = admin.put(f"/certif/sessions/{sid}/finalization", draft)
    say(
        f"brouillon enregistré ({saved.status}) : {sum(len(r) for r in reports.values())} signalements, un commentaire"
    )
    report = save_pdf(admin, sid, "incident-report.pdf", f"pv-incident-{sid}.pdf", folder, say)
    uploaded = admin.post(
        f"/certif/sessions/{sid}/documents",
        raw=report,
        content_type="application/pdf",
        query={"filename": "pv-incident-signe.pdf"},
    )
    say(f"PV d'incident signé et scanné joint : {uploaded.status}")
    refused = admin.post(
        f"/certif/sessions/{sid}/documents", raw=b"GIF89a", content_type="application/pdf"
    )
    say(f"une image au lieu d'un PDF : {refused.status} {refused.error_code}")
    done = admin.post(f"/certif/sessions/{sid}/finalize")
    again = admin.post(f"/certif/sessions/{sid}/finalize")
    say(
        f"session finalisée ({done.status}, statut {done.json()['status']}) ; une seconde fois : {again.status} {again.error_code}"
    )
    say("SessionFinalized envoyé au jury avec l'identité des candidats telle qu'inscrite")
    return {
        "early": (early.status, early.error_code, len(missing)),
        "draft": saved.status,
        "reports": sum(len(r) for r in reports.values()),
        "upload": uploaded.status,
        "not_a_pdf": (refused.status, refused.error_code),
        "done": (done.status, done.json()["status"]),
        "again": (again.status, again.error_code),
        "candidates": len(closing),
    }
