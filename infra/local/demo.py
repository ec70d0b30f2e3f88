"""The demo journey, driven through HTTP like a real client, printing what happens."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from infra.local.client import ApiClient, Reply


def say(text: str) -> None:
    print(f"  {text}", flush=True)


def step(title: str) -> None:
    print(f"\n== {title}", flush=True)


def expect(reply: Reply, status: int, what: str) -> Any:
    if reply.status != status:
        raise RuntimeError(f"{what}: expected {status}, got {reply.status}: {reply.body[:300]!r}")
    return reply.json()


def eventually(fetch: Callable[[], Reply], ok: Callable[[Reply], bool], what: str,
               timeout: float = 30.0) -> Reply:
    """Messages cross services asynchronously: poll like a frontend would."""
    deadline = time.monotonic() + timeout
    while True:
        reply = fetch()
        if ok(reply):
            return reply
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what}: still {reply.status} after {timeout:.0f} s: {reply.body[:300]!r}")
        time.sleep(0.1)


def run(base_url: str, admin_email: str, admin_password: str) -> dict[str, Any]:
    anonymous = ApiClient(base_url)
    step("1. Le jury se connecte")
    jury = anonymous.login(admin_email, admin_password)
    me = expect(jury.get("/orga/me"), 200, "GET /orga/me")
    say(f"connecté : {me['first_name']} {me['last_name']} (rôle {me['role']})")

    step("2. Le jury crée un collège, centre de certification")
    school = expect(jury.post("/orga/organizations", {
        "uai": "0750001U", "name": "Collège Victor-Hugo", "type": "COLLEGE", "sector": "PUBLIC",
        "academie": "Paris", "is_certification_center": True,
    }), 201, "POST /orga/organizations")
    say(f"établissement {school['name']} ({school['uai']}) créé : id {school['id']}")

    step("3. Le message OrganizationRegistered traverse orga → certif et orga → jury")
    started = time.monotonic()
    center = eventually(lambda: jury.get(f"/certif/centers/{school['id']}"),
                        lambda r: r.status == 200, "certif knows the centre").json()
    say(f"certif connaît le centre « {center['name']} » après {time.monotonic() - started:.2f} s")
    stats = eventually(lambda: jury.get("/jury/stats", query={"academie": "Paris"}),
                       lambda r: r.status == 200 and r.json()["total"]["schools"] >= 1,
                       "jury counts the school").json()
    say(f"jury : {stats['total']['schools']} établissement(s) dans l'académie de Paris, "
        f"dont {stats['total']['certification_centers']} centre(s) de certification")
    step("4. Des élèves passent des évaluations de compétences (apprenants simulés)")
    from infra.local.demo_engine import run_students

    profiles = run_students(anonymous, say)
    return {"school": school, "jury": jury, "profiles": profiles}
