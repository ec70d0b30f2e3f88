"""The certification scenario of the answer-loop bench, in separate phases of one run:

1. course creation by engine's Lambda handler (this process, on the stack's moto): one after the
   other, then 8 and 32 at once; DynamoDB requests per creation;
2. the floor route, then certification answers, at 8 clients without think time;
3. the floor route at `--certification` clients, then that many candidates taking 48-question
   tests at once through the local stack, with a think time: start requests on engine's queue,
   each course polled until ready (its generation), the answers timed.
"""

from __future__ import annotations

import json
import random
import threading
import time
from datetime import datetime
from typing import Any

from bench.certification_support import Bench, Cpu, Window, figures, run_threads, thinking
from infra.local.client import ApiClient
from pixcore.referential import COMPETENCE_CODES

PIX = {"create_p50": 54, "create_p99": 68, "create8_p50": 322, "create8_p99": 445, "pairs": 104}


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


def create_in_processes(
    bench: Bench, users: list[tuple[str, str]], width: int
) -> tuple[list[tuple[str, str]], list[float], float]:
    """`width` processes (as many engine containers) creating courses for `users` at once; the
    first course of each is its warm-up, not timed."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from bench import certification_support as support

    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        width,
        mp_context=spawn,
        initializer=support.worker_init,
        initargs=(bench.url, bench.moto_url),
    ) as pool:
        warm, timed = users[:width], users[width:]
        assert len(set(pool.map(support.worker_warm, [u for u, _ in warm]))) == width
        began = time.perf_counter()
        done = list(pool.map(support.worker_create, [u for u, _ in timed]))
        elapsed = time.perf_counter() - began
    tokens = dict(users)
    made = [(tokens[u], course_id) for (u, _), (course_id, _) in zip(timed, done, strict=True)]
    return made, [took for _, took in done], elapsed


def creation_phases(bench: Bench, sequential: int, waves: int) -> list[tuple[str, str]]:
    """Returns the courses created, (token, course id), for the answer phase at 8 clients."""
    users = bench.candidates(sequential + 16 * waves + 8 + 32 + 1)
    calls = bench.dynamodb_requests_of_one_creation(users[-1][0])
    print(f"DynamoDB requests per course creation (handler, claim included): {dict(calls)}")
    bench.request_pair("warm-up")
    pairs = figures("floor: GetItem + PutItem", [bench.request_pair(f"c{i}") for i in range(40)])
    courses, latencies = [], []
    cpu = time.process_time()
    for user_id, token in users[:sequential]:
        course_id, took = bench.create(user_id)
        courses.append((token, course_id))
        latencies.append(took)
    cpu = (time.process_time() - cpu) / sequential
    seq = figures("creation, one at a time", latencies)
    print(f"CPU of this process per creation: {1000 * cpu:.1f} ms", flush=True)
    print(
        f"a creation = {seq['p50_ms'] / pairs['p50_ms']:.2f} × the floor pair (p50), "
        f"{seq['p99_ms'] / pairs['p99_ms']:.2f} × (p99)",
        flush=True,
    )
    eight = users[sequential : sequential + 8 * waves + 8]
    made, timings, elapsed = create_in_processes(bench, eight, 8)
    at8 = figures("creation, 8 at once (8 processes)", timings, elapsed)
    courses += made
    threads = users[sequential + 8 * waves + 8 : sequential + 16 * waves + 8]
    made, timings, elapsed = create_at_once(bench, threads, 8)
    figures("creation, 8 at once (8 threads)", timings, elapsed)
    courses += made
    _, timings, elapsed = create_at_once(bench, users[-33:-1], 32)
    at32 = figures("creation, 32 at once", timings, elapsed)
    print(
        f"Pix: 54 / 68 ms one at a time, 322 / 445 ms at 8 (deadlocks at 8). Ours: "
        f"{seq['p50_ms']:.0f} / {seq['p99_ms']:.0f} ms, {at8['p50_ms']:.0f} / "
        f"{at8['p99_ms']:.0f} ms at 8 processes, {at32['p50_ms']:.0f} / {at32['p99_ms']:.0f} ms "
        f"at 32 threads ({len(timings)} of 32 done, none stuck)",
        flush=True,
    )
    return courses


def answer_course(
    bench: Bench,
    token: str,
    course_id: str,
    window: Window,
    rng: random.Random,
    think: float = 0.0,
) -> int:
    from infra.samples.simulated_learner import SimulatedLearner

    client = ApiClient(bench.url, token)
    learner = SimulatedLearner({code: 4.0 for code in COMPETENCE_CODES})
    shown = client.get(f"/engine/certification-courses/{course_id}/next")
    current = shown.json() if shown.status == 200 else None
    answered = 0
    while current is not None:
        thinking(rng, think)
        if time.perf_counter() > window.until:
            break
        challenge = bench.content.challenge(current["challenge"]["challenge_id"])
        value = learner.answer(bench.content, challenge, rng)
        payload: dict[str, Any] = {"challenge_id": challenge.id}
        payload.update({"skip": True} if value is None else {"value": value})
        began = time.perf_counter()
        reply = window.timed(
            client.post, f"/engine/certification-courses/{course_id}/answers", payload
        )
        took = time.perf_counter() - began
        if reply.status != 201:
            raise RuntimeError(f"answer refused: {reply.status} {reply.body[:200]!r}")
        answered += 1
        current = reply.json()["next"]
        if current is None and reply.json()["completed"] and began >= window.since:
            window.endings.append(took)
    return answered


def floor_phase(
    bench: Bench,
    clients: int,
    ramp: float,
    seconds: float,
    think: float = 0.0,
    pids: dict[str, int] | None = None,
) -> dict[str, float]:
    now = time.perf_counter()
    window = Window(now + ramp, now + ramp + seconds)
    cpu = measure_cpu(ramp, pids)

    def loop(key: str) -> None:
        client, rng = ApiClient(bench.url), random.Random(key)
        while True:
            thinking(rng, think)
            if time.perf_counter() > window.until:
                return
            reply = window.timed(client.post, f"/floor/touch/{key}", {})
            if reply.status != 200:
                raise RuntimeError(f"floor failed: {reply.status}")

    run_threads([(loop, f"cert-{clients}-{i}") for i in range(clients)])
    named = f"floor, {clients} clients" + (f", think {think:g} s" if think else "")
    found = figures(named, window.latencies, seconds)
    if cpu:
        cpu[0].report(len(window.latencies))
    return found


def measure_cpu(ramp: float, pids: dict[str, int] | None) -> list[Cpu]:
    """The stack's CPU from the end of the ramp-up (a list filled by a timer, empty without pids)."""
    measured: list[Cpu] = []
    if pids:
        threading.Timer(ramp, lambda: measured.append(Cpu(pids))).start()
    return measured


def eight_clients(
    bench: Bench,
    courses: list[tuple[str, str]],
    ramp: float,
    seconds: float,
    profiler: Any = None,
    pids: dict[str, int] | None = None,
) -> None:
    floor = floor_phase(bench, 8, ramp, seconds, pids=pids)
    now = time.perf_counter()
    window = Window(now + ramp, now + ramp + seconds)
    cpu = measure_cpu(ramp, pids)
    if profiler:  # answer_loop's py-spy recorder (--profile), over the measured window
        threading.Timer(ramp, profiler.start, args=("certification-answers",)).start()

    def client_loop(mine: list[tuple[str, str]], seed: int) -> None:
        rng = random.Random(seed)
        for token, course_id in mine:
            answer_course(bench, token, course_id, window, rng)
        if time.perf_counter() < window.until:
            raise RuntimeError("a client ran out of courses: create more")

    run_threads([(client_loop, courses[i::8], i) for i in range(8)])
    if profiler:
        profiler.wait()
    answers = figures("certification answers, 8 clients", window.latencies, seconds)
    if cpu:
        cpu[0].report(len(window.latencies))
    figures("of which the last of a course", window.endings)
    print(
        f"at 8 clients: answers/s = {answers['per_second'] / floor['per_second']:.2f} × the floor "
        f"(target ≥ 0.6) and {answers['per_second'] / PIX['pairs']:.2f} × Pix's 104/s "
        f"(target ≥ 1.2); p99 = {answers['p99_ms'] / floor['p99_ms']:.2f} × the floor's "
        f"(target ≤ 2)",
        flush=True,
    )


def one_by_one_through_the_queue(bench: Bench, count: int) -> None:
    """A start request at a time on engine's queue, the course polled every 20 ms: what a
    candidate waits for when nobody else starts at that moment."""
    screen, engine = [], []
    for user_id, token in bench.candidates(count):
        message = bench.start_message(user_id)
        client = ApiClient(bench.url, token)
        sent = time.perf_counter()
        bench.sqs.send_message(QueueUrl=bench.queue, MessageBody=message.to_json())
        path = f"/engine/certification-courses/{message.course_id}"
        while (view := client.get(path).json())["state"] == "generating":
            time.sleep(0.02)
        screen.append(time.perf_counter() - sent)
        started_at = datetime.fromisoformat(view["started_at"])
        engine.append((started_at - message.occurred_at).total_seconds())
    figures("generation, one at a time (screen)", screen)
    figures("generation, one at a time (engine)", engine)


def at_once(bench: Bench, count: int, ramp: float, seconds: float, think: float) -> None:
    """`count` candidates start together: their start requests go on engine's queue at once and
    each screen polls its course as the frontend does (every `retry_after_seconds`): the
    generation. Once every course is ready, all answer, reading each question for `think`
    seconds on average: the answers after the ramp are timed."""
    floor = floor_phase(bench, count, ramp, seconds, think)
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
    lock = threading.Lock()
    window = Window(0.0, 0.0)

    def all_ready() -> None:
        now = time.perf_counter()
        window.since, window.until = now + ramp, now + ramp + seconds

    everyone = threading.Barrier(count, action=all_ready)

    def candidate(token: str, message: Any, seed: int) -> None:
        client = ApiClient(bench.url, token)
        path = f"/engine/certification-courses/{message.course_id}"
        while (view := client.get(path).json())["state"] == "generating":
            time.sleep(view["retry_after_seconds"])
        with lock:
            seen_ready.append(time.perf_counter() - sent[message.course_id])
            started_at = datetime.fromisoformat(view["started_at"])
            server_side.append((started_at - message.occurred_at).total_seconds())
        everyone.wait()
        answer_course(bench, token, message.course_id, window, random.Random(seed), think)

    run_threads(
        [
            (candidate, token, m, i)
            for i, ((_, token), m) in enumerate(zip(users, messages, strict=True))
        ]
    )
    figures(f"generation, {count} at once (screen)", seen_ready)
    figures(f"generation, {count} at once (engine)", server_side)
    answers = figures(f"certification answers, {count} at once", window.latencies, seconds)
    print(
        f"at {count} candidates, think {think:g} s: answer p50 / p99 = "
        f"{answers['p50_ms'] / floor['p50_ms']:.2f} / {answers['p99_ms'] / floor['p99_ms']:.2f} × "
        f"the floor's",
        flush=True,
    )


def run(
    url: str,
    moto_url: str,
    candidates: int,
    ramp: float,
    seconds: float,
    think: float,
    profiler: Any = None,
    pids: dict[str, int] | None = None,
) -> None:
    bench = Bench(url, moto_url)
    print(json.dumps({"certification": {"candidates": candidates, "seconds": seconds}}))
    bench.announce_session(candidates + 200)
    courses = creation_phases(bench, sequential=40, waves=12)
    print(f"queues empty after {bench.settle():.1f} s", flush=True)
    eight_clients(bench, courses, ramp, seconds, profiler, pids)
    print(f"queues empty after {bench.settle():.1f} s", flush=True)
    one_by_one_through_the_queue(bench, 10)
    at_once(bench, candidates, ramp, seconds, think)
