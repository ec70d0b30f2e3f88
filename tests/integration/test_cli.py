"""`pixcert`: every subcommand and option explains itself, and `up` on a busy port says so in one
French line and leaves nothing running."""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

from infra.local.cli import parser

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "infra.local.cli", *args],
        cwd=ROOT,
        env=env or dict(os.environ),
        capture_output=True,
        text=True,
        timeout=120,
    )


def subparsers(p: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    found = []
    for action in p._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found += [sub, *subparsers(sub)]
    return found


def test_every_subcommand_and_option_has_a_help_text():
    main = parser()
    commands = subparsers(main)
    assert {p.prog for p in commands} >= {
        "pixcert up",
        "pixcert demo",
        "pixcert dlq",
        "pixcert dlq list",
        "pixcert dlq replay",
        "pixcert package",
    }
    for p in [main, *commands]:
        for action in p._actions:
            assert action.help, (p.prog, action.dest)


def test_dlq_subcommands_take_a_service():
    args = parser().parse_args(["dlq", "replay", "--service", "certif"])
    assert (args.action, args.service) == ("replay", "certif")
    assert parser().parse_args(["dlq", "list"]).service is None


def test_version():
    done = run("--version")
    assert done.returncode == 0 and done.stdout.strip() == "pixcert 0.1.0"


def _processes_with(marker: str) -> list[int]:
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if marker.encode() in (proc / "environ").read_bytes():
                found.append(int(proc.name))
        except (OSError, ValueError):
            continue
    return found


def test_up_on_a_busy_port_prints_one_french_line_and_stops_the_moto_child(tmp_path):
    marker = f"PIXCERT_TEST_MARK={uuid.uuid4()}"
    env = {**os.environ, "PIXCERT_STATE_FILE": str(tmp_path / "local.json")}
    env[marker.split("=")[0]] = marker.split("=")[1]
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = run("up", "--port", str(port), env=env)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"pixcert : le port {port} est déjà utilisé sur 127.0.0.1 ; arrêtez ce qui l'occupe ou "
        "choisissez-en un autre avec --port."
    ]
    assert "Traceback" not in done.stdout + done.stderr
    assert _processes_with(marker) == []
    assert not (tmp_path / "local.json").exists()
