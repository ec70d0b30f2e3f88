"""Crash tests: the processes running the apps (the gateway and the workers running the queue
pumps) are killed (SIGKILL) in the middle of work and started again by `pixcert up` on the same
moto. Nothing acknowledged is lost, nothing is applied twice,
the queues drain and no message ends in a dead-letter queue.

`crash_during(stack, begin, mid_way)` is the hook: `begin()` starts the work, both apps processes
are killed as soon as `mid_way()` is true, and the caller then checks the end state."""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest

from infra.local.client import ApiClient
from infra.samples.siecle_generator import students_xml
from pixcore.messages.catalog import CONSUMERS, SessionFinalized

pytestmark = [pytest.mark.workflow, pytest.mark.xdist_group("demo-stack")]

SERVICES = ("orga", "certif", "engine", "jury")


def wait_for(predicate: Callable[[], Any], timeout: float, what: str) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = predicate()
        except OSError:  # the apps process is coming back
            value = None
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def crash_during(stack, begin: Callable[[], Any], mid_way: Callable[[], bool]) -> dict:  # noqa: ANN001
    """Start the work, SIGKILL both apps processes mid-way, wait until they run again."""
    before = stack.apps_pids()
    assert set(before) == {"gateway", "workers"}, f"apps processes under pixcert up: {before}"
    started = time.monotonic()
    outcome = begin()
    wait_for(mid_way, 60, "the work to be under way")
    for pid in before.values():
        os.kill(pid, signal.SIGKILL)
    killed_at = time.monotonic() - started

    def restarted() -> bool:
        now = stack.apps_pids()
        return set(now) == set(before) and not set(now.values()) & set(before.values())

    wait_for(restarted, 60, "new apps processes")
    wait_for(lambda: stack.client().get("/orga/health").status == 200, 60, "the apps to answer")
    return {"outcome": outcome, "killed_after_s": round(killed_at, 2)}


def queue_depths(stack) -> dict[str, int]:  # noqa: ANN001
    sqs = stack.aws("sqs")
    depths = {}
    for service in SERVICES:
        for name in (f"pixcert-{service}-messages", f"pixcert-{service}-messages-dlq"):
            url = sqs.get_queue_url(QueueName=name)["QueueUrl"]
            attrs = sqs.get_queue_attributes(
                QueueUrl=url,
                AttributeNames=[
                    "ApproximateNumberOfMessages",
                    "ApproximateNumberOfMessagesNotVisible",
                ],
            )["Attributes"]
            depths[name] = sum(int(v) for v in attrs.values())
    return depths


def assert_drained_without_dead_letters(stack) -> None:  # noqa: ANN001
    """Every queue and every dead-letter queue empty (in-flight messages count)."""
    deadline = time.monotonic() + 90
    while any((depths := queue_depths(stack)).values()):
        assert time.monotonic() < deadline, f"queues not drained: {depths} {dead_letters(stack)}"
        time.sleep(0.5)


def dead_letters(stack) -> list[str]:  # noqa: ANN001
    """The types of the messages in the dead-letter queues (left visible: a look, not a read)."""
    sqs, found = stack.aws("sqs"), []
    for service in SERVICES:
        url = sqs.get_queue_url(QueueName=f"pixcert-{service}-messages-dlq")["QueueUrl"]
        for m in sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, VisibilityTimeout=0).get(
            "Messages", []
        ):
            body = json.loads(m["Body"])
            found.append(f"{service}: {body.get('type') or body.get('detail-type') or body}")
    return found


def student(stack, n: int) -> ApiClient:  # noqa: ANN001
    username = f"crash.eleve{n}"
    account = {
        "first_name": "Élise",
        "last_name": f"Crash{n}",
        "birthdate": "2008-01-15",
        "username": username,
        "password": "Motdepasse-2021",
    }
    stack.client().post("/orga/users", account)
    return stack.client().login(username, account["password"])


class Learner(threading.Thread):
    """Skips question after question (each an answer `aband`), across competences, through a
    crash: a request cut by the kill is never counted; after it, the learner asks where it is."""

    def __init__(self, client: ApiClient, competences: list[str], stop: threading.Event) -> None:
        super().__init__(daemon=True)
        self.client, self.competences, self.stop = client, competences, stop
        self.acknowledged: dict[str, int] = {}
        self.cut = 0

    def run(self) -> None:
        for competence in self.competences:
            assessment = None
            while not self.stop.is_set():
                try:
                    if assessment is None:
                        reply = self.client.post(
                            "/engine/competence-evaluations", {"competence": competence}
                        )
                        assessment = reply.json()["assessment_id"]
                        self.acknowledged.setdefault(assessment, 0)
                    shown = self.client.get(f"/engine/assessments/{assessment}/next")
                    if shown.status == 204:
                        break
                    answer = self.client.post(
                        f"/engine/assessments/{assessment}/answers",
                        {"challenge_id": shown.json()["challenge_id"], "skip": True},
                    )
                    if answer.status == 201:
                        self.acknowledged[assessment] += 1
                except (OSError, ValueError, KeyError):
                    self.cut += 1
                    time.sleep(0.2)


def test_a_burst_of_answers_survives_a_kill_of_the_apps_process(stack):
    learners_stop = threading.Event()
    clients = [student(stack, n) for n in range(4)]
    competences = ["1.1", "2.1", "3.1", "4.1", "5.1"]
    learners = [
        Learner(c, competences[i:] + competences[:i], learners_stop) for i, c in enumerate(clients)
    ]

    def begin() -> None:
        for learner in learners:
            learner.start()

    crash = crash_during(
        stack, begin, lambda: sum(sum(x.acknowledged.values()) for x in learners) >= 20
    )
    wait_for(
        lambda: sum(sum(x.acknowledged.values()) for x in learners) >= 60, 120, "answers after"
    )
    learners_stop.set()
    for learner in learners:
        learner.join(timeout=30)
    acknowledged = sum(sum(x.acknowledged.values()) for x in learners)
    for learner in learners:
        for assessment, count in learner.acknowledged.items():
            stored = learner.client.get(f"/engine/assessments/{assessment}").json()
            # Nothing acknowledged lost; at most the one answer cut by the kill stored unseen.
            assert count <= stored["answered_count"] <= count + 1, (assessment, count, stored)
    assert_drained_without_dead_letters(stack)
    for learner in learners:
        assert learner.client.get("/engine/users/me/profile").status == 200
    print(f"answers: {acknowledged} acknowledged, kill after {crash['killed_after_s']} s")


def school_with_admin(stack, uai: str, name: str, email: str) -> tuple[dict, ApiClient]:  # noqa: ANN001
    """A certification centre registered by the jury and its admin's logged-in client."""
    jury = stack.jury()
    school = jury.post(
        "/orga/organizations",
        {
            "uai": uai,
            "name": name,
            "type": "LYCEE",
            "sector": "PUBLIC",
            "academie": "Aix-Marseille",
            "is_certification_center": True,
        },
    ).json()
    stack.client().post(
        "/orga/users",
        {
            "first_name": "Noé",
            "last_name": "Arnaud",
            "birthdate": "1975-06-30",
            "email": email,
            "password": "Motdepasse-2021",
        },
    )
    jury.post(f"/orga/organizations/{school['id']}/memberships", {"email": email, "role": "ADMIN"})
    return school, stack.client().login(email, "Motdepasse-2021")


def test_an_import_killed_half_way_completes_once_on_the_same_state(stack):
    school, admin = school_with_admin(
        stack, "0751234J", "Lycée Thiers", "direction@lycee-thiers.test"
    )
    base = f"/orga/organizations/{school['id']}"
    count = 4000
    data = students_xml(count, uai="0751234J")

    def begin() -> str:
        reply = admin.post(f"{base}/imports", raw=data, content_type="application/xml")
        return reply.json()["import_id"]

    holder: dict[str, str] = {}

    def running() -> bool:
        holder.setdefault("id", admin.get(f"{base}/imports").json()["imports"][0]["id"])
        return admin.get(f"{base}/imports/{holder['id']}").json()["status"] == "RUNNING"

    crash = crash_during(stack, begin, running)
    import_id = crash["outcome"]
    done = wait_for(
        lambda: (
            (r := admin.get(f"{base}/imports/{import_id}").json())["status"] in ("DONE", "FAILED")
            and r
        ),
        120,
        "the import to finish",
    )
    assert done["status"] == "DONE", done
    assert done["counts"]["imported"] == count
    divisions = admin.get(f"{base}/divisions").json()
    assert sum(d["student_count"] for d in divisions) == count
    seen, cursor = set(), None
    while True:
        page = admin.get(f"{base}/students", query={"limit": 200, "cursor": cursor}).json()
        seen.update(s["ine"] for s in page["students"])
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert len(seen) == count
    assert_drained_without_dead_letters(stack)
    print(f"import of {count}: kill after {crash['killed_after_s']} s")


def consumed(stack, message_type: str) -> dict[str, dict[str, int]]:  # noqa: ANN001
    """Per service, how many times its consumer logged each outcome for a message type."""
    counts: dict[str, dict[str, int]] = {}
    for line in stack.log_path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("{") or f'"{message_type}"' not in line:
            continue
        entry = json.loads(line)
        if entry.get("logger") == "pixcert.consumer" and entry.get("type") == message_type:
            per_service = counts.setdefault(entry["service"], {})
            per_service[entry["event"]] = per_service.get(entry["event"], 0) + 1
    return counts


def test_a_finalisation_killed_while_its_message_is_delivered_is_applied_once(stack):
    school, admin = school_with_admin(
        stack, "0131234W", "Lycée Thiers-Mignet", "direction@lycee-mignet.test"
    )
    center = school["id"]
    count = 40
    data = students_xml(count, uai="0131234W")
    started = admin.post(
        f"/orga/organizations/{center}/imports", raw=data, content_type="application/xml"
    )
    assert started.status == 202, started.body

    def listed() -> list[dict]:
        query = {"limit": 100}
        reply = admin.get(f"/certif/centers/{center}/students", query=query)
        return reply.json().get("students", [])  # refused until certif knows the centre

    students = wait_for(lambda: len(s := listed()) == count and s, 120, "certif's students")
    day = (date.today() + timedelta(days=7)).isoformat()
    session = admin.post(
        f"/certif/centers/{center}/sessions",
        {"address": "Lycée", "room": "B12", "date": day, "time": "09:00", "examiner": "M. Roux"},
    ).json()
    sid = session["id"]
    enrolled = admin.post(
        f"/certif/sessions/{sid}/candidates",
        {"student_ids": [s["id"] for s in students]},
    )
    assert enrolled.status == 201, enrolled.body
    assert admin.put(f"/certif/sessions/{sid}/finalization", {"has_incident": False}).status == 200
    before = consumed(stack, SessionFinalized.TYPE)

    def begin() -> int:
        return admin.post(f"/certif/sessions/{sid}/finalize").status

    # The kill comes as soon as the finalisation is answered: its message is on its way to
    # every consumer of SessionFinalized, through the process that is killed.
    crash = crash_during(stack, begin, lambda: True)
    assert crash["outcome"] == 200
    assert admin.get(f"/certif/sessions/{sid}").json()["status"] == "finalized"
    again = admin.post(f"/certif/sessions/{sid}/finalize")
    assert again.status == 409, again.body
    assert_drained_without_dead_letters(stack)
    after = consumed(stack, SessionFinalized.TYPE)
    for service in CONSUMERS[SessionFinalized.TYPE]:
        seen = {k: v - before.get(service, {}).get(k, 0) for k, v in after.get(service, {}).items()}
        # Delivered at least once to each consumer; its effect applied at most once.
        assert sum(seen.values()) >= 1, (service, after)
        assert seen.get("message.handled", 0) <= 1, (service, seen)
    print(f"finalisation of {count}: kill after {crash['killed_after_s']} s; logged {after}")
