"""What a simulated season measures: every request timed by step, errors counted, queue depths
and the memory of the stack's processes sampled while it runs."""

from __future__ import annotations

import os
import statistics
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(q) - 1]


class Recorder:
    """Latencies per step (seconds), thread-safe; a step's wall time runs from its first request
    to the end of its last."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.samples: dict[str, list[float]] = {}
        self.errors: Counter[str] = Counter()
        self.retried: Counter[str] = Counter()  # sent again after a server error
        self.spans: dict[str, list[float]] = {}

    def add(self, step: str, seconds: float, ended: float | None = None) -> None:
        ended = ended or time.monotonic()
        with self._lock:
            self.samples.setdefault(step, []).append(seconds)
            span = self.spans.setdefault(step, [ended - seconds, ended])
            span[0], span[1] = min(span[0], ended - seconds), max(span[1], ended)

    @contextmanager
    def timed(self, step: str) -> Iterator[None]:
        started = time.monotonic()
        try:
            yield
        except BaseException:
            with self._lock:
                self.errors[step] += 1
            raise
        self.add(step, time.monotonic() - started)

    def call(self, step: str, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        with self.timed(step):
            return fn(*args, **kwargs)

    def rows(self) -> list[dict[str, Any]]:
        rows = []
        for step, values in self.samples.items():
            wall = self.spans[step][1] - self.spans[step][0]
            rows.append(
                {
                    "step": step,
                    "count": len(values),
                    "errors": self.errors[step],
                    "retried": self.retried[step],
                    "wall_s": wall,
                    "per_s": len(values) / wall if wall > 0 else 0.0,
                    "p50_ms": percentile(values, 50) * 1000,
                    "p99_ms": percentile(values, 99) * 1000,
                }
            )
        return rows


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _name(pid: int) -> str:
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return str(pid)
    text = " ".join(c.decode(errors="replace") for c in command[1:])
    if "moto" in text:
        return "moto"
    if "apps_process" in text:
        return "workers" if "--role workers" in text else "apps"
    return "process"


class Sampler(threading.Thread):
    """Every `period` seconds: the resident memory of this process and of its children (moto,
    the apps' process when the stack runs one), and the depth of every queue and dead-letter
    queue; keeps the peaks."""

    def __init__(self, queues: Callable[[], dict[str, int]], period: float = 2.0) -> None:
        super().__init__(daemon=True, name="season-sampler")
        self.queues, self.period = queues, period
        self.stop_event = threading.Event()
        self.peak_memory: dict[str, float] = {}
        self.peak_total_mb = 0.0
        self.peak_depth: dict[str, int] = {}
        self.last_depth: dict[str, int] = {}

    def sample(self) -> None:
        me = os.getpid()
        memory = {"simulation + apps": _rss_mb(me)}
        for child in _children(me):
            memory[_name(child)] = memory.get(_name(child), 0.0) + _rss_mb(child)
        for name, mb in memory.items():
            self.peak_memory[name] = max(self.peak_memory.get(name, 0.0), mb)
        self.peak_total_mb = max(self.peak_total_mb, sum(memory.values()))
        try:
            self.last_depth = self.queues()
        except Exception:  # noqa: BLE001 - a sample lost while moto is busy is not an error
            return
        for name, depth in self.last_depth.items():
            self.peak_depth[name] = max(self.peak_depth.get(name, 0), depth)

    def run(self) -> None:
        while not self.stop_event.wait(self.period):
            self.sample()

    def stop(self) -> None:
        self.stop_event.set()
        self.join(timeout=self.period + 5)
        self.sample()


def queue_depths(sqs: Any, names: list[str]) -> dict[str, int]:
    """Visible + in flight, per queue (dead-letter queues included)."""
    depths = {}
    for name in names:
        url = sqs.get_queue_url(QueueName=name)["QueueUrl"]
        attributes = sqs.get_queue_attributes(
            QueueUrl=url,
            AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
        )["Attributes"]
        depths[name] = sum(int(v) for v in attributes.values())
    return depths
