"""`make bench`: every benchmark one after the other, each one's output kept in
.pixcert/bench/<name>.log, then one line each (how long, exit status, load average before and
after) — the figures themselves are in the logs and go into bench/README.md.

    .venv/bin/python bench/run_all.py [--quick] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOGS = ROOT / ".pixcert" / "bench"

# name: (script, full arguments, --quick arguments)
BENCHES: dict[str, tuple[str, list[str], list[str]]] = {
    "answer_loop": (
        "answer_loop.py",
        ["--learners", "200", "--seconds", "20", "--think", "4"],
        ["--learners", "20", "--seconds", "5", "--think", "1"],
    ),
    "import_siecle": ("import_siecle.py", [], ["--students", "2000"]),
    "session_documents": (
        "session_documents.py",
        [],
        ["--repeat", "2", "--candidates", "40", "--window", "10"],
    ),
    "certification": (
        "answer_loop.py",
        ["--learners", "8", "--probes", "0", "--certification", "200"],
        ["--learners", "4", "--seconds", "5", "--probes", "0", "--certification", "20"],
    ),
    "attestations": ("attestations.py", [], ["--count", "20", "--courses", "200"]),
    "iam_overhead": ("iam_overhead.py", [], ["--calls", "50", "--rounds", "1"]),
}


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def run(name: str, quick: bool) -> tuple[int, float, str, str]:
    script, full, short = BENCHES[name]
    LOGS.mkdir(parents=True, exist_ok=True)
    before, started = load(), time.monotonic()
    command = [sys.executable, str(ROOT / "bench" / script), *(short if quick else full)]
    print(f"\n== {name}: {' '.join(command[1:])}", flush=True)
    with (LOGS / f"{name}.log").open("w") as log:
        process = subprocess.Popen(
            command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        assert process.stdout is not None
        for line in process.stdout:
            print(line, end="", flush=True)
            log.write(line)
        code = process.wait()
    return code, time.monotonic() - started, before, load()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: checks that all run")
    parser.add_argument("--only", nargs="+", choices=sorted(BENCHES), help="these benches only")
    args = parser.parse_args(argv)
    results = {name: run(name, args.quick) for name in args.only or BENCHES}
    print("\n| bench | exit | took | load before → after | log |\n|---|---|---|---|---|")
    for name, (code, took, before, after) in results.items():
        log = (LOGS / f"{name}.log").relative_to(ROOT)
        print(f"| {name} | {code} | {took:.0f} s | {before} → {after} | {log} |")
    return max(code for code, *_ in results.values())


if __name__ == "__main__":
    sys.exit(main())
