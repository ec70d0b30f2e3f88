"""Demo step: students take competence evaluations with simulated learners, through HTTP."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from infra.local.client import ApiClient
from pixcore.referential import COMPETENCE_CODES

COMPETENCES = COMPETENCE_CODES


@dataclass(frozen=True)
class DemoStudent:
    first_name: str
    last_name: str
    birthdate: str
    username: str
    ability: float
    max_evaluations: int  # some stop early on purpose and stay below 5 competences


STUDENTS = (
    DemoStudent("Zoé", "Lefèvre", "2011-02-28", "zoe.lefevre.demo", 4.5, 16),
    DemoStudent("Mathis", "Nguyễn", "2010-11-03", "mathis.nguyen.demo", 2.5, 16),
    DemoStudent("Inès", "Benali", "2011-06-14", "ines.benali.demo", 3.0, 3),
)
PASSWORD = "Motdepasse-demo-1"


def take_evaluation(
    student: ApiClient, competence: str, learner: Any, content: Any, seed: str
) -> int:
    """One competence evaluation, one round trip per question; returns the answers given. A
    learner answers a given challenge the same way for a given seed (which challenges engine
    asks still varies from run to run: it draws them with the assessment's own id)."""
    started = student.post("/engine/competence-evaluations", {"competence": competence})
    assessment_id = started.json()["assessment_id"]
    shown = student.get(f"/engine/assessments/{assessment_id}/next")
    current, answered = (shown.json() if shown.status == 200 else None), 0
    while current is not None:
        rng = random.Random(f"{seed}:{current['challenge_id']}")
        value = learner.answer(content, content.challenge(current["challenge_id"]), rng)
        payload = {"challenge_id": current["challenge_id"]}
        payload.update({"skip": True} if value is None else {"value": value})
        reply = student.post(f"/engine/assessments/{assessment_id}/answers", payload)
        if reply.status != 201:
            raise RuntimeError(f"answer refused: {reply.status} {reply.body[:200]!r}")
        current, answered = reply.json()["next"], answered + 1
    return answered


def run_students(
    anonymous: ApiClient, say: Callable[[str], None], seed: int = 2026
) -> list[dict[str, Any]]:
    from chalicelib.engine.content_files import read_content
    from infra.samples.simulated_learner import SimulatedLearner

    content, summaries = read_content(), []
    for who in STUDENTS:
        anonymous.post(
            "/orga/users",
            {
                "first_name": who.first_name,
                "last_name": who.last_name,
                "birthdate": who.birthdate,
                "username": who.username,
                "password": PASSWORD,
            },
        )
        student = anonymous.login(who.username, PASSWORD)
        learner = SimulatedLearner({code: who.ability for code in COMPETENCES})
        answers = evaluations = 0
        for competence in COMPETENCES[: who.max_evaluations]:
            answers += take_evaluation(
                student, competence, learner, content, f"{seed}:{who.username}"
            )
            evaluations += 1
            if student.get("/engine/users/me/profile").json()["certifiable"]:
                break
        profile = student.get("/engine/users/me/profile").json()
        levels = (
            ", ".join(f"{c['code']}:{c['level']}" for c in profile["competences"] if c["level"] > 0)
            or "aucun"
        )
        verdict = (
            "certifiable" if profile["certifiable"] else f"non certifiable — {profile['message']}"
        )
        say(
            f"{who.first_name} {who.last_name} : {evaluations} évaluation(s), {answers} réponses, "
            f"{profile['total_pix']} pix, niveaux {levels} ; {verdict}"
        )
        summaries.append(profile)
    return summaries
