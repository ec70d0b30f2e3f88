"""The candidate's test page in Chromium on `pixcert up`: from a click on « Valider » to the next
question on screen, next to the answer request's own round trip as the same browser measured it
(Resource Timing) — the floor. Issue 15's target: p95 under 2 × the floor's p95.

The stack runs in its own process, as `pixcert up`; two certifiable candidates (made so through
the engine's HTTP, as in tests/browser/exam_journey.py) each take their whole test in the page,
one after the other, answering every question rightly."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

JURY = {"PIXCERT_ADMIN_EMAIL": "jury@bench.test", "PIXCERT_ADMIN_PASSWORD": "Bench-exam-2026"}


@dataclass
class Stack:
    url: str

    def client(self) -> Any:
        from infra.local.client import ApiClient

        return ApiClient(self.url)

    def jury(self) -> Any:
        return self.client().login(JURY["PIXCERT_ADMIN_EMAIL"], JURY["PIXCERT_ADMIN_PASSWORD"])


def start_stack(state: Path) -> tuple[subprocess.Popen[str], Stack]:
    from infra.local.moto_server import LOCAL_CREDENTIALS, free_port

    env = {**os.environ, **LOCAL_CREDENTIALS, **JURY, "PIXCERT_STATE_FILE": str(state / "s.json")}
    env.pop("AWS_ENDPOINT_URL", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "infra.local.cli", "up", "--port", str(free_port())],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=open(state / "stack.log", "w"),  # noqa: SIM115
        text=True,
    )
    assert process.stdout is not None
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            raise RuntimeError((state / "stack.log").read_text()[-2000:])
        if line.startswith("ready "):
            return process, Stack(line.split()[1])
    raise RuntimeError("the stack did not get ready in time")


def take_test(page: Any, stack: Stack, day: Any, first_name: str) -> list[dict[str, float]]:
    """Logs in, joins, is authorised by the examiner (through the API), types the access code,
    answers every question; returns one timing per « Valider »."""
    from pixcore.text import fold
    from tests.browser import bank
    from tests.browser.exam_journey import PASSWORD, ok
    from tests.browser.journey import CLICK_AND_TIME

    sid, code = day.session["id"], day.session["access_code"]
    _account, candidate = day.people[first_name]
    page.goto(f"{stack.url}/candidate/")
    page.get_by_label("Adresse e-mail ou identifiant").fill(f"{fold(first_name)}.exam")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_label("Numéro de session").fill(sid)
    page.get_by_label("Prénom").fill(candidate["first_name"])
    page.get_by_label("Nom", exact=True).fill(candidate["last_name"])
    page.get_by_label("Date de naissance").fill(
        "/".join(reversed(candidate["birthdate"].split("-")))
    )
    page.get_by_role("button", name="Rejoindre la session").click()
    page.get_by_text("En attente du surveillant").wait_for()
    supervised = ok(
        stack.client().post(
            f"/certif/sessions/{sid}/supervise",
            {"examiner_password": day.session["examiner_password"]},
        ),
        "supervise",
    )
    examiner = stack.client().with_token(supervised["access_token"])
    ok(examiner.post(f"/certif/sessions/{sid}/candidates/{candidate['id']}/authorize"), "authorize")
    page.get_by_label("Code d'accès").fill(code, timeout=15_000)
    page.get_by_role("button", name="Commencer le test").click()
    timings: list[dict[str, float]] = []
    form, end = (
        page.locator("form.challenge"),
        page.get_by_role("heading", name="Vous avez presque"),
    )
    while True:
        form.or_(end).first.wait_for(timeout=30_000)
        if not form.count():
            return timings
        challenge_id = form.get_attribute("data-challenge")
        bank.type_right_answer(page, challenge_id)
        timings.append(page.evaluate(CLICK_AND_TIME, challenge_id))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from tests.browser.exam_journey import exam_day
    from tests.browser.harness import CHROMIUM_FLAGS, serve_content_offline
    from tests.browser.journey import percentiles

    with tempfile.TemporaryDirectory() as folder:
        process, stack = start_stack(Path(folder))
        try:
            day = exam_day(stack)
            timings: list[dict[str, float]] = []
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=args.chromium, args=CHROMIUM_FLAGS
                )
                for first_name in day.people:
                    context = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris")
                    page = context.new_page()
                    serve_content_offline(page)
                    timings += take_test(page, stack, day, first_name)
                    context.close()
                browser.close()
        finally:
            process.terminate()
            process.wait(timeout=30)
    shown = percentiles([t["shown"] for t in timings])
    painted = percentiles([t["painted"] for t in timings])
    api = percentiles([t["api"] for t in timings if t["api"] is not None])
    print(json.dumps({"shown": shown, "painted": painted, "api (floor)": api}, indent=2))
    print(
        f"answers timed: {len(timings)}; p95 shown / p95 API = "
        f"{shown['p95_ms'] / api['p95_ms']:.2f} (target < 2); painted / API = "
        f"{painted['p95_ms'] / api['p95_ms']:.2f}; p50 shown / p50 API = "
        f"{shown['p50_ms'] / api['p50_ms']:.2f}"
    )


if __name__ == "__main__":
    main()
