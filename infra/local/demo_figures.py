"""What a person checks after each step of the demo, each figure against what the demo itself set
up (the file it imported, the students it made certifiable, the incidents it played), never
against the reply being checked."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from infra.local.client import ApiClient
from infra.local.demo_checks import Checks

CERTIFIABLE_COMPETENCES = 5  # DOMAIN.md: certifiable with 5 competences at level 1 or more
ENDED_LABEL, FINISHED_LABEL = "Test arrêté par le surveillant", "Terminé"


def imported(checks: Checks, done: dict[str, Any], sent: int, errors: int, in_3e1: tuple) -> None:
    status = {"DONE": "terminé", "FAILED": "en échec"}.get(done["status"], done["status"])
    checks.check("import SIECLE", "terminé", status)
    checks.check("élèves importés (fichier envoyé)", sent, done["counts"].get("imported"))
    checks.check("erreurs de l'import", errors, len(done["errors"]))
    checks.check("élèves de 3E1 listés (ceux du fichier)", in_3e1[0], in_3e1[1])


def profiles(checks: Checks, students: tuple, found: list[dict[str, Any]]) -> None:
    for who, profile in zip(students, found, strict=True):
        reached = sum(1 for c in profile["competences"] if c["level"] >= 1)
        expected = reached >= CERTIFIABLE_COMPETENCES and who.max_evaluations >= 5
        checks.check(
            f"{who.first_name} certifiable ({reached} compétences au niveau 1 ou plus)",
            expected,
            profile["certifiable"],
        )


def campaign(
    checks: Checks, admin: ApiClient, school: dict, found: list[dict], joined: dict
) -> None:
    listed = admin.get(
        f"/orga/organizations/{school['id']}/campaigns/{joined['id']}/participants"
    ).json()["participants"]
    checks.check("participants de la campagne", len(found), len(listed))
    checks.check(
        "pix des participants, tels que le moteur les a calculés",
        sorted(p["total_pix"] for p in found),
        sorted(p["pix_score"] for p in listed),
    )
    checks.check(
        "participants certifiables",
        sum(p["certifiable"] for p in found),
        sum(p["certifiable"] for p in listed),
    )
    if "export_path" in joined:
        rows = Path(joined["export_path"]).read_bytes().decode("utf-8-sig").splitlines()
        checks.check("lignes de l'export CSV de la campagne", len(found), len(rows) - 1)


def _is_pdf(path: Path) -> bool:
    return path.is_file() and path.read_bytes().startswith(b"%PDF-")


def certification(checks: Checks, done: dict[str, Any], candidates: int) -> None:
    from infra.local.demo_exam import DISCONNECTS, ENDED, INCIDENTS, OUT_OF_TIME, SKIPS_LAST

    sid, folder = done["session"]["id"], Path(done["output"])
    checks.check("candidats préparés et certifiables", candidates, len(done["students"]))
    checks.check(
        "tests de certification créés, un par candidat", candidates, len(set(done["courses"]))
    )
    for name in (f"feuille-emargement-{sid}.pdf", f"pv-incident-vierge-{sid}.pdf"):
        checks.true(f"{name} est un PDF dans {folder}", _is_pdf(folder / name))
    outcomes = done["outcomes"]
    checks.check("démarrages refusés", 0, sum(1 for o in outcomes if o.refused))
    played = {behaviour: outcomes[index] for index, behaviour in INCIDENTS.items()}
    resumed = played[DISCONNECTS]
    checks.true(
        f"déconnexion : reprise à la question {resumed.resumed_at}, test mené au bout",
        resumed.resumed_at and resumed.answered == resumed.question_count,
    )
    late = played[OUT_OF_TIME]
    if late.clock_not_accelerated:  # a stack with the real 1 h 45: nobody waits for it
        checks.check("temps écoulé : horloge réelle, test fini", late.question_count, late.answered)
    else:
        checks.check("temps écoulé : test clos par le moteur", True, late.timed_out)
    skipped = played[SKIPS_LAST]
    checks.check("questions passées puis test fini", skipped.question_count, skipped.answered)
    checks.check("test arrêté par le surveillant", "ended_by_supervisor", played[ENDED].state)
    steady = [o for i, o in enumerate(outcomes) if i not in INCIDENTS]
    checks.check(
        "candidats sans incident allés au bout, écran de fin vu",
        len(steady),
        sum(1 for o in steady if o.answered == o.question_count and o.end_screen_confirmed),
    )
    ended = sum(1 for b in INCIDENTS.values() if b == ENDED)
    checks.check(
        "vue du surveillant",
        {FINISHED_LABEL: candidates - ended, ENDED_LABEL: ended},
        done["supervision"],
    )
    closing = done["finalization"]
    checks.check("finaliser trop tôt : refusé", "FINALIZATION_INCOMPLETE", closing["early"][1])
    checks.true(f"points à compléter listés : {closing['early'][2]}", closing["early"][2] > 0)
    checks.check("candidats à la finalisation", candidates, closing["candidates"])
    checks.check("brouillon de finalisation enregistré", 200, closing["draft"])
    checks.true(f"pv-incident-{sid}.pdf est un PDF", _is_pdf(folder / f"pv-incident-{sid}.pdf"))
    checks.check("PV signé joint", 201, closing["upload"])
    checks.check("une image au lieu d'un PDF", (415, "NOT_A_PDF"), closing["not_a_pdf"])
    checks.check("session finalisée", (200, "finalized"), closing["done"])
    checks.check("finaliser une seconde fois", (409, "SESSION_ALREADY_FINALIZED"), closing["again"])


def jury(checks: Checks, verdicts: dict[str, Any], candidates: int, out_dir: Path | None) -> None:
    from infra.local.demo_clean_session import CANDIDATES

    clean, reviewed = verdicts["clean_detail"], verdicts["reviewed"]
    checks.check("session sans incident publiée par le jury automatique", "published",
                 clean["session"]["state"])  # fmt: skip
    checks.check(
        "certifications de la session sans incident", CANDIDATES, len(clean["certifications"])
    )
    checks.check("session revue publiée par le jury", "published", reviewed["session"]["state"])
    checks.check("certifications de la session revue", candidates, len(reviewed["certifications"]))
    frauds = [
        c for c in reviewed["certifications"] if any(r["code"] == "C6" for r in c["issue_reports"])
    ]
    checks.check(
        "certification du candidat signalé pour fraude (C6)",
        ["cancelled"],
        [c["result"]["status"] for c in frauds],
    )
    unresolved = [
        r
        for c in reviewed["certifications"]
        for r in c["issue_reports"]
        if r["is_impactful"] and not r["resolved"]
    ]
    checks.check("signalements restés sans réponse", 0, len(unresolved))
    checks.check("publier une seconde fois", (409, "SESSION_ALREADY_PUBLISHED"),
                 reviewed["published_again"])  # fmt: skip
    checks.check("résultats vus par les candidats sur leur compte", CANDIDATES,
                 len(verdicts["own_results"]))  # fmt: skip
    for csv, session, which in zip(
        verdicts["csvs"], (clean, reviewed), ("sans incident", "revue"), strict=True
    ):
        rows = csv.strip().splitlines()[1:]
        checks.check(
            f"lignes du fichier de résultats de l'école, session {which}",
            len(session["certifications"]),
            len(rows),
        )
    holder, found = verdicts["holder"], verdicts["verified"]
    checks.check("vérification par le code : pix du certificat", holder["pix"], found["pix"])
    checks.check("un code inconnu", (404, "CERTIFICATE_NOT_FOUND"), found["unknown"])
    attestation = verdicts["attestation"]
    checks.check("attestation signée authentique", True, attestation["verdict"]["authentic"])
    checks.check("un octet changé : plus authentique", False, attestation["altered"]["authentic"])
    checks.true("attestations de la session : un PDF", verdicts["attestations_pdf"][:5] == b"%PDF-")
    if out_dir is not None:
        saved = out_dir / "jury" / f"attestation-{holder['course_id']}.pdf"
        checks.true(f"{saved.name} enregistrée", _is_pdf(saved))
    board = verdicts["board"]
    sessions = (clean, reviewed)
    certified = sum(
        1 for s in sessions for c in s["certifications"] if c["result"]["status"] == "validated"
    )
    public = {
        "schools_with_sessions": 1,
        "sessions_created": len(sessions),
        "sessions_finalized": len(sessions),
        "candidates_enrolled": sum(len(s["certifications"]) for s in sessions),
        "candidates_took_part": sum(len(s["certifications"]) for s in sessions),
        "certified": certified,
    }
    shown = board["by_sector"]["PUBLIC"]
    checks.check("académie de Paris, public", public, {k: shown[k] for k in public})
    private = board["by_sector"]["PRIVATE"]
    checks.check(
        "académie de Paris, privé", dict.fromkeys(public, 0), {k: private[k] for k in public}
    )
    total = Counter(shown) + Counter(private)
    checks.check(
        "académie de Paris, total = public + privé",
        {k: total[k] for k in public},
        {k: board["total"][k] for k in public},
    )
    weekly = ("sessions_created", "sessions_finalized", "candidates_enrolled", "certified")
    by_week: Counter[str] = Counter()
    for week in board["weeks"]:
        by_week.update({k: week["by_sector"]["PUBLIC"][k] for k in weekly})
    checks.check(
        "académie de Paris, public, semaine par semaine : la saison",
        {k: public[k] for k in weekly},
        {k: by_week[k] for k in weekly},
    )
    checks.check("une autre académie demandée : refusée", 403, verdicts["other_academie"][0])
