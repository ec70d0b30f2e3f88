"""What the certification scenario of the answer-loop bench runs on: figures, timing windows,
threads, and this process as one more engine container on the stack's moto."""

from __future__ import annotations

import os
import random
import statistics
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from infra.local import apps as app_loader
from infra.local.client import Reply
from pixcore.referential import COMPETENCE_CODES

STRONG = {code: 4 for code in COMPETENCE_CODES}  # 16 competences × 3 questions = 48
SESSION, CENTER = "bench-session", "bench-center"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux), to compare phases per request."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Cpu:
    """CPU seconds each process of the stack spends during a measured window."""

    def __init__(self, pids: dict[str, int]) -> None:
        self.pids = pids
        self.start = {name: cpu_seconds(pid) for name, pid in pids.items()}

    def report(self, requests: int) -> None:
        spent = {name: cpu_seconds(pid) - self.start[name] for name, pid in self.pids.items()}
        per = "   ".join(
            f"{name} {seconds:5.1f} s = {1000 * seconds / max(requests, 1):5.2f} ms/request"
            for name, seconds in spent.items()
        )
        print(f"          CPU: {per}", flush=True)


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
    endings: list[float] = field(default_factory=list)  # the answers that ended a course

    def timed(self, request: Callable[..., Reply], *args: Any) -> Reply:
        began = time.perf_counter()
        reply = request(*args)
        if began >= self.since:
            self.latencies.append(time.perf_counter() - began)
        return reply


def _floor_item() -> Any:
    from chalicelib.engine.adapters.tables import EngineItem

    global _FLOOR_ITEM
    if _FLOOR_ITEM is None:

        class CreationFloorItem(EngineItem):
            pass

        _FLOOR_ITEM = CreationFloorItem
    return _FLOOR_ITEM


_FLOOR_ITEM: Any = None


def runtime_queue(service: str) -> str:
    from pixcore import runtime

    return runtime.queue_url(service)


def thinking(rng: random.Random, think: float) -> None:
    """A candidate reads the question first: uniform over [0, 2 × think] seconds."""
    if think:
        time.sleep(rng.uniform(0, 2 * think))


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
        self.url, self.moto_url = url, moto_url
        self.tokens, self.content = runtime.tokens(), read_content()
        self.dynamodb, self.sqs = client("dynamodb"), client("sqs")
        self.queue = runtime.queue_url("engine")
        self.engine.bootstrap.ports()  # binds engine's tables in this process, once
        self.users = 0

    def settle(self, timeout: float = 180.0) -> float:
        """Waits until the stack's queues are empty (the courses made in this process announced
        themselves to certif and jury): a phase does not measure the last one's backlog."""
        began = time.perf_counter()
        urls = [runtime_queue(s) for s in ("orga", "certif", "engine", "jury")]
        while time.perf_counter() - began < timeout:
            waiting = 0
            for url in urls:
                found = self.sqs.get_queue_attributes(
                    QueueUrl=url,
                    AttributeNames=[
                        "ApproximateNumberOfMessages",
                        "ApproximateNumberOfMessagesNotVisible",
                    ],
                )["Attributes"]
                waiting += sum(int(v) for v in found.values())
            if not waiting:
                break
            time.sleep(0.5)
        return time.perf_counter() - began

    def candidates(self, count: int) -> list[tuple[str, str]]:
        """(user id, token) of candidates whose profiles are seeded: every competence at 4."""
        from infra.samples.seeded_profiles import seed_profile
        from pixcore.principal import Principal

        made = []
        for _ in range(count):
            self.users += 1
            user_id = f"bench-cand-{os.getpid()}-{self.users:05d}"
            seed_profile(self.dynamodb, user_id, STRONG, self.content)
            made.append((user_id, self.tokens.issue(Principal(user_id), lifetime=6 * 3600)))
        return made

    def announce_session(self, candidates: int) -> None:
        """What orga and certif would have said before a test day: the centre is registered, its
        session scheduled. Without it jury holds every course of an unknown session back (it is
        retried, then dead-lettered), work the real day would not have."""
        from pixcore.bus import SqsPublisher
        from pixcore.messages.catalog import OrganizationRegistered, SessionUpdated

        SqsPublisher(runtime_queue).publish(
            OrganizationRegistered(
                organization_id=CENTER,
                uai="0750655E",
                name="Collège du banc d'essai",
                organization_type="COLLEGE",
                sector="PUBLIC",
                academie="Paris",
                is_certification_center=True,
            )
        )
        self.settle()
        SqsPublisher(runtime_queue).publish(
            SessionUpdated(
                session_id=SESSION,
                center_id=CENTER,
                session_date=date.today(),
                status="created",
                candidate_count=candidates,
                revision=1,
            )
        )
        self.settle()

    def start_message(self, user_id: str) -> Any:
        from pixcore.ids import new_id
        from pixcore.messages.catalog import CertificationStartRequested

        return CertificationStartRequested(
            course_id=new_id(),
            session_id=SESSION,
            center_id=CENTER,
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

    def request_pair(self, key: str) -> float:
        """The floor of a creation: one GetItem and one PutItem from this process, as the floor
        route does them."""
        item = _floor_item()
        began = time.perf_counter()
        try:
            found = item.get(f"FLOOR#{key}", "STATE", consistent_read=True)
        except item.DoesNotExist:
            found = item(f"FLOOR#{key}", "STATE")
        found.save()
        return time.perf_counter() - began

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


_WORKER: list[Bench] = []


def worker_init(url: str, moto_url: str) -> None:
    """In a process of its own, like one more Lambda container of engine."""
    _WORKER.append(Bench(url, moto_url))


def worker_warm(user_id: str) -> int:
    """A first course (the container's cold start: clients, tables, consumer), then a pause so
    that every worker is busy at once and the pool has started them all."""
    _WORKER[0].create(user_id)
    time.sleep(2.0)
    return os.getpid()


def worker_create(user_id: str) -> tuple[str, float]:
    return _WORKER[0].create(user_id)
