"""Answer loop benchmark: simulated learners through the local stack, against a floor route."""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.certification_support import Cpu  # noqa: E402
from infra.local import apps as app_loader  # noqa: E402
from infra.local.client import Reply  # noqa: E402
from infra.local.gateway import DEFAULT_WORKERS  # noqa: E402
from pixcore.referential import COMPETENCE_CODES  # noqa: E402

app_loader.add_service_paths()
COMPETENCES = COMPETENCE_CODES


GENERATIONS = 12  # accounts per simulated learner: one finished with all 16 competences makes way


def start_stack(learners: int, workers: int) -> tuple[Any, list[list[str]]]:
    """The local stack (moto and the apps process) with /floor mounted; tokens for the learners."""
    from infra.local.moto_server import free_port
    from infra.local.stack import LocalStack
    from pixcore import runtime
    from pixcore.principal import Principal

    (ROOT / ".pixcert").mkdir(exist_ok=True)
    stack = LocalStack(
        port=free_port(),
        log_dir=ROOT / ".pixcert",
        gateway_workers=workers,
        mounts={"floor": "bench.floor_app"},
    ).start()
    tokens = [
        [runtime.tokens().issue(Principal(f"bench-{i:04d}-{g:02d}")) for g in range(GENERATIONS)]
        for i in range(learners)
    ]
    return stack, tokens


class Profiler:
    """`py-spy record` of both processes during a phase, when py-spy is installed (not a
    dependency: `pip install py-spy` into the venv to profile)."""

    def __init__(self, folder: str | None, pids: dict[str, int], seconds: float) -> None:
        self.folder, self.pids, self.seconds = folder, pids, seconds
        self.running: list[subprocess.Popen[bytes]] = []

    def start(self, phase: str) -> None:
        spy = Path(sys.executable).with_name("py-spy")
        if not self.folder or not spy.exists():
            return
        Path(self.folder).mkdir(parents=True, exist_ok=True)
        for name, pid in self.pids.items():
            out = Path(self.folder) / f"{phase}.{name}.txt"
            command = [str(spy), "record", "-p", str(pid), "-d", str(int(self.seconds))]
            command += ["-r", "100", "--gil", "--nonblocking", "-f", "raw", "-o", str(out)]
            self.running.append(
                subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            )

    def wait(self) -> None:
        for process in self.running:
            process.wait(timeout=self.seconds + 30)
        self.running.clear()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def thinking(rng: random.Random, think: float) -> None:
    """A learner reads the question before answering: uniform over [0, 2 × think] seconds."""
    if think:
        time.sleep(rng.uniform(0, 2 * think))


@dataclass
class Window:
    """Round trips that begin after the ramp-up (everyone starting at once) and before the end."""

    since: float
    until: float
    latencies: list[float] = field(default_factory=list)
    conflicts: int = 0

    def timed(self, request: Callable[..., Reply], *args: Any) -> Reply:
        began = time.perf_counter()
        reply = request(*args)
        if began >= self.since:
            self.latencies.append(time.perf_counter() - began)
        return reply


def learner_loop(url: str, tokens: list[str], seed: int, think: float, window: Window) -> None:
    """Competence evaluations one after the other, timing each answer round trip; a learner who
    finished all 16 competences hands over to a fresh account."""
    from infra.local.client import ApiClient
    from infra.samples.simulated_learner import SimulatedLearner

    content, rng = CONTENT, random.Random(seed)
    for token in tokens:
        client = ApiClient(url, token)
        learner = SimulatedLearner({c: rng.uniform(0.5, 5.0) for c in COMPETENCES})
        for competence in rng.sample(COMPETENCES, len(COMPETENCES)):
            started = client.post("/engine/competence-evaluations", {"competence": competence})
            assessment_id = started.json()["assessment_id"]
            shown = client.get(f"/engine/assessments/{assessment_id}/next")
            current = shown.json() if shown.status == 200 else None
            while current is not None:
                thinking(rng, think)
                if time.perf_counter() > window.until:
                    return
                value = learner.answer(content, content.challenge(current["challenge_id"]), rng)
                payload = {"challenge_id": current["challenge_id"]}
                payload.update({"skip": True} if value is None else {"value": value})
                reply = window.timed(
                    client.post, f"/engine/assessments/{assessment_id}/answers", payload
                )
                while reply.error_code == "CONCURRENT_UPDATE":
                    # The learner's item changed under the answer (the completion's consumer
                    # archiving an earlier assessment): try again, as the message asks, counted.
                    window.conflicts += 1
                    reply = window.timed(
                        client.post, f"/engine/assessments/{assessment_id}/answers", payload
                    )
                if reply.status != 201:
                    raise RuntimeError(f"answer refused: {reply.status} {reply.body[:200]!r}")
                current = reply.json()["next"]
    raise RuntimeError("a learner ran out of accounts: raise GENERATIONS")


def floor_loop(url: str, key: str, seed: int, think: float, window: Window) -> None:
    from infra.local.client import ApiClient

    client, rng = ApiClient(url), random.Random(seed)
    while True:
        thinking(rng, think)
        if time.perf_counter() > window.until:
            return
        reply = window.timed(client.post, f"/floor/touch/{key}", {})
        if reply.status != 200:
            raise RuntimeError(f"floor failed: {reply.status} {reply.body[:200]!r}")


def listen_overflows() -> int:
    """Connections the kernel dropped because a server's accept queue was full (Linux only)."""
    try:
        lines = Path("/proc/net/netstat").read_text().splitlines()
    except OSError:
        return 0
    names, values = lines[0].split(), lines[1].split()
    return int(values[names.index("ListenOverflows")])


def run_threads(targets: list[tuple]) -> float:
    threads = [threading.Thread(target=fn, args=args, daemon=True) for fn, *args in targets]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started


def report(name: str, latencies: list[float], elapsed: float, overflows: int) -> dict[str, float]:
    figures = {
        "count": len(latencies),
        "per_second": len(latencies) / elapsed,
        "p50_ms": 1000 * statistics.median(latencies),
        "p99_ms": 1000 * percentile(latencies, 0.99),
    }
    print(
        f"{name:>8}: {figures['count']:6d} requests in {elapsed:5.1f} s = "
        f"{figures['per_second']:7.1f}/s   p50 {figures['p50_ms']:6.1f} ms   "
        f"p99 {figures['p99_ms']:6.1f} ms   listen overflows {overflows}",
        flush=True,
    )
    return figures


def phase(
    name: str,
    targets: list[tuple],
    ramp: float,
    seconds: float,
    pids: dict[str, int],
    profiler: Profiler | None = None,
) -> dict[str, float]:
    """Every learner runs for ramp + seconds; only the last `seconds` are measured."""
    now = time.perf_counter()
    window = Window(now + ramp, now + ramp + seconds)
    overflows = listen_overflows()
    timer = threading.Timer(ramp, lambda: measured.append(Cpu(pids)))
    measured: list[Cpu] = []
    if profiler:
        threading.Timer(ramp, profiler.start, args=(name,)).start()
    timer.start()
    run_threads([(*target, window) for target in targets])
    elapsed = window.until - window.since
    figures = report(name, window.latencies, elapsed, listen_overflows() - overflows)
    if window.conflicts:
        print(f"          {window.conflicts} answer(s) retried after 409 CONCURRENT_UPDATE")
    if measured:
        measured[0].report(len(window.latencies))
    if profiler:
        profiler.wait()
    return figures


def mixed_phase(
    learners: list[tuple], probes: list[tuple], ramp: float, seconds: float
) -> tuple[dict[str, float], dict[str, float]]:
    """Learners and floor probes at once: the floor measured under the learners' own background
    (starts, `next`, completions and the queue consumers they trigger), the fair comparison."""
    now = time.perf_counter()
    answers, floors = (
        Window(now + ramp, now + ramp + seconds),
        Window(now + ramp, now + ramp + seconds),
    )
    overflows = listen_overflows()
    run_threads([(*t, answers) for t in learners] + [(*t, floors) for t in probes])
    dropped = listen_overflows() - overflows
    return (
        report("answer", answers.latencies, seconds, dropped),
        report("floor", floors.latencies, seconds, dropped),
    )


def warm_up(url: str, token: str) -> None:
    """First requests build clients, models and the content index: not part of either phase."""
    from infra.local.client import ApiClient

    ApiClient(url).post("/floor/touch/warm-up", {})
    ApiClient(url, token).get("/engine/users/me/profile")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--learners", "--clients", type=int, default=200, help="concurrent clients (learners)"
    )
    parser.add_argument("--seconds", type=float, default=30.0, help="duration of each phase")
    parser.add_argument(
        "--think",
        type=float,
        default=0.0,
        help="mean think time before each request, seconds (both phases)",
    )
    parser.add_argument(
        "--ramp",
        type=float,
        default=5.0,
        help="seconds run but not measured at the start of each phase",
    )
    parser.add_argument(
        "--workers", type=int, default=DEFAULT_WORKERS, help="requests the gateway runs at once"
    )
    parser.add_argument(
        "--probes",
        type=int,
        default=20,
        help="floor probes run alongside the learners in a third phase (0: no such phase)",
    )
    parser.add_argument(
        "--probe-think",
        type=float,
        default=0.5,
        help="mean pause of each floor probe of the third phase, seconds",
    )
    parser.add_argument(
        "--profile", metavar="DIR", help="py-spy profiles of both processes per phase into DIR"
    )
    parser.add_argument(
        "--certification",
        type=int,
        default=0,
        help="then the certification scenario (bench/certification_loop.py) with this many "
        "candidates at once; 0: none",
    )
    parser.add_argument(
        "--certification-seconds", type=float, default=20.0, help="its phases' duration"
    )
    parser.add_argument(
        "--certification-think",
        type=float,
        default=4.0,
        help="mean think time of the candidates taking their tests at once, seconds",
    )
    args = parser.parse_args()
    stack, tokens = start_stack(args.learners, args.workers)
    try:
        url = stack.url
        pids = {
            "apps": stack.apps_pid,
            "workers": stack.workers_pid,
            "moto": stack.moto.process.pid,
            "clients": os.getpid(),  # this process: the load generator's threads
        }
        profiler = Profiler(args.profile, pids, args.seconds) if args.profile else None
        print(
            f"stack at {url}; {args.learners} clients, {args.seconds:g} s per phase after "
            f"{args.ramp:g} s of ramp-up, think {args.think:g} s, gateway workers "
            f"{args.workers}",
            flush=True,
        )
        warm_up(url, tokens[0][-1])
        floor = phase(
            "floor",
            [(floor_loop, url, f"k{i}", i, args.think) for i in range(args.learners)],
            args.ramp,
            args.seconds,
            pids,
            profiler,
        )
        answer = phase(
            "answer",
            [(learner_loop, url, accounts, i, args.think) for i, accounts in enumerate(tokens)],
            args.ramp,
            args.seconds,
            pids,
            profiler,
        )
        print(
            f"answers/floor throughput = {answer['per_second'] / floor['per_second']:.2f} "
            f"(target ≥ 0.60); p99 ratio answer/floor = {answer['p99_ms'] / floor['p99_ms']:.2f} "
            f"(target ≤ 2.00); p50 ratio = {answer['p50_ms'] / floor['p50_ms']:.2f}",
            flush=True,
        )
        if args.probes:
            print(f"mixed: {args.learners} learners and {args.probes} floor probes at once")
            answer, floor = mixed_phase(
                [(learner_loop, url, accounts, i, args.think) for i, accounts in enumerate(tokens)],
                [
                    (floor_loop, url, f"p{i}", 10_000 + i, args.probe_think)
                    for i in range(args.probes)
                ],
                args.ramp,
                args.seconds,
            )
            print(
                f"same background: p99 ratio answer/floor = "
                f"{answer['p99_ms'] / floor['p99_ms']:.2f}; p50 ratio = "
                f"{answer['p50_ms'] / floor['p50_ms']:.2f}",
                flush=True,
            )
        if args.certification:
            from bench import certification_loop

            certification_loop.run(
                url,
                stack.moto.url,
                args.certification,
                args.ramp,
                args.certification_seconds,
                args.certification_think,
                profiler,
                pids,
            )
    finally:
        stack.stop()
    return 0


if __name__ == "__main__":
    from chalicelib.engine.content_files import read_content

    CONTENT = read_content()
    sys.exit(main())
