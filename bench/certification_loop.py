"""The certification scenario of the answer-loop bench, in separate phases of one run:

1. course creation by engine's Lambda handler (this process, on the stack's moto): one after the
   other, then 8 and 32 at once; DynamoDB requests per creation;
2. the floor route, then certification answers, at 8 clients without think time;
3. the floor route at `--candidates` clients, then that many candidates taking 48-question tests
   at once through the local stack: start requests on engine's queue, the course polled until
   ready (its generation), every answer timed.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from infra.local import apps as app_loader
from infra.local.client import ApiClient, Reply
from pixcore.referential import COMPETENCE_CODES

PIX = {"create_p50": 54, "create_p99": 68, "create8_p50": 322, "create8_p99": 445, "pairs": 104}
STRONG = {code: 4 for code in COMPETENCE_CODES}  # 16 competences × 3 questions = 48
SESSION = "bench-session"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def figures(name: str, latencies: list[float], elapsed: float | None = None) -> dict[str, float]:
    found = {
        "count": len(latencies),
        "p50_ms": 1000 * statistics.median(latencies) if latencies else float("nan"),
        "p99_ms": 1000 * percentile(latencies, 0.99),
    }
    rate = f"{len(latencies) / elapsed:7.1f}/s" if elapsed else " " * 9
    if elapsed:
        found["per_second"] = len(latencies) / elapsed
    print(
        f"{name:>28}: {found['count']:6d} in {elapsed or 0:5.1f} s = {rate}   "
        f"p50 {found['p50_ms']:7.1f} ms   p99 {found['p99_ms']:7.1f} ms",
        flush=True,
    )
    return found


@dataclass
class Window:
    since: float
    until: float
    latencies: list[float] = field(default_factory=list)

    def timed(self, request: Callable[..., Reply], *args: Any) -> Reply:
        began = time.perf_counter()
        reply = request(*args)
        if began >= self.since:
            self.latencies.append(time.perf_counter() - began)
        return reply


def run_threads(targets: list[tuple]) -> float:
    threads = [threading.Thread(target=fn, args=args, daemon=True) for fn, *args in targets]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started


class Bench:
    """This process as one more engine container on the stack's moto, plus HTTP clients."""

    def __init__(self, url: str, moto_url: str) -> None:
        from infra.local.moto_server import LOCAL_CREDENTIALS

        os.environ.update(LOCAL_CREDENTIALS)
        os.environ["AWS_ENDPOINT_URL"] = moto_url
        app_loader.apply_environment()
        self.engine = app_loader.load("engine")
        from chalicelib.engine.content_files import read_content
        from pixcore import runtime
        from pixcore.aws import client

        runtime.reset()
        self.engine.bootstrap.reset()
        self.url, self.tokens, self.content = url, runtime.tokens(), read_content()
        self.dynamodb, self.sqs = client("dynamodb"), client("sqs")
        self.queue = runtime.queue_url("engine")
        self.users = 0

    def candidates(self, count: int) -> list[tuple[str, str]]:
        """(user id, token) of candidates whose profiles are seeded: every competence at 4."""
        from infra.local.demo_exam import seed_profile
        from pixcore.principal import Principal

        made = []
        for _ in range(count):
            self.users += 1
            user_id = f"bench-cand-{os.getpid()}-{self.users:05d}"
            seed_profile(self.dynamodb, user_id, STRONG, self.content)
            made.append((user_id, self.tokens.issue(Principal(user_id), lifetime=6 * 3600)))
        return made

    def start_message(self, user_id: str) -> Any:
        from pixcore.ids import new_id
        from pixcore.messages.catalog import CertificationStartRequested

        return CertificationStartRequested(
            course_id=new_id(),
            session_id=SESSION,
            center_id="bench-center",
            candidate_id=f"cand-{user_id}",
            user_id=user_id,
            session_date=date.today(),
            window_starts_at=datetime.now(UTC),
        )

    def create(self, user_id: str) -> tuple[str, float]:
        """One start request handled by engine's Lambda handler, as the pump would hand it."""
        message = self.start_message(user_id)
        from infra.local.pump import sqs_event

        raw = {"MessageId": message.message_id, "ReceiptHandle": "bench", "Body": message.to_json()}
        event = sqs_event([raw], "arn:aws:sqs:eu-west-3:123456789012:pixcert-engine-messages")
        began = time.perf_counter()
        self.engine.on_message(event, None)
        return message.course_id, time.perf_counter() - began

    def dynamodb_requests_of_one_creation(self, user_id: str) -> Counter:
        from pynamodb.connection.base import Connection

        calls: Counter = Counter()
        original = Connection._make_api_call

        def counting(connection: Any, operation: str, kwargs: Any) -> Any:
            calls[operation] += 1
            return original(connection, operation, kwargs)

        Connection._make_api_call = counting  # type: ignore[method-assign]
        try:
            self.create(user_id)
        finally:
            Connection._make_api_call = original  # type: ignore[method-assign]
        return calls


def create_at_once(
    bench: Bench, users: list[tuple[str, str]], width: int
) -> tuple[list[tuple[str, str]], list[float], float]:
    """`width` threads creating courses for `users`: (token, course id) made, each duration."""
    made: list[tuple[str, str]] = []
    timings: list[float] = []
    lock = threading.Lock()

    def worker(mine: list[tuple[str, str]]) -> None:
        for user_id, token in mine:
            course_id, took = bench.create(user_id)
            with lock:
                timings.append(took)
                made.append((token, course_id))

    elapsed = run_threads([(worker, users[i::width]) for i in range(width)])
    return made, timings, elapsed


def creation_phases(bench: Bench, sequential: int, waves: int) -> list[tuple[str, str]]:
    """Returns the courses created, (token, course id), for the answer phase at 8 clients."""
    users = bench.candidates(sequential + 8 * waves + 32 + 1)
    calls = bench.dynamodb_requests_of_one_creation(users[-1][0])
    print(f"DynamoDB requests per course creation (handler, claim included): {dict(calls)}")
    courses, latencies = [], []
    for user_id, token in users[:sequential]:
        course_id, took = bench.create(user_id)
        courses.append((token, course_id))
        latencies.append(took)
    seq = figures("creation, one at a time", latencies)
    made, timings, elapsed = create_at_once(bench, users[sequential : sequential + 8 * waves], 8)
    at8 = figures("creation, 8 at once", timings, elapsed)
    courses += made
    _, timings, elapsed = create_at_once(bench, users[-33:-1], 32)
    at32 = figures("creation, 32 at once", timings, elapsed)
    print(
        f"Pix: 54 / 68 ms one at a time, 322 / 445 ms at 8 (deadlocks at 8). Ours: "
        f"{seq['p50_ms']:.0f} / {seq['p99_ms']:.0f} ms, {at8['p50_ms']:.0f} / "
        f"{at8['p99_ms']:.0f} ms at 8, {at32['p50_ms']:.0f} / {at32['p99_ms']:.0f} ms at 32 "
        f"({len(timings)} of 32 done, none stuck)",
        flush=True,
    )
    return courses


def answer_course(
    bench: Bench, token: str, course_id: str, window: Window, rng: random.Random
) -> int:
    from infra.samples.simulated_learner import SimulatedLearner

    client = ApiClient(bench.url, token)
    learner = SimulatedLearner({code: 4.0 for code in COMPETENCE_CODES})
    shown = client.get(f"/engine/certification-courses/{course_id}/next")
    current = shown.json() if shown.status == 200 else None
    answered = 0
    while current is not None and time.perf_counter() < window.until:
        challenge = bench.content.challenge(current["challenge"]["challenge_id"])
        value = learner.answer(bench.content, challenge, rng)
        payload: dict[str, Any] = {"challenge_id": challenge.id}
        payload.update({"skip": True} if value is None else {"value": value})
        reply = window.timed(
            client.post, f"/engine/certification-courses/{course_id}/answers", payload
        )
        if reply.status != 201:
            raise RuntimeError(f"answer refused: {reply.status} {reply.body[:200]!r}")
        answered += 1
        current = reply.json()["next"]
    return answered


def floor_phase(bench: Bench, clients: int, ramp: float, seconds: float) -> dict[str, float]:
    now = time.perf_counter()
    window = Window(now + ramp, now + ramp + seconds)

    def loop(key: str) -> None:
        client = ApiClient(bench.url)
        while time.perf_counter() < window.until:
            reply = window.timed(client.post, f"/floor/touch/{key}", {})
            if reply.status != 200:
                raise RuntimeError(f"floor failed: {reply.status}")

    run_threads([(loop, f"cert-{clients}-{i}") for i in range(clients)])
    return figures(f"floor, {clients} clients", window.latencies, seconds)


def eight_clients(
    bench: Bench, courses: list[tuple[str, str]], ramp: float, seconds: float
) -> None:
    floor = floor_phase(bench, 8, ramp, seconds)
    now = time.perf_counter()
    window = Window(now + ramp, now + ramp + seconds)

    def client_loop(mine: list[tuple[str, str]], seed: int) -> None:
        rng = random.Random(seed)
        for token, course_id in mine:
            answer_course(bench, token, course_id, window, rng)
        if time.perf_counter() < window.until:
            raise RuntimeError("a client ran out of courses: create more")

    run_threads([(client_loop, courses[i::8], i) for i in range(8)])
    answers = figures("certification answers, 8 clients", window.latencies, seconds)
    print(
        f"at 8 clients: answers/s = {answers['per_second'] / floor['per_second']:.2f} × the floor "
        f"(target ≥ 0.6) and {answers['per_second'] / PIX['pairs']:.2f} × Pix's 104/s "
        f"(target ≥ 1.2); p99 = {answers['p99_ms'] / floor['p99_ms']:.2f} × the floor's "
        f"(target ≤ 2)",
        flush=True,
    )


def at_once(bench: Bench, count: int, ramp: float, seconds: float, cap: float) -> None:
    """`count` candidates start together: their start requests go on engine's queue, each screen
    polls its course, then answers its 48 questions."""
    floor_phase(bench, count, ramp, seconds)
    users = bench.candidates(count)
    messages = [bench.start_message(user_id) for user_id, _ in users]
    sent: dict[str, float] = {}
    for first in range(0, count, 10):
        batch = messages[first : first + 10]
        entries = [{"Id": str(i), "MessageBody": m.to_json()} for i, m in enumerate(batch)]
        bench.sqs.send_message_batch(QueueUrl=bench.queue, Entries=entries)
        for m in batch:
            sent[m.course_id] = time.perf_counter()
    seen_ready: list[float] = []
    server_side: list[float] = []
    window = Window(time.perf_counter(), time.perf_counter() + cap)
    lock = threading.Lock()

    def candidate(token: str, message: Any, seed: int) -> None:
        client = ApiClient(bench.url, token)
        path = f"/engine/certification-courses/{message.course_id}"
        while (view := client.get(path).json())["state"] == "generating":
            time.sleep(0.05)
        with lock:
            seen_ready.append(time.perf_counter() - sent[message.course_id])
            started_at = datetime.fromisoformat(view["started_at"])
            server_side.append((started_at - message.occurred_at).total_seconds())
        answer_course(bench, token, message.course_id, window, random.Random(seed))

    elapsed = run_threads(
        [
            (candidate, token, m, i)
            for i, ((_, token), m) in enumerate(zip(users, messages, strict=True))
        ]
    )
    figures(f"generation, {count} at once (screen)", seen_ready)
    figures(f"generation, {count} at once (engine)", server_side)
    figures(f"certification answers, {count} at once", window.latencies, elapsed)


def run(url: str, moto_url: str, candidates: int, ramp: float, seconds: float) -> None:
    bench = Bench(url, moto_url)
    print(json.dumps({"certification": {"candidates": candidates, "seconds": seconds}}))
    courses = creation_phases(bench, sequential=40, waves=12)
    eight_clients(bench, courses, ramp, seconds)
    at_once(bench, candidates, ramp, seconds, cap=600)
