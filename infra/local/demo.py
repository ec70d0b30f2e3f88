"""The demo journey, driven through HTTP like a real client, printing what happens."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from infra.local import demo_figures as figures
from infra.local.client import ApiClient, Reply
from infra.local.demo_checks import Checks


def say(text: str) -> None:
    print(f"  {text}", flush=True)


def step(title: str) -> None:
    print(f"\n== {title}", flush=True)


def expect(reply: Reply, status: int, what: str) -> Any:
    if reply.status != status:
        raise RuntimeError(f"{what}: expected {status}, got {reply.status}: {reply.body[:300]!r}")
    return reply.json()


def eventually(
    fetch: Callable[[], Reply], ok: Callable[[Reply], bool], what: str, timeout: float = 30.0
) -> Reply:
    """Messages cross services asynchronously: poll like a frontend would."""
    deadline = time.monotonic() + timeout
    while True:
        reply = fetch()
        if ok(reply):
            return reply
        if time.monotonic() > deadline:
            raise RuntimeError(
                f"{what}: still {reply.status} after {timeout:.0f} s: {reply.body[:300]!r}"
            )
        time.sleep(0.1)


IMPORT_STATUS = {"DONE": "terminé", "FAILED": "en échec"}


def run(
    base_url: str,
    admin_email: str,
    admin_password: str,
    seed: int = 2026,
    out_dir: Path | None = None,
    checks: Checks | None = None,
    per_class: int | None = None,
    academie: dict[str, int] | None = None,
) -> dict[str, Any]:
    """The journey; `seed` drives the simulated learners, `out_dir` keeps the CSV downloaded.
    Every step's figures are checked (outcome["checks"]); a step that cannot go on raises.
    After the showcase collège, more schools of its académie play their season (`academie`
    overrides `demo_academie.SIZE`'s figures; `{"schools": 0}` plays none)."""
    checks = checks if checks is not None else Checks(out=lambda line: print(line, flush=True))
    anonymous = ApiClient(base_url)
    step("1. Le jury se connecte")
    jury = anonymous.login(admin_email, admin_password)
    me = expect(jury.get("/orga/me"), 200, "GET /orga/me")
    say(f"connecté : {me['first_name']} {me['last_name']} (rôle {me['role']})")

    step("2. Le jury crée un collège, centre de certification")
    school = expect(
        jury.post(
            "/orga/organizations",
            {
                "uai": "0750001U",
                "name": "Collège Victor-Hugo",
                "type": "COLLEGE",
                "sector": "PUBLIC",
                "academie": "Paris",
                "is_certification_center": True,
            },
        ),
        201,
        "POST /orga/organizations",
    )
    say(f"établissement {school['name']} ({school['uai']}) créé : id {school['id']}")

    step("3. Le message OrganizationRegistered traverse orga → certif et orga → jury")
    started = time.monotonic()
    center = eventually(
        lambda: jury.get(f"/certif/centers/{school['id']}"),
        lambda r: r.status == 200,
        "certif knows the centre",
    ).json()
    say(f"certif connaît le centre « {center['name']} » après {time.monotonic() - started:.2f} s")
    stats = eventually(
        lambda: jury.get("/jury/stats", query={"academie": "Paris"}),
        lambda r: r.status == 200 and r.json()["total"]["schools"] >= 1,
        "jury counts the school",
    ).json()
    say(
        f"jury : {stats['total']['schools']} établissement(s) dans l'académie de Paris, "
        f"dont {stats['total']['certification_centers']} centre(s) de certification"
    )
    checks.true("le jury compte le collège dans l'académie de Paris", stats["total"]["schools"])
    admin = school_admin_imports_students(anonymous, jury, school, checks)
    step("4. Des élèves passent des évaluations de compétences (apprenants simulés)")
    from infra.local.demo_engine import STUDENTS, run_students

    profiles = run_students(anonymous, say, seed)
    figures.profiles(checks, STUDENTS, profiles)
    step("5. Collecte de profils : les élèves rejoignent la campagne et envoient leur profil")
    from infra.local.demo_campaign import run_campaign

    campaign = run_campaign(anonymous, admin, school, profiles, say, eventually, out_dir)
    figures.campaign(checks, admin, school, profiles, campaign)
    from infra.local.demo_certif import CLASSES, PER_CLASS, run_certification

    per_class = per_class or PER_CLASS  # 20 of each class: 40 candidates, two examiners
    certification = run_certification(
        anonymous, admin, school, campaign, say, step, eventually, out_dir, per_class
    )
    figures.certification(checks, certification, len(CLASSES) * per_class)
    from infra.local.demo_jury import run_jury

    verdicts = run_jury(
        anonymous,
        jury,
        admin,
        school["id"],
        campaign["code"],
        certification,
        say,
        step,
        eventually,
        out_dir,
    )
    figures.jury(checks, verdicts, len(CLASSES) * per_class, out_dir)
    region = None
    if (academie or {}).get("schools", 1):
        from infra.local.demo_academie import run_academie

        region = run_academie(
            base_url, jury, "Paris", checks, say, step, seed, academie, out_dir=out_dir
        )
    return {
        "academie": region,
        "checks": checks,
        "certification": certification,
        "verdicts": verdicts,
        "school": school,
        "jury": jury,
        "profiles": profiles,
        "admin": admin,
        "campaign": campaign,
    }


def school_admin_imports_students(
    anonymous: ApiClient, jury: ApiClient, school: dict[str, Any], checks: Checks
) -> ApiClient:
    """The school's admin imports a SIECLE export of 120 students, then lists a class."""
    step("3 bis. L'administratrice du collège importe ses élèves (fichier SIECLE)")
    email = "claire.benoit@college-victor-hugo.fr"
    expect(
        anonymous.post(
            "/orga/users",
            {
                "first_name": "Claire",
                "last_name": "Benoît",
                "birthdate": "1980-05-12",
                "email": email,
                "password": "Motdepasse-2020",
            },
        ),
        201,
        "POST /orga/users",
    )
    expect(
        jury.post(
            f"/orga/organizations/{school['id']}/memberships", {"email": email, "role": "ADMIN"}
        ),
        201,
        "POST memberships",
    )
    admin = anonymous.login(email, "Motdepasse-2020")
    say("Claire Benoît, administratrice du collège, est connectée")
    eleves = demo_eleves(120)
    data = siecle_xml(eleves, school["uai"])
    started = time.monotonic()
    base = f"/orga/organizations/{school['id']}"
    accepted = expect(
        admin.post(f"{base}/imports", raw=data, content_type="application/xml"), 202, "POST imports"
    )
    say(f"ElevesSansAdresses.xml envoyé ({len(data) // 1024} Ko) : import en file d'attente")
    done = eventually(
        lambda: admin.get(f"{base}/imports/{accepted['import_id']}"),
        lambda r: r.status == 200 and r.json()["status"] in ("DONE", "FAILED"),
        "import finished",
    ).json()
    counts = done["counts"]
    say(
        f"import {IMPORT_STATUS.get(done['status'], done['status'])} "
        f"en {time.monotonic() - started:.1f} s : "
        f"{counts.get('imported')} élèves importés, {len(done['errors'])} erreur(s)"
    )
    page = expect(
        admin.get(f"{base}/students", query={"division": "3E1", "limit": 200}), 200, "GET students"
    )
    names = ", ".join(f"{s['last_name']} {s['first_name']}" for s in page["students"][:3])
    say(f"classe de 3E1 : {len(page['students'])} élèves ({names}, …)")
    in_3e1 = sum(1 for e in eleves if "3E1" in e.divisions)
    figures.imported(checks, done, len(eleves), 0, (in_3e1, len(page["students"])))
    return admin


def siecle_xml(eleves: list[Any], uai: str) -> bytes:
    """A SIECLE export (ISO-8859-15) of these students."""
    from infra.samples import siecle_builder as b

    return b.siecle_xml(eleves, uai=uai)


def demo_eleves(count: int) -> list[Any]:
    """The demo's students: accented names spread over 3E1 to 3E4."""
    from infra.local.demo_engine import STUDENTS
    from infra.samples import siecle_builder as b
    from infra.samples import siecle_generator as g

    # The demo's students are on the school's list (as SIECLE writes them: upper case, Latin-9).
    known = [
        b.Eleve(
            str(400_000 + n),
            ine=f"{n:09d}ZZ",
            last_name=who.last_name.upper().replace("Ễ", "E"),
            first_name=who.first_name,
            sex="12"[n % 2],
            birthdate="/".join(reversed(who.birthdate.split("-"))),
            divisions=("3E1",),
        )
        for n, who in enumerate(STUDENTS)
    ]
    eleves = known + [
        b.Eleve(
            str(500_000 + i),
            ine=f"{i:09d}{chr(65 + i % 26)}X",
            last_name=g.LAST_NAMES[i % len(g.LAST_NAMES)],
            first_name=g.FIRST_NAMES[i % len(g.FIRST_NAMES)],
            sex="12"[i % 2],
            birthdate=f"{1 + i % 28:02d}/{1 + i % 12:02d}/2007",
            divisions=(f"3E{1 + i % 4}",),
        )
        for i in range(count - len(known))
    ]
    return eleves
