"""Demo step: a profile collection campaign — students join with the code, send their profile,
the school lists the participants and downloads the CSV."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from infra.local.client import ApiClient
from infra.local.demo_engine import PASSWORD, STUDENTS


def run_campaign(
    anonymous: ApiClient,
    admin: ApiClient,
    school: dict[str, Any],
    profiles: list[dict[str, Any]],
    say: Callable[[str], None],
    eventually: Callable[..., Any],
    out_dir: Path | None = None,
) -> dict[str, Any]:
    base = f"/orga/organizations/{school['id']}"
    campaign = admin.post(
        f"{base}/campaigns",
        {
            "name": "Collecte des profils — 3e",
            "type": "PROFILES_COLLECTION",
            "external_id_label": "Numéro élève",
        },
    ).json()
    say(f"campagne « {campaign['name']} » créée : code {campaign['code']}")
    for who, profile in zip(STUDENTS, profiles, strict=True):
        student = anonymous.login(who.username, PASSWORD)
        joined = student.post(
            f"/orga/campaigns/{campaign['code']}/participations",
            {
                "first_name": who.first_name,
                "last_name": who.last_name,
                "birthdate": who.birthdate,
                "external_id": f"E-{who.username[:3].upper()}",
            },
        )
        if joined.status != 201:
            raise RuntimeError(f"join refused: {joined.status} {joined.body[:300]!r}")
        # The engine's ProfileUpdated reaches orga through the queue: wait for the latest one.
        eventually(
            lambda s=student: s.get(f"/orga/campaigns/{campaign['code']}/participations/me"),
            lambda r, p=profile: r.status == 200 and r.json()["pix_score"] == p["total_pix"],
            "orga has the latest profile",
        )
        student.post(f"/orga/campaigns/{campaign['code']}/share")
        status = _sent(student, campaign["code"])
        say(
            f"{who.first_name} {who.last_name} rejoint la campagne (élève de "
            f"{joined.json()['division']} retrouvé) et envoie son profil ({status})"
        )
    listed = admin.get(f"{base}/campaigns/{campaign['id']}/participants").json()["participants"]
    for p in listed:
        verdict = "certifiable" if p["certifiable"] else "non certifiable"
        say(
            f"  {p['last_name']} {p['first_name']} : {p['pix_score']} pix, {verdict} "
            f"({p['certifiable_competences_count']} compétences certifiables)"
        )
    export = admin.get(f"{base}/campaigns/{campaign['id']}/export.csv", accept="text/csv")
    rows = export.body.decode("utf-8").lstrip("\ufeff").splitlines()
    say(f"export CSV téléchargé : {len(rows) - 1} ligne(s), {len(rows[0].split(';'))} colonnes")
    if out_dir is not None:
        saved = out_dir / f"export-{campaign['code']}.csv"
        saved.write_bytes(export.body)
        say(f"export enregistré : {saved}")
        campaign = {**campaign, "export_path": str(saved)}
    return campaign


def _sent(student: ApiClient, code: str, seconds: float = 15.0) -> str:
    """Engine answers the share with the profile as of now; orga shows « Envoi en cours » until
    then. The demo waits a little for « Envoyé »."""
    deadline = time.monotonic() + seconds
    status = "Envoi en cours"
    while time.monotonic() < deadline:
        status = student.get(f"/orga/campaigns/{code}/participations/me").json()["status"]
        if status == "Envoyé":
            break
        time.sleep(0.2)
    return status
