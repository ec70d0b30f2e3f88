"""A student's evaluation page on faked engine routes: challenges straight from the sample bank."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from tests.browser.harness import FakeApi

SESSION = {
    "token": "jeton-de-test",
    "user": {"id": "u-1", "first_name": "Zoé", "last_name": "Lefèvre"},
    "birthdate": "2011-02-28",
    "expires_at": 9_000_000_000_000,
}
ASSESSMENT = "a-1"
BASE = f"/engine/assessments/{ASSESSMENT}"


@cache
def content() -> Any:
    from chalicelib.engine.content_files import read_content

    return read_content()


def view(challenge_id: str, **changes: Any) -> dict[str, Any]:
    """The challenge as the engine's route shows it to a learner (no solutions)."""
    from chalicelib.engine.schemas import ChallengeOut
    from pixcore.http import shape

    shown = shape(content().challenge(challenge_id), ChallengeOut).model_dump(mode="json")
    return {**shown, **changes}


def referential() -> dict[str, Any]:
    from chalicelib.engine.use_cases.profiles import referential as describe

    return describe(content())


def grade(challenge_id: str, value: Any) -> str:
    from chalicelib.engine.domain.answers import check_answer

    return check_answer(content().challenge(challenge_id), value).value


def signed_in(page: Any) -> None:
    """The tab starts logged in (a token the fake API accepts)."""
    saved = json.dumps(json.dumps(SESSION))
    page.add_init_script(
        "if (window.top === window && !sessionStorage.getItem('pixcert.session'))"
        f" sessionStorage.setItem('pixcert.session', {saved});"
    )


def evaluation(page: Any, web_url: str, challenge: dict[str, Any], answered: int = 0) -> FakeApi:
    """Opens the evaluation page of competence 1.1 showing `challenge`; answering completes it."""
    api = FakeApi().install(page)
    api.on("GET", "/engine/referential", referential())
    api.on(
        "GET",
        BASE,
        {
            "assessment_id": ASSESSMENT,
            "kind": "COMPETENCE_EVALUATION",
            "state": "STARTED",
            "competence": "1.1",
            "campaign_code": None,
            "answered_count": answered,
            "max_answers": None,
            "current_challenge_id": challenge["challenge_id"],
            "resumed": False,
        },
    )
    api.on("GET", f"{BASE}/next", challenge)
    api.on("POST", f"{BASE}/answers", {"result": "ok", "next": None, "completed": True}, 201)
    api.on("GET", "/engine/users/me/profile", profile())
    signed_in(page)
    page.goto(f"{web_url}/student/#/evaluation/{ASSESSMENT}")
    page.get_by_role("heading", name=f"Question {answered + 1}").wait_for()
    return api


def profile(levels: dict[str, int] | None = None) -> dict[str, Any]:
    from pixcore.referential import COMPETENCES

    levels = levels or {}
    count = sum(1 for level in levels.values() if level >= 1)
    return {
        "competences": [
            {
                "code": c.code,
                "name": c.name,
                "area": c.area_code,
                "level": levels.get(c.code, 0),
                "pix": 8 * levels.get(c.code, 0) + (3 if c.code in levels else 0),
            }
            for c in COMPETENCES
        ],
        "total_pix": sum(8 * v + 3 for v in levels.values()),
        "certifiable": count >= 5,
        "certifiable_competence_count": count,
        "message": None if count >= 5 else NOT_CERTIFIABLE,
        "max_level": 6,
    }


NOT_CERTIFIABLE = (
    "Votre profil n'est pas encore certifiable. Pour faire certifier votre profil, vous devez "
    "avoir obtenu un niveau supérieur à 0 dans 5 compétences minimum."
)
