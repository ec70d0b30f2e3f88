"""Demo steps of the jury: a clean session published by the auto-jury, a session reviewed and
published by a jury member, then what everyone sees — results, the school's CSV, a verification,
the check of a signed attestation, the académie's table. Each function drives HTTP like a client."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from infra.local.client import ApiClient, Reply

Say = Callable[[str], None]
Eventually = Callable[..., Reply]
STATUS = {
    "validated": "Validée",
    "rejected": "Rejetée",
    "cancelled": "Annulée",
    "error": "En erreur",
    "started": "Démarrée",
}
DANE = {
    "email": "dane@ac-paris.fr",
    "first_name": "Hélène",
    "last_name": "Rousseau",
    "password": "Motdepasse-dane-1",
}


def _ok(reply: Reply, status: int, what: str) -> Any:
    if reply.status != status:
        raise RuntimeError(f"{what}: expected {status}, got {reply.status}: {reply.body[:300]!r}")
    return reply.json()


def _session(jury: ApiClient, session_id: str) -> dict[str, Any]:
    return _ok(jury.get(f"/jury/sessions/{session_id}"), 200, "GET /jury/sessions/{id}")


def await_judged(jury: ApiClient, session_id: str, eventually: Eventually) -> dict[str, Any]:
    """Finalisation and courses reach jury by queue: wait until the auto-jury has spoken."""
    eventually(
        lambda: jury.get(f"/jury/sessions/{session_id}"),
        lambda r: r.status == 200 and r.json()["session"]["state"] != "waiting",
        f"session {session_id} judged",
    )
    return _session(jury, session_id)


def clean_session(jury: ApiClient, session_id: str, say: Say, eventually: Eventually) -> dict:
    """A session without incident is published by the auto-jury alone."""
    detail = await_judged(jury, session_id, eventually)
    state = detail["session"]["state"]
    if state != "published":
        raise RuntimeError(f"session {session_id} should have been published: {detail['session']}")
    say(
        f"session {session_id} : publiée automatiquement le "
        f"{detail['session']['published_at'][:10]} ({len(detail['certifications'])} candidats)"
    )
    return detail


def _reasons(codes: list[str]) -> str:
    counted = Counter(codes)
    return ", ".join(f"{code} ×{n}" if n > 1 else code for code, n in counted.items())


def review_session(jury: ApiClient, session_id: str, say: Say, eventually: Eventually) -> dict:
    """A jury member takes the session, neutralises the questions whose report holds (a wrong
    answer), resolves every report with a comment, and publishes."""
    detail = await_judged(jury, session_id, eventually)
    say(f"session {session_id} : à traiter ({_reasons(detail['session']['reasons'])})")
    _ok(jury.post(f"/jury/sessions/{session_id}/assign"), 200, "assign")
    say("le jury s'assigne la session (certif la voit « en cours de traitement »)")
    for cert in detail["certifications"]:
        version = cert["version"]
        for report in [r for r in cert["issue_reports"] if r["is_impactful"] and not r["resolved"]]:
            number = report["question_number"]
            answer = next((a for a in cert["answers"] if a["question_number"] == number), None)
            comment = "Signalement examiné : rien ne change le résultat."
            if report["code"] == "C6":  # the examiner saw a fraud: the jury cancels the test
                cancelled = _ok(
                    jury.post(
                        f"/jury/certifications/{cert['course_id']}/cancel", {"version": version}
                    ),
                    200,
                    "cancel",
                )
                version = cancelled["version"]
                comment = "Fraude constatée par le surveillant : certification annulée."
                say(
                    f"fraude signalée (C6) pour {cert['identity']['first_name']} : certification "
                    f"annulée ({cancelled['result']['status']})"
                )
            elif answer and answer["result"] != "ok" and not answer["neutralized"]:
                before = cert["result"]["pix"]
                moved = _ok(
                    jury.post(
                        f"/jury/certifications/{cert['course_id']}/neutralize",
                        {"version": version, "question_number": number},
                    ),
                    200,
                    "neutralize",
                )
                version = moved["version"]
                comment = f"Question {number} neutralisée : le problème signalé l'a empêchée."
                say(
                    f"question {number} de {cert['identity']['first_name']} neutralisée "
                    f"({report['code']}) : {before} → {moved['result']['pix']} pix"
                )
            resolved = _ok(
                jury.post(
                    f"/jury/issue-reports/{report['issue_report_id']}/resolve",
                    {"certification_id": cert["course_id"], "version": version, "comment": comment},
                ),
                200,
                "resolve",
            )
            version = resolved["version"]
            who = cert["identity"]["first_name"] if cert["identity"] else cert["course_id"]
            say(f"signalement {report['code']} de {who} résolu : « {comment} »")
    published = _ok(jury.post(f"/jury/sessions/{session_id}/publish"), 200, "publish")
    say(f"session {session_id} publiée par le jury ({published['state']})")
    again = jury.post(f"/jury/sessions/{session_id}/publish")
    say(f"publier une seconde fois : refusé ({again.status} {again.error_code})")
    return {**_session(jury, session_id), "published_again": (again.status, again.error_code)}


def candidate_results(candidates: list[tuple[str, ApiClient]], say: Say) -> list[dict]:
    found = []
    for name, candidate in candidates:
        mine = _ok(candidate.get("/jury/users/me/certifications"), 200, "my certifications")
        for c in mine["certifications"]:
            levels = ", ".join(
                f"{m['competence']}:{m['level']}" for m in c["competences"] if m["level"]
            )
            status = STATUS.get(c["status"], c["status"])
            say(f"{name} : {status}, {c['pix']} pix ({levels or 'aucun niveau'})")
            found.append(c)
    return found


def school_csv(
    admin: ApiClient, center_id: str, session_id: str, say: Say, eventually: Eventually
) -> str:
    """Orga turned SessionPublished into the school's results CSV."""
    path = f"/orga/organizations/{center_id}/certification-results.csv"
    reply = eventually(
        lambda: admin.get(path, query={"session_id": session_id}, accept="text/csv"),
        lambda r: r.status == 200 and r.body.count(b"\n") > 1,
        "the school's results CSV",
    )
    text = reply.body.decode("utf-8-sig")
    lines = text.strip().splitlines()
    say(f"CSV de l'établissement : {len(lines) - 1} ligne(s) ; en-tête « {lines[0][:70]}… »")
    for line in lines[1:]:
        cells = line.split(";")
        say(f"  {cells[1]} {cells[2]} : {cells[6]}, {cells[7]} pix")
    return text


def verification(anonymous: ApiClient, code: str, say: Say) -> dict:
    typed = code.lower().replace("-", " ")
    found = _ok(anonymous.get(f"/jury/verify/{quote(typed)}"), 200, "verify")
    say(
        f"vérification de « {typed} » : {found['full_name']}, {found['pix']} pix, "
        f"{found['center_name']}, passée le {found['taken_on']}"
    )
    unknown = anonymous.get("/jury/verify/P-BBBBBBBB")
    say(f"un code inconnu : {unknown.status} {unknown.error_code}")
    return {**found, "unknown": (unknown.status, unknown.error_code)}


def attestation_check(
    holder: ApiClient, anonymous: ApiClient, course_id: str, say: Say
) -> dict[str, Any]:
    """The holder downloads the signed attestation; anyone can check it, and a changed byte shows."""
    reply = holder.get(
        f"/jury/certifications/{course_id}/attestation.pdf", accept="application/pdf"
    )
    if reply.status != 200:
        raise RuntimeError(f"attestation: {reply.status} {reply.body[:200]!r}")
    pdf = reply.body
    say(f"attestation téléchargée : {len(pdf) // 1024} Ko, signée")
    verdict = _ok(
        anonymous.post("/jury/verify/document", raw=pdf, content_type="application/pdf"),
        200,
        "verify document",
    )
    holder_name = verdict["certificates"][0]["full_name"] if verdict["certificates"] else "?"
    say(f"vérification du PDF : authentique={verdict['authentic']} ({holder_name})")
    changed = bytearray(pdf)
    changed[len(pdf) // 3] ^= 0x01
    altered = _ok(
        anonymous.post("/jury/verify/document", raw=bytes(changed), content_type="application/pdf"),
        200,
        "verify altered document",
    )
    say(f"le même PDF avec un octet changé : authentique={altered['authentic']}")
    return {"pdf": pdf, "verdict": verdict, "altered": altered}


FIGURES = (
    ("schools_with_sessions", "Établissements ayant créé des sessions"),
    ("sessions_created", "Sessions créées"),
    ("sessions_finalized", "Sessions finalisées"),
    ("candidates_enrolled", "Candidats inscrits"),
    ("candidates_took_part", "Candidats ayant passé le test"),
    ("certified", "Candidats certifiés"),
    ("schools_with_active_students", "Établissements avec des élèves actifs sur Pix"),
)


def academie_table(reader: ApiClient, academie: str, say: Say) -> dict:
    board = _ok(reader.get("/jury/stats", query={"academie": academie}), 200, "stats")
    public, private, total = (
        board["by_sector"]["PUBLIC"],
        board["by_sector"]["PRIVATE"],
        board["total"],
    )
    say(f"  {'académie de ' + academie:45} {'public':>6} {'privé':>6} {'total':>6}")
    for key, label in FIGURES:
        say(f"  {label:45} {public[key]:6} {private[key]:6} {total[key]:6}")
    for week in board["weeks"]:
        counted = week["total"]
        if not any(counted.values()):
            continue
        say(
            f"  semaine {week['week']} (lundi {week['week_start']}) : "
            f"{counted['sessions_created']} session(s) créée(s), "
            f"{counted['sessions_finalized']} finalisée(s), "
            f"{counted['candidates_enrolled']} candidat(s) inscrit(s), "
            f"{counted['certified']} certifié(s)"
        )
    return board


def run_jury(
    anonymous: ApiClient,
    jury: ApiClient,
    admin: ApiClient,
    center: str,
    campaign_code: str,
    certification: dict[str, Any],
    say: Say,
    step: Say,
    eventually: Eventually,
    out_dir: Path | None = None,
) -> dict[str, Any]:
    """After certif's test day: a clean session published by the auto-jury, the big (40-candidate)
    session reviewed and published by the jury, then results, the school's CSV, a verification,
    a signed attestation checked, and the académie's table. PDFs kept in `out_dir/jury`."""
    from infra.local.demo_clean_session import run_clean_session

    step("10. Une seconde session, sans aucun incident : 3 candidats")
    clean = run_clean_session(anonymous, admin, center, campaign_code, say, eventually)
    step("11. Le jury automatique publie seul la session sans incident")
    clean_detail = clean_session(jury, clean["session"]["id"], say, eventually)
    step(f"12. La session de {len(certification['students'])} candidats attend un membre du jury")
    big = certification["session"]["id"]
    await_judged(jury, big, eventually)
    waiting = _ok(jury.get("/jury/sessions", query={"status": "needs_action"}), 200, "list")
    say(f"sessions à traiter : {', '.join(s['session_id'] for s in waiting['sessions'])}")
    reviewed = review_session(jury, big, say, eventually)
    step("13. Les résultats : candidats, établissement")
    for cert in reviewed["certifications"]:
        who = cert["identity"] or {}
        result = cert["result"]
        say(
            f"{who.get('first_name')} {who.get('last_name')} : {STATUS[result['status']]}, "
            f"{result['pix']} pix, code {cert['verification_code']}"
        )
    own = [(f"{s['first_name']} (son compte)", s["account"]) for s in clean["students"]]
    mine = candidate_results(own, say)
    csvs = [
        school_csv(admin, center, session_id, say, eventually)
        for session_id in (clean["session"]["id"], big)
    ]
    step("14. Vérifier un certificat : par son code, par le PDF signé")
    holder_index = next(i for i, c in enumerate(mine) if c["status"] == "validated")
    holder = mine[holder_index]
    verified = verification(anonymous, holder["verification_code"], say)
    attestation = attestation_check(own[holder_index][1], anonymous, holder["course_id"], say)
    pdf = attestation["pdf"]
    printed = admin.get(f"/jury/sessions/{big}/attestations.pdf", accept="application/pdf")
    if printed.status != 200:
        raise RuntimeError(f"attestations.pdf: {printed.status} {printed.body[:200]!r}")
    say(f"attestations de la session à imprimer : {len(printed.body) // 1024} Ko")
    if out_dir is not None:
        folder = out_dir / "jury"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"attestation-{holder['course_id']}.pdf").write_bytes(pdf)
        (folder / f"attestations-session-{big}.pdf").write_bytes(printed.body)
        say(f"PDF enregistrés dans {folder}")
    step("15. Le tableau de bord de l'académie de Paris")
    granted = jury.post("/orga/academie-users", {**DANE, "academie": "Paris"})
    if granted.status not in (200, 201):
        raise RuntimeError(f"academie-users: {granted.status} {granted.body[:200]!r}")
    dane = anonymous.login(DANE["email"], DANE["password"])
    say(f"le jury donne le rôle ACADEMIE (Paris) à {DANE['first_name']} {DANE['last_name']}")
    board = academie_table(dane, "Paris", say)
    other = dane.get("/jury/stats", query={"academie": "Lyon"})
    say(f"la même personne demande l'académie de Lyon : {other.status} {other.error_code}")
    return {
        "clean": clean,
        "clean_detail": clean_detail,
        "reviewed": reviewed,
        "board": board,
        "own_results": mine,
        "csvs": csvs,
        "holder": holder,
        "verified": verified,
        "attestation": attestation,
        "attestations_pdf": printed.body,
        "other_academie": (other.status, other.error_code),
    }
