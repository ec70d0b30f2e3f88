"""Steps of the real journeys on `pixcert up`: a school set up through the API, and a person
answering questions in the page, timed from the click to the next question shown."""

from __future__ import annotations

import statistics
import time
from typing import Any

from infra.local.client import ApiClient
from infra.samples import siecle_builder as siecle
from tests.browser import bank

ADMIN = {"email": "anne.moreau@lycee-journey.fr", "password": "Motdepasse-2021"}


def eventually(check: Any, what: str, timeout: float = 30.0) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def school_with_students(stack: Any, students: list[siecle.Eleve]) -> tuple[ApiClient, dict]:
    """A school whose admin imported `students` from a SIECLE file; returns the admin."""
    jury, anonymous = stack.jury(), stack.client()
    school = jury.post(
        "/orga/organizations",
        {
            "uai": siecle.DEFAULT_UAI,
            "name": "Lycée Germaine-Tillion",
            "type": "LYCEE",
            "sector": "PUBLIC",
            "academie": "Créteil",
            "is_certification_center": True,
        },
    ).json()
    anonymous.post(
        "/orga/users",
        {"first_name": "Anne", "last_name": "Moreau", "birthdate": "1979-10-02", **ADMIN},
    )
    jury.post(
        f"/orga/organizations/{school['id']}/memberships",
        {"email": ADMIN["email"], "role": "ADMIN"},
    )
    admin = anonymous.login(ADMIN["email"], ADMIN["password"])
    base = f"/orga/organizations/{school['id']}"
    data = siecle.siecle_xml(students, uai=siecle.DEFAULT_UAI)
    started = admin.post(f"{base}/imports", raw=data, content_type="application/xml").json()
    done = eventually(
        lambda: (
            (r := admin.get(f"{base}/imports/{started['import_id']}").json())["status"]
            in ("DONE", "FAILED")
            and r
        ),
        "the import",
    )
    assert done["status"] == "DONE", done
    return admin, school


def answer_until_done(page: Any, timings: list[dict[str, float]]) -> int:
    """Answers every question of the evaluation shown, rightly, from the sample bank's solutions;
    times each click on « Valider » until the next question (or the end) is on screen, and the
    answer request's own round trip as the same browser measured it (Resource Timing)."""
    answered = 0
    while True:
        page.locator("form.challenge, .notice--success").first.wait_for()
        form = page.locator("form.challenge")
        if not form.count():
            return answered
        challenge_id = form.get_attribute("data-challenge")
        bank.type_right_answer(page, challenge_id)
        timings.append(page.evaluate(CLICK_AND_TIME, challenge_id))
        answered += 1
        assert answered < 60, "an evaluation that never ends"


# In the page: click « Valider », wait until the form shows another challenge (or goes), and
# read the answer request's own duration from Resource Timing.
CLICK_AND_TIME = """async (shown) => {
  const before = performance.getEntriesByType('resource').length;
  const start = performance.now();
  const changed = () => {
    const form = document.querySelector('form.challenge');
    return !form || form.dataset.challenge !== shown;
  };
  const done = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (changed()) { observer.disconnect(); resolve(performance.now()); }
    });
    observer.observe(document.getElementById('app'), { subtree: true, childList: true, attributes: true });
  });
  [...document.querySelectorAll('form.challenge button')].find((b) => b.textContent.trim() === 'Valider').click();
  const end = await done;
  await new Promise((r) => requestAnimationFrame(() => r()));
  const painted = performance.now();
  const request = performance.getEntriesByType('resource').slice(before)
    .find((e) => e.name.includes('/answers'));
  return { shown: end - start, painted: painted - start, api: request ? request.responseEnd - request.startTime : null };
}"""


def percentiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    q = statistics.quantiles(ordered, n=20, method="inclusive") if len(ordered) > 1 else ordered
    return {
        "count": len(ordered),
        "p50_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(q[-1], 1),
        "max_ms": round(ordered[-1], 1),
    }
