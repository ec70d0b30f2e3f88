"""The test day's first requests on the local stack, for `bench/session_documents.py`: 200
candidates join and start within a minute while examiners authorise them, next to the floor
route of `bench/answer_loop.py` (GetItem + PutItem behind the same gateway)."""

from __future__ import annotations

import json
import random
import statistics
import subprocess
import sys
import threading
import time
from datetime import UTC, date, datetime
from datetime import time as clock_time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = Path(__file__).with_name("session_documents.py")
POLL_SECONDS = 3.0  # a waiting candidate's page asks whether the examiner authorised them
NAMES = (("Çağla", "Öztürk"), ("Thị Lan", "Nguyễn"), ("Łukasz", "Wójcik"), ("Zoé", "Lefèvre"))


def serve(candidates: int) -> None:
    """Child process: the stack with /floor mounted, a centre and a session of `candidates`
    linked, certifiable students; what the clients need on stdout, until stdin closes."""
    from chalice.config import Config
    from chalice.local import LocalGateway

    from bench import floor_app
    from infra.local.moto_server import free_port
    from infra.local.stack import LocalStack
    from pixcore import runtime
    from pixcore.logs import log_to_file
    from pixcore.principal import ADMIN, Principal

    (ROOT / ".pixcert").mkdir(exist_ok=True)
    log_to_file(str(ROOT / ".pixcert" / "bench.log"))
    stack = LocalStack(port=free_port(), log_dir=ROOT / ".pixcert").start()
    stack.server.gateways["floor"] = LocalGateway(floor_app.app, Config(chalice_stage="local"))
    session, people = seed(candidates)
    admin = runtime.tokens().issue(Principal("bench-admin", memberships={"bench-centre": ADMIN}))
    print(
        json.dumps({"url": stack.url, "session": session, "people": people, "admin": admin}),
        flush=True,
    )
    sys.stdin.read()
    stack.stop()


def seed(n: int) -> tuple[dict[str, str], list[dict[str, str]]]:
    from chalicelib.certif import bootstrap
    from chalicelib.certif.domain.sessions import Schedule
    from chalicelib.certif.domain.students import EnrollableStudent, Profile
    from chalicelib.certif.use_cases import candidates, centers, sessions
    from pixcore import runtime
    from pixcore.messages.catalog import OrganizationRegistered
    from pixcore.principal import ADMIN, Principal

    ports, now, center = bootstrap.ports(), datetime.now(UTC), "bench-centre"
    centers.record_organization(ports, OrganizationRegistered(
        organization_id=center, uai="0750001U", name="Collège", organization_type="COLLEGE",
        sector="PUBLIC", academie="Paris", is_certification_center=True,
    ))  # fmt: skip
    students = [
        EnrollableStudent(f"s{i:04d}", center, NAMES[i % 4][0], f"{NAMES[i % 4][1]}{i:04d}", date(2011, 1 + i % 12, 1 + i % 28), division=f"3E{i % 8}", imported_at=now)
        for i in range(n)
    ]  # fmt: skip
    ports.students.save_students(students)
    for s in students:
        ports.students.link(center, s.id, f"user-{s.id}")
        ports.students.save_profile_if_newer(Profile(f"user-{s.id}", True, 6, now))
    admin = Principal("bench-admin", memberships={center: ADMIN})
    schedule = Schedule("Collège", "B12", date.today(), clock_time(8), "M. Martin, Mme Nguyễn")
    session = sessions.create_session(ports, admin, center, schedule).session
    ids, enrolled = [s.id for s in students], []
    for start in range(0, n, 99):
        enrolled += candidates.enroll_students(ports, admin, session.id, ids[start : start + 99])
    people = [
        {"token": runtime.tokens().issue(Principal(f"user-{s.id}")), "first_name": s.first_name, "last_name": s.last_name, "birthdate": s.birthdate.isoformat()}
        for s in students
    ]  # fmt: skip
    found = {"id": session.id, "access_code": session.access_code}
    found["password"] = session.examiner_password
    return {**found, "candidates": [c.id for c in enrolled]}, people


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def figures(name: str, latencies: list[float]) -> dict[str, float]:
    found = {
        "count": len(latencies),
        "p50": 1000 * statistics.median(latencies),
        "p99": 1000 * percentile(latencies, 0.99),
    }
    print(
        f"{name:>18}: {found['count']:4d} requests   p50 {found['p50']:7.1f} ms   p99 {found['p99']:7.1f} ms",
        flush=True,
    )
    return found


def candidate(
    url: str,
    session: dict[str, str],
    who: dict[str, str],
    delay: float,
    out: dict[str, list[float]],
) -> None:
    from infra.local.client import ApiClient

    client = ApiClient(url, who["token"])
    time.sleep(delay)
    began = time.perf_counter()
    joined = client.post(
        f"/certif/sessions/{session['id']}/join",
        {k: who[k] for k in ("first_name", "last_name", "birthdate")},
    )
    join_s = time.perf_counter() - began
    if joined.status != 200:
        raise RuntimeError(f"join: {joined.status} {joined.body[:200]!r}")
    while not client.get(f"/certif/sessions/{session['id']}/me").json()["authorized_at"]:
        time.sleep(POLL_SECONDS)
    began = time.perf_counter()
    started = client.post(
        f"/certif/sessions/{session['id']}/start", {"access_code": session["access_code"]}
    )
    start_s = time.perf_counter() - began
    if started.status != 202:
        raise RuntimeError(f"start: {started.status} {started.body[:200]!r}")
    out["join"].append(join_s)
    out["start"].append(start_s)
    out["join+start"].append(join_s + start_s)


def examiner(url: str, session: dict[str, Any], mine: set[str], stop: threading.Event) -> None:
    """One examiner per 20 candidates (DOMAIN.md): each polls the supervision view every 3 s
    and authorises those of their group who wait."""
    from infra.local.client import ApiClient

    opened = ApiClient(url).post(
        f"/certif/sessions/{session['id']}/supervise", {"examiner_password": session["password"]}
    )
    client, left = ApiClient(url, opened.json()["access_token"]), set(mine)
    while left and not stop.is_set():
        view = client.get(f"/certif/sessions/{session['id']}/supervision").json()
        for c in view["candidates"]:
            if c["state"] == "waiting_for_authorization" and c["id"] in left:
                client.post(f"/certif/sessions/{session['id']}/candidates/{c['id']}/authorize")
                left.discard(c["id"])
        stop.wait(3.0)


def floor_client(url: str, key: str, delays: list[float], out: list[float]) -> None:
    from infra.local.client import ApiClient

    client, began_at = ApiClient(url), time.perf_counter()
    for at in delays:
        time.sleep(max(0.0, at - (time.perf_counter() - began_at)))
        began = time.perf_counter()
        reply = client.post(f"/floor/touch/{key}", {})
        out.append(time.perf_counter() - began)
        if reply.status != 200:
            raise RuntimeError(f"floor: {reply.status}")


def run_threads(threads: list[threading.Thread]) -> None:
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def round_trips(count: int, window: float, probes: int) -> None:
    child = subprocess.Popen(
        [sys.executable, str(SCRIPT), "--serve", "--candidates", str(count)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    try:
        assert child.stdout is not None
        ready = json.loads(child.stdout.readline())
        url, session, people = ready["url"], ready["session"], ready["people"]
        from infra.local.client import ApiClient

        ApiClient(url).post("/floor/touch/warm-up", {})
        ApiClient(url, ready["admin"]).get(f"/certif/sessions/{session['id']}")
        rng = random.Random(11)
        arrivals = [rng.uniform(0, window) for _ in people]
        print(
            f"stack at {url}; {count} candidates arriving over {window:g} s, one examiner per 20",
            flush=True,
        )
        alone: list[float] = []
        run_threads(
            [
                threading.Thread(target=floor_client, args=(url, f"f{i}", [a, a + 1.5], alone))
                for i, a in enumerate(arrivals)
            ]
        )
        floor_alone = figures("floor, same arrivals", alone)
        out: dict[str, list[float]] = {"join": [], "start": [], "join+start": []}
        probe: list[float] = []
        stop = threading.Event()
        groups = max(1, -(-count // 20))
        watchers = [
            threading.Thread(
                target=examiner, args=(url, session, set(session["candidates"][g::groups]), stop)
            )
            for g in range(groups)
        ]
        for watcher in watchers:
            watcher.start()
        probe_times = [
            [i * 0.5 + 0.25 * (p % 2) for i in range(int(window / 0.5))] for p in range(probes)
        ]
        run_threads(
            [threading.Thread(target=candidate, args=(url, session, who, a, out)) for who, a in zip(people, arrivals, strict=True)]
            + [threading.Thread(target=floor_client, args=(url, f"p{p}", probe_times[p], probe)) for p in range(probes)]
        )  # fmt: skip
        stop.set()
        for watcher in watchers:
            watcher.join()
        results = {name: figures(name, values) for name, values in out.items()}
        floor_mixed = figures("floor, as probes", probe)
        both = results["join+start"]
        print(
            f"join+start vs floor alone: p50 ×{both['p50'] / floor_alone['p50']:.2f}, p99 ×{both['p99'] / floor_alone['p99']:.2f}; "
            f"vs floor probes: p50 ×{both['p50'] / floor_mixed['p50']:.2f}, p99 ×{both['p99'] / floor_mixed['p99']:.2f}",
            flush=True,
        )  # fmt: skip
    finally:
        if child.stdin:
            child.stdin.close()
        child.wait(timeout=60)
