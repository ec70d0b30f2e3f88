"""The exam day's pages on faked certif and engine routes: a seat, a course, its questions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tests.browser import bank
from tests.browser.fakes import profile, signed_in, view
from tests.browser.harness import FakeApi

SESSION_ID = "4021"
COURSE_ID = "course-1"
COURSE = f"/engine/certification-courses/{COURSE_ID}"
SEAT_PATH = f"/certif/sessions/{SESSION_ID}"
FIVE = {"1.1": 3, "1.2": 2, "2.1": 2, "3.1": 1, "4.1": 4}
# The test's 1 h 45, in seconds.
TEST_SECONDS = 105 * 60


def seat(**changes: Any) -> dict[str, Any]:
    base = {
        "id": "cand-1",
        "session_id": SESSION_ID,
        "state": "waiting_for_authorization",
        "state_label": "En attente d'autorisation",
        "authorized_at": None,
        "course_id": None,
        "locked": False,
        "start_refused": None,
    }
    return {**base, **changes}


AUTHORIZED = {"state": "authorized", "state_label": "Autorisé à commencer"}


def qroc_ids(count: int) -> list[str]:
    """Plain QROC challenges of the sample bank (no media, no timer), for quick typing."""
    found = [
        cid
        for cid, c in bank.challenges().items()
        if c["type"] == "QROC"
        and c["status"] == "validé"
        and not any(c.get(k) for k in ("image", "embed", "attachment", "timer"))
    ]
    return found[:count]


@dataclass
class FakeCourse:
    """A course of `challenges` on the fake engine: answers move it on; the time left is the
    server's (`remaining`), whatever the browser's clock says."""

    challenges: list[str]
    remaining: int = TEST_SECONDS - 60
    answered: int = 0
    confirmed: bool = False
    state: str = "started"
    deadline: str = "2026-03-10T10:45:00+00:00"
    answers: list[Any] = field(default_factory=list)

    @property
    def over(self) -> bool:
        return self.answered >= len(self.challenges) or self.state != "started"

    def question(self) -> dict[str, Any] | None:
        if self.over:
            return None
        return {
            "question_number": self.answered + 1,
            "question_count": len(self.challenges),
            "remaining_seconds": self.remaining,
            "deadline": self.deadline,
            "challenge": view(self.challenges[self.answered]),
        }

    def status(self) -> dict[str, Any]:
        state = "completed" if self.over and self.state == "started" else self.state
        return {
            "course_id": COURSE_ID,
            "state": state,
            "question_count": len(self.challenges),
            "answered_count": self.answered,
            "current_question_number": None if self.over else self.answered + 1,
            "started_at": "2026-03-10T09:00:00+00:00",
            "deadline": self.deadline,
            "remaining_seconds": self.remaining,
            "extra_time_percentage": 0,
            "timed_out": False,
            "end_screen": self.over,
            "end_screen_confirmed": self.confirmed,
            "published": False,
            "refusal": None,
            "retry_after_seconds": None,
        }

    def answer(self, request: Any) -> tuple[int, Any]:
        body = request.post_data_json
        self.answers.append(body)
        self.answered += 1
        self.remaining -= 30
        return 201, {
            "question_number": self.answered,
            "question_count": len(self.challenges),
            "completed": self.over,
            "next": self.question(),
        }

    def install(self, api: FakeApi) -> FakeApi:
        api.on("GET", COURSE, lambda _r: (200, self.status()))
        api.on(
            "GET", f"{COURSE}/next", lambda _r: (204, None) if self.over else (200, self.question())
        )
        api.on("POST", f"{COURSE}/answers", self.answer)

        def confirm(_r: Any) -> tuple[int, Any]:
            self.confirmed = True
            return 200, self.status()

        api.on("POST", f"{COURSE}/end-screen", confirm)
        return api


def candidate(page: Any, levels: dict[str, int] | None = None) -> FakeApi:
    """A logged-in tab with a profile (certifiable unless `levels` says otherwise)."""
    api = FakeApi().install(page)
    api.on("GET", "/engine/users/me/profile", profile(FIVE if levels is None else levels))
    signed_in(page)
    return api


def shift_the_clock(page: Any, hours: float) -> None:
    """The computer's date and time are wrong by `hours` (Date only: the monotonic clock that
    measures durations is untouched, as on a real computer)."""
    page.add_init_script(
        f"""(() => {{
  const shift = {hours * 3600 * 1000};
  const Real = Date;
  class Shifted extends Real {{
    constructor(...args) {{ if (args.length) super(...args); else super(Real.now() + shift); }}
    static now() {{ return Real.now() + shift; }}
  }}
  window.Date = Shifted;
}})();"""
    )
