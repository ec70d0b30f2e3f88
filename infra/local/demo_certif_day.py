"""Demo step, the test day: the examiner opens their space, candidates join (one mistypes),
wait for authorisation, start with the access code; the hook where the engine's course comes."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from infra.local.client import ApiClient, Reply

LEARNERS_AT_ONCE = 8
Say = Callable[[str], None]


def run_test_day(
    anonymous: ApiClient,
    session: dict[str, Any],
    students: list[dict[str, Any]],
    say: Say,
    eventually: Callable[..., Reply],
) -> tuple[list[str], list[Any], dict[str, int]]:
    """Returns the course ids, each candidate's test (demo_exam.ExamOutcome) and the examiner's
    final view (how many candidates per state label)."""
    sid = session["id"]
    examiner_token = anonymous.post(
        f"/certif/sessions/{sid}/supervise", {"examiner_password": session["examiner_password"]}
    )
    examiner = anonymous.with_token(examiner_token.json()["access_token"])
    say(f"espace surveillant ouvert (jeton limité à la session {sid})")
    typo = students[1]
    wrong = typo["account"].post(
        f"/certif/sessions/{sid}/join",
        {
            "first_name": typo["first_name"],
            "last_name": typo["last_name"] + "e",
            "birthdate": typo["birthdate"],
        },
    )
    say(
        f"{typo['first_name']} se trompe d'une lettre : {wrong.status} — « {wrong.json()['error']['message']} »"
    )

    def join(student: dict[str, Any]) -> dict[str, Any]:
        typed = {
            "first_name": student["first_name"].upper(),
            "last_name": student["last_name"].lower(),
            "birthdate": student["birthdate"],
        }
        return student["account"].post(f"/certif/sessions/{sid}/join", typed).json()

    with ThreadPoolExecutor(LEARNERS_AT_ONCE) as pool:
        seats = list(pool.map(join, students))
    view = examiner.get(f"/certif/sessions/{sid}/supervision").json()["candidates"]
    say(
        f"le surveillant voit {sum(c['state'] == 'waiting_for_authorization' for c in view)} candidats en attente d'autorisation"
    )
    early = students[2]["account"].post(
        f"/certif/sessions/{sid}/start", {"access_code": session["access_code"]}
    )
    say(f"un candidat tente de commencer sans autorisation : {early.status} {early.error_code}")
    for seat in seats:
        examiner.post(f"/certif/sessions/{sid}/candidates/{seat['id']}/authorize")
    bad = students[5]["account"].post(f"/certif/sessions/{sid}/start", {"access_code": "BBBB22"})
    say(
        f"un code d'accès erroné : {bad.status} {bad.error_code}, encore {bad.json()['error']['details']['attempts_left']} essais"
    )

    def start(student: dict[str, Any]) -> str:
        reply = student["account"].post(
            f"/certif/sessions/{sid}/start", {"access_code": session["access_code"].lower()}
        )
        if reply.status != 202:
            raise RuntimeError(f"start refused: {reply.status} {reply.body[:200]!r}")
        return reply.json()["course_id"]

    with ThreadPoolExecutor(LEARNERS_AT_ONCE) as pool:
        courses = list(pool.map(start, students))
    say(
        f"{len(courses)} candidats ont saisi le code d'accès : CertificationStartRequested envoyé au moteur"
    )
    outcomes = take_certification_tests(
        students, courses, say, eventually, (session, examiner, seats)
    )
    ended = seats[7]
    examiner.post(
        f"/certif/sessions/{sid}/candidates/{ended['id']}/end-test",
        {"reason": "A quitté la salle sans l'accord du surveillant"},
    )
    for seat in seats[:30]:
        examiner.post(f"/certif/sessions/{sid}/candidates/{seat['id']}/end-screen-seen")
    view = examiner.get(f"/certif/sessions/{sid}/supervision").json()["candidates"]
    counts: dict[str, int] = {}
    for candidate in view:
        counts[candidate["state_label"]] = counts.get(candidate["state_label"], 0) + 1
    say(
        "vue du surveillant : "
        + ", ".join(f"{n} « {label} »" for label, n in sorted(counts.items()))
    )
    return courses, outcomes, counts


def take_certification_tests(
    students: list[dict[str, Any]],
    courses: list[str],
    say: Say,
    eventually: Callable[..., Reply],
    room: tuple[dict[str, Any], ApiClient, list[dict[str, Any]]],
) -> list[Any]:
    """Once engine consumes the start requests, the candidates take their tests at once
    (infra/local/demo_exam.py), the examiner ending one of them from their space."""
    account = students[0]["account"]
    eventually(
        lambda: account.get(f"/engine/certification-courses/{courses[0]}"),
        lambda r: r.status == 200 and r.json()["state"] != "generating",
        "the engine created the course",
    )
    say(
        f"le moteur a créé les {len(courses)} tests de certification (GET /engine/certification-courses/…)"
    )
    from infra.local.demo_exam import take_session_tests

    return take_session_tests(students, courses, room, say)
