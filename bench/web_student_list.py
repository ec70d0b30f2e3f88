"""Pix Orga's student list in Chromium on the local stack: a 1,500-student lycée, the time from
opening the page to its first rows on screen, and to the next page once scrolled to the end,
next to the floor measured in the same run: the same first-page API call made from Python.

    .venv/bin/python bench/web_student_list.py [--students 1500] [--runs 10]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from infra.local.client import ApiClient  # noqa: E402
from infra.local.moto_server import LOCAL_CREDENTIALS, free_port  # noqa: E402
from infra.samples import siecle_builder, siecle_generator  # noqa: E402
from tests.browser.harness import CHROMIUM, CHROMIUM_FLAGS  # noqa: E402

JURY = ("jury@bench.test", "Bench-jury-2026")
ADMIN = ("proviseur@lycee-bench.fr", "Bench-admin-2026")


def start_stack(state: Path) -> tuple[subprocess.Popen[str], str]:
    env = {
        **os.environ,
        **LOCAL_CREDENTIALS,
        "PIXCERT_STATE_FILE": str(state / "local.json"),
        "PIXCERT_ADMIN_EMAIL": JURY[0],
        "PIXCERT_ADMIN_PASSWORD": JURY[1],
    }
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
    for line in process.stdout:
        word, _, rest = line.strip().partition(" ")
        if word == "ready":
            return process, rest
    raise RuntimeError((state / "stack.log").read_text()[-2000:])


def school(url: str, count: int) -> tuple[ApiClient, str]:
    jury, anonymous = ApiClient(url).login(*JURY), ApiClient(url)
    org = jury.post(
        "/orga/organizations",
        {"uai": siecle_builder.DEFAULT_UAI, "name": "Lycée du banc d'essai", "type": "LYCEE",
         "sector": "PUBLIC", "academie": "Créteil", "is_certification_center": True},
    ).json()  # fmt: skip
    anonymous.post(
        "/orga/users",
        {"first_name": "Paul", "last_name": "Proviseur", "birthdate": "1970-01-01",
         "email": ADMIN[0], "password": ADMIN[1]},
    )  # fmt: skip
    jury.post(f"/orga/organizations/{org['id']}/memberships", {"email": ADMIN[0], "role": "ADMIN"})
    admin = anonymous.login(*ADMIN)
    base = f"/orga/organizations/{org['id']}"
    data = siecle_generator.students_xml(count, divisions=count // 30)
    started = admin.post(f"{base}/imports", raw=data, content_type="application/xml").json()
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        found = admin.get(f"{base}/imports/{started['import_id']}").json()
        if found["status"] in ("DONE", "FAILED"):
            assert found["status"] == "DONE", found
            return admin, org["id"]
        time.sleep(0.5)
    raise RuntimeError("the import did not finish")


def summary(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {"median_ms": round(statistics.median(ordered), 1), "max_ms": round(ordered[-1], 1)}


FIRST_ROWS = """() => new Promise((resolve) => {
  const done = () => document.querySelectorAll('main tbody tr').length > 0;
  if (done()) return resolve(performance.now());
  new MutationObserver((_, o) => { if (done()) { o.disconnect(); resolve(performance.now()); } })
    .observe(document.body, { subtree: true, childList: true });
})"""

NEXT_PAGE = """(before) => new Promise((resolve) => {
  const start = performance.now();
  const more = () => document.querySelectorAll('main tbody tr').length > before;
  new MutationObserver((_, o) => { if (more()) { o.disconnect(); resolve(performance.now() - start); } })
    .observe(document.body, { subtree: true, childList: true });
  window.scrollTo(0, document.body.scrollHeight);
})"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=1500)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        process, url = start_stack(Path(folder))
        try:
            admin, org_id = school(url, args.students)
            page_url = f"{url}/orga/#/etablissement/{org_id}/eleves"
            floor, first, rows_shown, following = [], [], [], []
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS
                )
                tab = browser.new_page(viewport={"width": 1024, "height": 768})
                tab.goto(f"{url}/orga/")
                tab.get_by_label("Adresse e-mail ou identifiant").fill(ADMIN[0])
                tab.get_by_label("Mot de passe").fill(ADMIN[1])
                tab.get_by_role("button", name="Se connecter").click()
                tab.locator("main tbody tr").first.wait_for()
                for _ in range(args.runs):
                    # Floor and page alternate, so both see the same load on the machine.
                    t0 = time.perf_counter()
                    reply = admin.get(f"/orga/organizations/{org_id}/students", query={"limit": 50})
                    floor.append((time.perf_counter() - t0) * 1000)
                    assert reply.status == 200
                    tab.goto("about:blank")
                    tab.goto(page_url, wait_until="commit")
                    first.append(tab.evaluate(FIRST_ROWS))
                    rows_shown.append(tab.locator("main tbody tr").count())
                    following.append(tab.evaluate(NEXT_PAGE, rows_shown[-1]))
                browser.close()
        finally:
            process.terminate()
            process.wait(timeout=30)
    result = {
        "students": args.students,
        "runs": args.runs,
        "floor_api_first_page": summary(floor),
        "page_first_rows_from_navigation": summary(first),
        "rows_on_first_screen": max(rows_shown),
        "next_page_after_scroll": summary(following),
        "ratio_first_rows_to_floor": round(statistics.median(first) / statistics.median(floor), 1),
        "load_average": os.getloadavg(),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
