"""Demo step: a small session without any incident, from the students' accounts to the
finalisation — the one the auto-jury publishes alone. Everything through HTTP, like a client."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from infra.local.client import ApiClient, Reply
from infra.local.demo_certif import PASSWORD, become_certifiable
from infra.local.demo_exam import STEADY, ExamCandidate, run_exam
from pixcore.text import fold

DIVISION = "3E1"
CANDIDATES = 3
Say = Callable[[str], None]
Eventually = Callable[..., Reply]


def _ok(reply: Reply, statuses: tuple[int, ...], what: str) -> Any:
    if reply.status not in statuses:
        raise RuntimeError(f"{what}: {reply.status} {reply.body[:300]!r}")
    return reply.json()


def run_clean_session(
    anonymous: ApiClient,
    admin: ApiClient,
    center: str,
    campaign_code: str,
    say: Say,
    eventually: Eventually,
) -> dict[str, Any]:
    """Three more students of 3E1 become certifiable, take their test in a session of their own
    and see their end screen seen by the examiner; the centre finalises without any report."""
    students = _certifiable_students(anonymous, admin, center, campaign_code, eventually)
    names = ", ".join(f"{s['first_name']} {s['last_name']}" for s in students)
    say(f"{len(students)} autres élèves de {DIVISION} deviennent certifiables : {names}")
    session = _ok(
        admin.post(
            f"/certif/centers/{center}/sessions",
            {
                "address": "Collège Victor-Hugo, bâtiment B",
                "room": "Salle informatique B14",
                "name": "Certification Pix — session de rattrapage",
                "date": (date.today() + timedelta(days=8)).isoformat(),
                "time": "14:00",
                "examiner": "Mme Lambert",
            },
        ),
        (201,),
        "create the clean session",
    )
    sid = session["id"]
    _ok(
        admin.post(f"/certif/sessions/{sid}/candidates", {"student_ids": [s["id"] for s in students]}),
        (200, 201),
        "enrol",
    )  # fmt: skip
    examiner_token = _ok(
        anonymous.post(
            f"/certif/sessions/{sid}/supervise", {"examiner_password": session["examiner_password"]}
        ),
        (200, 201),
        "supervise",
    )["access_token"]
    examiner = anonymous.with_token(examiner_token)
    seats = [
        _ok(
            s["account"].post(
                f"/certif/sessions/{sid}/join",
                {k: s[k] for k in ("first_name", "last_name", "birthdate")},
            ),
            (200, 201),
            "join",
        )
        for s in students
    ]
    for seat in seats:
        _ok(
            examiner.post(f"/certif/sessions/{sid}/candidates/{seat['id']}/authorize"),
            (200, 204),
            "authorize",
        )
    courses = [
        _ok(
            s["account"].post(
                f"/certif/sessions/{sid}/start", {"access_code": session["access_code"]}
            ),
            (202,),
            "start",
        )["course_id"]
        for s in students
    ]
    candidates = [
        ExamCandidate(f"{s['first_name']} {s['last_name']}", s["account"].token, course, STEADY)
        for s, course in zip(students, courses, strict=True)
    ]
    first = students[0]["account"]
    run_exam(f"http://{first.host}:{first.port}", candidates, _no_restart, _no_end, say)
    for seat in seats:
        _ok(
            examiner.post(f"/certif/sessions/{sid}/candidates/{seat['id']}/end-screen-seen"),
            (200, 204),
            "end screen seen",
        )
    _finalize_without_incident(admin, sid, eventually)
    say(
        f"session n° {sid} finalisée sans signalement ni commentaire, "
        "chaque écran de fin vu par le surveillant"
    )
    return {"session": session, "students": students, "courses": courses}


def _no_restart(candidate: ExamCandidate) -> None:
    raise RuntimeError(f"{candidate.label} was not meant to disconnect")


_no_end = _no_restart


def _certifiable_students(
    anonymous: ApiClient, admin: ApiClient, center: str, code: str, eventually: Eventually
) -> list[dict[str, Any]]:
    listed = _ok(
        admin.get(f"/certif/centers/{center}/students", query={"division": DIVISION, "limit": 200}),
        (200,),
        "enrollable students",
    )["students"]  # fmt: skip
    picked = [s for s in listed if not s["reconciled"]][-CANDIDATES:]
    ready = []
    for n, student in enumerate(picked):
        identity = {k: student[k] for k in ("first_name", "last_name", "birthdate")}
        username = f"{fold(student['first_name'])}.{fold(student['last_name'])}.r{n}"
        _ok(
            anonymous.post("/orga/users", {**identity, "username": username, "password": PASSWORD}),
            (201,),
            "sign-up",
        )
        account = anonymous.login(username, PASSWORD)
        _ok(account.post(f"/orga/campaigns/{code}/participations", identity), (201,), "join")
        from chalicelib.engine.content_files import read_content

        become_certifiable(account, read_content(), random.Random(1000 + n))
        ready.append({**student, "account": account})
    wanted = {s["id"] for s in ready}
    eventually(
        lambda: admin.get(f"/certif/centers/{center}/students", query={"division": DIVISION, "limit": 200}),
        lambda r: r.status == 200
        and wanted <= {s["id"] for s in r.json()["students"] if s["certifiable"]},
        "certif knows the new profiles",
        timeout=60,
    )  # fmt: skip
    return ready


def _finalize_without_incident(admin: ApiClient, sid: str, eventually: Eventually) -> None:
    """Once certif has every course's end from engine: end screens seen, nothing to report."""
    closing = eventually(
        lambda: admin.get(f"/certif/sessions/{sid}/finalization"),
        lambda r: r.status == 200 and not any(c["unfinished"] for c in r.json()["candidates"]),
        "certif knows every course ended",
        timeout=60,
    ).json()["candidates"]
    draft = {
        "candidates": [
            {"candidate_id": c["candidate_id"], "end_screen_seen": True, "issue_reports": []}
            for c in closing
        ],
        "has_incident": False,
    }
    _ok(admin.put(f"/certif/sessions/{sid}/finalization", draft), (200,), "finalization draft")
    _ok(admin.post(f"/certif/sessions/{sid}/finalize"), (200,), "finalize")
