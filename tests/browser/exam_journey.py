"""The exam day's journey on `pixcert up`, set up through the APIs: a certification centre, two
reconciled students made certifiable through the engine's own HTTP (the sample bank's right
answers), a session of today (Paris) with both enrolled; then the session finalised and published."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from infra.local.client import ApiClient
from infra.samples import siecle_builder as siecle
from pixcore.clock import PARIS
from pixcore.text import fold
from tests.browser import bank
from tests.browser.journey import eventually

UAI = "0931234L"  # not the student journey's school: both may run on one stack
ADMIN = {"email": "claire.roux@college-exam.fr", "password": "Motdepasse-2026"}
PASSWORD = "Motdepasse-exam-1"
STUDENTS = [
    siecle.Eleve("910001", ine="091000001AA", last_name="LEFÈVRE", first_name="Zoé",
                 birthdate="28/02/2011", divisions=("3E1",)),
    siecle.Eleve("910002", ine="091000002BB", last_name="BENOÎT", first_name="Mathis",
                 birthdate="03/11/2010", divisions=("3E1",)),
]  # fmt: skip
COMPETENCES = ("1.1", "1.2", "2.1", "3.1", "4.1", "5.1", "2.2", "3.2")


@dataclass
class ExamDay:
    admin: ApiClient
    center_id: str
    session: dict[str, Any]
    # first name → (account, candidate as enrolled)
    people: dict[str, tuple[ApiClient, dict[str, Any]]]


def ok(reply: Any, what: str) -> Any:
    assert 200 <= reply.status < 300, f"{what}: {reply.status} {reply.body[:300]!r}"
    return reply.json() if reply.body else None


def school(stack: Any) -> tuple[ApiClient, str]:
    jury, anonymous = stack.jury(), stack.client()
    center = ok(
        jury.post(
            "/orga/organizations",
            {"uai": UAI, "name": "Collège Victor-Hugo", "type": "COLLEGE", "sector": "PUBLIC",
             "academie": "Créteil", "is_certification_center": True},
        ),
        "the school",
    )  # fmt: skip
    ok(anonymous.post("/orga/users", {"first_name": "Claire", "last_name": "Roux",
                                      "birthdate": "1980-05-12", **ADMIN}), "admin sign-up")  # fmt: skip
    jury.post(
        f"/orga/organizations/{center['id']}/memberships",
        {"email": ADMIN["email"], "role": "ADMIN"},
    )
    admin = anonymous.login(ADMIN["email"], ADMIN["password"])
    base = f"/orga/organizations/{center['id']}"
    data = siecle.siecle_xml(STUDENTS, uai=UAI)
    started = ok(admin.post(f"{base}/imports", raw=data, content_type="application/xml"), "import")
    eventually(
        lambda: admin.get(f"{base}/imports/{started['import_id']}").json()["status"] == "DONE",
        "the import",
    )
    return admin, center["id"]


def certifiable(account: ApiClient) -> None:
    """Competence evaluations answered rightly, one round trip per question, until 5 competences
    are at level 1 or more."""
    for done, competence in enumerate(COMPETENCES, 1):
        started = ok(
            account.post("/engine/competence-evaluations", {"competence": competence}), "start"
        )
        path = f"/engine/assessments/{started['assessment_id']}"
        shown = account.get(f"{path}/next")
        current = shown.json() if shown.status == 200 else None
        while current is not None:
            value = bank.right_answer(current["challenge_id"])
            reply = ok(
                account.post(
                    f"{path}/answers", {"challenge_id": current["challenge_id"], "value": value}
                ),
                "answer",
            )
            current = reply["next"]
        if done >= 5 and account.get("/engine/users/me/profile").json()["certifiable"]:
            return
    raise AssertionError("the sample bank's right answers did not make the profile certifiable")


def exam_day(stack: Any) -> ExamDay:
    admin, center_id = school(stack)
    campaign = ok(admin.post(f"/orga/organizations/{center_id}/campaigns",
                             {"name": "Profils des 3e", "type": "PROFILES_COLLECTION"}), "campaign")  # fmt: skip
    anonymous = stack.client()
    accounts: dict[str, ApiClient] = {}
    for s in STUDENTS:
        username = f"{fold(s.first_name)}.exam"
        born = "-".join(reversed(s.birthdate.split("/")))
        identity = {"first_name": s.first_name, "last_name": s.last_name.title(), "birthdate": born}
        ok(
            anonymous.post("/orga/users", {**identity, "username": username, "password": PASSWORD}),
            "sign-up",
        )
        account = anonymous.login(username, PASSWORD)
        ok(
            account.post(f"/orga/campaigns/{campaign['code']}/participations", identity),
            "reconcile",
        )
        certifiable(account)
        accounts[s.first_name] = account

    last: list[str] = ["no answer yet"]

    def listed() -> list[dict] | None:
        """The centre's students once certif knows the centre, its admin and both profiles
        (each arrives by its own message: until then the list is refused or incomplete)."""
        reply = admin.get(f"/certif/centers/{center_id}/students")
        if reply.status != 200:
            last[0] = f"HTTP {reply.status} {reply.error_code}"
            return None
        found = reply.json()["students"]
        last[0] = f"{len(found)} students, {sum(x['certifiable'] for x in found)} certifiable"
        return found if sum(1 for x in found if x["certifiable"]) == len(STUDENTS) else None

    # The first test of a worker starts its stack cold while the other worker runs: the
    # messages may take long on a loaded 2-core machine, never this long.
    try:
        students = eventually(listed, "certif knows both profiles", timeout=120)
    except AssertionError as late:
        raise AssertionError(f"{late} (last seen: {last[0]})") from None
    session = ok(admin.post(f"/certif/centers/{center_id}/sessions", {
        "address": "Collège Victor-Hugo, bâtiment B", "room": "Salle B12",
        "date": datetime.now(PARIS).date().isoformat(), "time": "09:00",
        "examiner": "M. Martin",
    }), "session")  # fmt: skip
    enrolled = ok(admin.post(f"/certif/sessions/{session['id']}/candidates",
                             {"student_ids": [s["id"] for s in students]}), "enrol")["candidates"]  # fmt: skip
    by_name = {c["first_name"]: c for c in enrolled}
    people = {first: (account, by_name[first]) for first, account in accounts.items()}
    return ExamDay(admin, center_id, session, people)


def finalize_and_publish(day: ExamDay, stack: Any) -> None:
    """The centre finalises (the examiner's end gets its abort reason), the jury publishes."""
    sid = day.session["id"]
    closing = ok(day.admin.get(f"/certif/sessions/{sid}/finalization"), "finalization")
    draft = {
        "candidates": [
            {"candidate_id": c["candidate_id"], "end_screen_seen": c["end_screen_seen"],
             "abort_reason": "candidate" if c["unfinished"] else None, "issue_reports": []}
            for c in closing["candidates"]
        ],
        "has_incident": False,
    }  # fmt: skip
    ok(day.admin.put(f"/certif/sessions/{sid}/finalization", draft), "draft")
    ok(day.admin.post(f"/certif/sessions/{sid}/finalize"), "finalize")
    jury = stack.jury()
    judged = eventually(
        lambda: (
            (r := jury.get(f"/jury/sessions/{sid}")).status == 200
            and r.json()["session"]["state"] != "waiting"
            and r.json()
        ),
        "the jury's verdict",
        timeout=60,
    )
    if judged["session"]["state"] != "published":
        jury.post(f"/jury/sessions/{sid}/assign")
        ok(jury.post(f"/jury/sessions/{sid}/publish"), "publish")
