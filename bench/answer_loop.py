"""Answer loop benchmark: simulated learners through the local stack, against a floor route."""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from infra.local import apps as app_loader  # noqa: E402

app_loader.add_service_paths()
COMPETENCES = ("1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3", "3.4",
               "4.1", "4.2", "4.3", "5.1", "5.2")


def serve(learners: int) -> None:
    """Child process: the stack with /floor mounted, tokens on stdout, until stdin closes."""
    from chalice.config import Config
    from chalice.local import LocalGateway
    from pixcore import runtime
    from pixcore.auth import Principal
    from pixcore.logs import log_to_file

    from bench import floor_app
    from infra.local.moto_server import free_port
    from infra.local.stack import LocalStack

    (ROOT / ".pixcert").mkdir(exist_ok=True)
    log_to_file(str(ROOT / ".pixcert" / "bench.log"))
    stack = LocalStack(port=free_port(), log_dir=ROOT / ".pixcert").start()
    stack.server.gateways["floor"] = LocalGateway(floor_app.app, Config(chalice_stage="local"))
    tokens = [runtime.tokens().issue(Principal(f"bench-{i:04d}")) for i in range(learners)]
    print(json.dumps({"url": stack.url, "tokens": tokens}), flush=True)
    sys.stdin.read()
    stack.stop()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def learner_loop(url: str, token: str, seed: int, until: float, latencies: list[float]) -> None:
    """Competence evaluations one after the other, timing each answer round trip."""
    from chalicelib.engine.domain.simulated_learner import SimulatedLearner

    from infra.local.client import ApiClient

    content, rng = CONTENT, random.Random(seed)
    client = ApiClient(url, token)
    learner = SimulatedLearner({c: rng.uniform(0.5, 5.0) for c in COMPETENCES})
    for competence in rng.sample(COMPETENCES, len(COMPETENCES)):
        started = client.post("/engine/competence-evaluations", {"competence": competence})
        assessment_id = started.json()["assessment_id"]
        shown = client.get(f"/engine/assessments/{assessment_id}/next")
        current = shown.json() if shown.status == 200 else None
        while current is not None:
            if time.monotonic() > until:
                return
            value = learner.answer(content, content.challenge(current["challenge_id"]), rng)
            payload = {"challenge_id": current["challenge_id"]}
            payload.update({"skip": True} if value is None else {"value": value})
            began = time.perf_counter()
            reply = client.post(f"/engine/assessments/{assessment_id}/answers", payload)
            latencies.append(time.perf_counter() - began)
            if reply.status != 201:
                raise RuntimeError(f"answer refused: {reply.status} {reply.body[:200]!r}")
            current = reply.json()["next"]


def floor_loop(url: str, key: str, until: float, latencies: list[float]) -> None:
    from infra.local.client import ApiClient

    client = ApiClient(url)
    while time.monotonic() < until:
        began = time.perf_counter()
        reply = client.post(f"/floor/touch/{key}", {})
        latencies.append(time.perf_counter() - began)
        if reply.status != 200:
            raise RuntimeError(f"floor failed: {reply.status} {reply.body[:200]!r}")


def run_threads(targets: list[tuple]) -> float:
    threads = [threading.Thread(target=fn, args=args, daemon=True) for fn, *args in targets]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started


def report(name: str, latencies: list[float], elapsed: float) -> dict[str, float]:
    figures = {"count": len(latencies), "per_second": len(latencies) / elapsed,
               "p50_ms": 1000 * statistics.median(latencies),
               "p99_ms": 1000 * percentile(latencies, 0.99)}
    print(f"{name:>8}: {figures['count']:6d} requests in {elapsed:5.1f} s = "
          f"{figures['per_second']:7.1f}/s   p50 {figures['p50_ms']:6.1f} ms   "
          f"p99 {figures['p99_ms']:6.1f} ms", flush=True)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--learners", type=int, default=200, help="concurrent learners")
    parser.add_argument("--seconds", type=float, default=30.0, help="duration of each phase")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.learners)
        return 0
    child = subprocess.Popen([sys.executable, __file__, "--serve", "--learners",
                              str(args.learners)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             text=True, cwd=ROOT)
    try:
        ready = json.loads(child.stdout.readline())
        url, tokens = ready["url"], ready["tokens"]
        print(f"stack at {url}; {args.learners} learners, {args.seconds:.0f} s per phase",
              flush=True)
        floor: list[float] = []
        until = time.monotonic() + args.seconds
        elapsed = run_threads([(floor_loop, url, f"k{i}", until, floor)
                               for i in range(args.learners)])
        floor_figures = report("floor", floor, elapsed)
        answers: list[float] = []
        until = time.monotonic() + args.seconds
        elapsed = run_threads([(learner_loop, url, token, i, until, answers)
                               for i, token in enumerate(tokens)])
        answer_figures = report("answer", answers, elapsed)
        ratio = answer_figures["p99_ms"] / floor_figures["p99_ms"]
        print(f"p99 ratio answer/floor = {ratio:.2f} (target ≤ 2.00); p50 ratio = "
              f"{answer_figures['p50_ms'] / floor_figures['p50_ms']:.2f}", flush=True)
    finally:
        child.stdin.close()
        child.wait(timeout=30)
    return 0


if __name__ == "__main__":
    if "--serve" not in sys.argv:
        from chalicelib.engine.adapters.content_file import read_content

        CONTENT = read_content()
    sys.exit(main())
