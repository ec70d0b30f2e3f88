"""The certification days of a simulated season, through HTTP: profiles built in bulk with engine's
own code, then per session the examiner's space, joins, authorisations, starts, the tests
answered question by question, end screens, finalisation, the jury, and the académie's figures
compared with what the plan set up."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Any

from infra.local.client import ApiClient
from infra.local.season import Season, SeasonError, Session, now, ok
from pixcore.referential import COMPETENCE_CODES

FIGURE_NAMES = (
    "schools",
    "certification_centers",
    "schools_with_sessions",
    "sessions_created",
    "sessions_finalized",
    "candidates_enrolled",
    "candidates_took_part",
    "certified",
    "schools_with_active_students",
)


def candidate_levels(rng: random.Random) -> dict[str, int]:
    """A certifiable 3e: 6 to 12 competences between levels 1 and 4."""
    codes = rng.sample(COMPETENCE_CODES, rng.randint(6, 12))
    return {code: rng.randint(1, 4) for code in codes}


def seed_profiles(season: Season) -> None:
    """The candidates of every centre get their profile (see `seed_certifiable`)."""
    candidates = [c for s in season.schools for c in s.candidates]
    seed_certifiable(candidates, season.plan.seed, season.recorder, season.each)


def seed_certifiable(
    candidates: list[dict[str, Any]],
    seed: int,
    recorder: Any,
    each: Callable[[str, list[Any], Callable[[Any], Any]], Any],
) -> None:
    """Placement through HTTP takes minutes per learner: each candidate's knowledge (`user_id`)
    is written with engine's own item layout, then engine's own use case announces the profile
    (ProfileUpdated to orga and certif), as a completed placement would. Sets `levels`."""
    from chalicelib.engine import bootstrap
    from chalicelib.engine.use_cases.progress import publish_profile
    from infra.samples.seeded_profiles import seed_profile
    from pixcore.aws import acting_as, client

    with acting_as("engine"):
        ports, dynamodb = bootstrap.ports(), client("dynamodb")

    def build(candidate: dict[str, Any]) -> None:
        rng = random.Random(f"{seed}:{candidate['user_id']}")
        candidate["levels"] = candidate_levels(rng)
        with acting_as("engine"), recorder.timed("profile (engine, in process)"):
            seed_profile(dynamodb, candidate["user_id"], candidate["levels"], ports.content)
            publish_profile(ports, ports.assessments.knowledge(candidate["user_id"]), now())

    each("profiles", candidates, build)


def open_supervision(season: Session | Any, base: ApiClient) -> ApiClient:
    reply = base.post(
        f"/certif/sessions/{season.id}/supervise", {"examiner_password": season.examiner_password}
    )
    return base.with_token(ok(reply, 200, "supervise")["access_token"])


def test_day(season: Season, session: Session) -> list[dict[str, Any]]:
    """The examiner opens their space; the candidates who came join, are authorised, start."""
    sid, came = session.id, session.candidates[: session.plan.took_part]
    examiner = season.recorder.call("supervise", open_supervision, session, season.anonymous)

    def join(candidate: dict[str, Any]) -> None:
        typed = {k: candidate[k] for k in ("first_name", "last_name", "birthdate")}
        path = f"/certif/sessions/{sid}/join"
        reply = season.pressed_again("join", lambda: candidate["account"].post(path, typed))
        session.seats[candidate["id"]] = ok(reply, (200, 201), "join")

    season.each("join", came, join)
    season.timed("supervision view", lambda: examiner.get(f"/certif/sessions/{sid}/supervision"))

    def authorize(candidate: dict[str, Any]) -> None:
        path = f"/certif/sessions/{sid}/candidates/{session.seats[candidate['id']]['id']}/authorize"
        ok(season.timed("authorize", lambda: examiner.post(path)), 200, "authorize")

    season.each("authorize", came, authorize)

    def start(candidate: dict[str, Any]) -> None:
        body = {"access_code": session.access_code.lower()}
        path = f"/certif/sessions/{sid}/start"
        reply = season.pressed_again("start", lambda: candidate["account"].post(path, body))
        candidate["course_id"] = ok(reply, 202, "start")["course_id"]
        candidate["session"] = session

    season.each("start", came, start)
    return came


def take_test(season: Season, candidate: dict[str, Any], content: Any) -> None:
    """« La certification se génère », then question after question to the end screen."""
    from infra.samples.simulated_learner import SimulatedLearner

    account, course = (
        candidate["account"],
        f"/engine/certification-courses/{candidate['course_id']}",
    )
    season.until(
        "generation (until started)",
        lambda: account.get(course),
        lambda r: r.status == 200 and r.json()["state"] != "generating",
        timeout=900,
    )
    rng = random.Random(f"{season.plan.seed}:{candidate['course_id']}")
    learner = SimulatedLearner({code: rng.uniform(3.0, 5.0) for code in COMPETENCE_CODES})
    reply = season.timed("next question", lambda: account.get(f"{course}/next"))
    question = ok(reply, (200, 204), "GET next") if reply.status == 200 else None
    answered = 0
    while question is not None:
        challenge = content.challenge(question["challenge"]["challenge_id"])
        body = {"challenge_id": challenge.id, "value": learner.answer(content, challenge, rng)}
        if body["value"] is None:
            body = {"challenge_id": challenge.id, "skip": True}
        moved = season.timed("answer", lambda b=body: account.post(f"{course}/answers", b))
        if moved.error_code == "CERTIFICATION_TIME_OVER":  # a slow machine's short demo test:
            candidate["timed_out"] = True  # the rest is recorded unanswered, the end screen follows
            break
        question = ok(moved, 201, "POST answer")["next"]
        answered += 1
    ok(season.timed("end screen", lambda: account.post(f"{course}/end-screen")), 200, "end screen")
    candidate["answered"] = answered


def take_tests(season: Season, candidates: list[dict[str, Any]]) -> None:
    from chalicelib.engine import bootstrap

    content = bootstrap.content()
    season.each("tests", candidates, lambda c: take_test(season, c, content))


def close_session(season: Season, session: Session) -> None:
    """The examiner ticks each end screen seen; the centre finalises (no incident)."""
    sid = session.id
    admin = session.school.admin
    assert admin
    examiner = open_supervision(session, season.anonymous)
    for seat in session.seats.values():
        path = f"/certif/sessions/{sid}/candidates/{seat['id']}/end-screen-seen"
        ok(season.timed("end screen seen", lambda p=path: examiner.post(p)), 200, "end screen seen")
    closing = ok(admin.get(f"/certif/sessions/{sid}/finalization"), 200, "GET finalization")
    draft = {
        "candidates": [
            {
                "candidate_id": c["candidate_id"],
                "end_screen_seen": c["end_screen_seen"],
                "abort_reason": "technical" if c["unfinished"] else None,
                "issue_reports": [],
            }
            for c in closing["candidates"]
        ],
        "has_incident": False,
    }
    path = f"/certif/sessions/{sid}/finalization"
    ok(season.timed("finalization draft", lambda: admin.put(path, draft)), 200, "PUT finalization")
    done = season.timed("finalize", lambda: admin.post(f"/certif/sessions/{sid}/finalize"))
    ok(done, 200, "finalize")


def judge(season: Season, session: Session, timeout: float = 900) -> str:
    """Until the auto-jury has spoken; a session it left to a person is taken and published."""
    detail = season.until(
        "jury (until judged)",
        lambda: season.jury.get(f"/jury/sessions/{session.id}"),
        lambda r: r.status == 200 and r.json()["session"]["state"] != "waiting",
        timeout,
    ).json()
    if detail["session"]["state"] != "published":
        ok(season.jury.post(f"/jury/sessions/{session.id}/assign"), 200, "assign")
        reply = season.timed(
            "publish", lambda: season.jury.post(f"/jury/sessions/{session.id}/publish")
        )
        ok(reply, 200, "publish")
    return detail["session"]["state"]


def certified_count(season: Season, candidates: list[dict[str, Any]]) -> int:
    """Read from each candidate's own results (not from the dashboard's counters)."""

    def validated(candidate: dict[str, Any]) -> bool:
        reply = season.until(
            "results (until published)",
            lambda: candidate["account"].get("/jury/users/me/certifications"),
            lambda r: (
                r.status == 200 and any(c["published_at"] for c in r.json()["certifications"])
            ),
            timeout=600,
        )
        return any(c["status"] == "validated" for c in reply.json()["certifications"])

    return sum(season.each("results", candidates, validated))


WEEKLY = ("sessions_created", "sessions_finalized", "candidates_enrolled", "certified")


def weeks_against_totals(board: dict[str, Any]) -> list[str]:
    """The dashboard's weeks add up to its season, per sector and in total."""
    wrong = []
    for sector in ("PUBLIC", "PRIVATE", "total"):
        season = board["total"] if sector == "total" else board["by_sector"][sector]
        for name in WEEKLY:
            weeks = sum(
                (w["total"] if sector == "total" else w["by_sector"][sector])[name]
                for w in board["weeks"]
            )
            if weeks != season[name]:
                wrong.append(f"{sector} {name}: {weeks} par semaine pour {season[name]} en tout")
    return wrong


def compare_figures(
    season: Season, certified: int, timeout: float = 300
) -> tuple[dict[str, Any], list[str]]:
    """The dashboard against the plan; waits while counters still move (queues drain)."""
    expected = {k: dict(v) for k, v in season.plan.figures.items()}
    expected["total"]["certified"] = certified
    deadline = time.monotonic() + timeout
    while True:
        board = ok(
            season.jury.get("/jury/stats", query={"academie": season.plan.academie}), 200, "stats"
        )
        shown = {"PUBLIC": board["by_sector"]["PUBLIC"], "PRIVATE": board["by_sector"]["PRIVATE"]}
        shown["total"] = board["total"]
        wrong = [
            f"{sector} {name}: {shown[sector][name]} au lieu de {want}"
            for sector, figures in expected.items()
            for name, want in figures.items()
            if shown[sector][name] != want
        ]
        wrong += [
            f"{sector}: {shown[sector]['sessions_finalized']} sessions finalisées pour "
            f"{shown[sector]['sessions_created']} créées"
            for sector in shown
            if shown[sector]["sessions_finalized"] > shown[sector]["sessions_created"]
        ]
        wrong += weeks_against_totals(board)
        if not wrong or time.monotonic() > deadline:
            return shown, wrong
        time.sleep(1)


def play_days(season: Season) -> list[dict[str, Any]]:
    """Every session's day at once (the busiest morning), then finalisations and the jury."""
    came: list[dict[str, Any]] = []
    for session in season.sessions:  # each session's candidates at once, `workers` at a time
        came += test_day(season, session)
    take_tests(season, came)
    season.each("finalisations", season.sessions, lambda s: close_session(season, s))
    season.each("jury", season.sessions, lambda s: judge(season, s))
    return came


def raise_if(wrong: list[str]) -> None:
    if wrong:
        raise SeasonError("figures: " + "; ".join(wrong))
