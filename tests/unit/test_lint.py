"""The code base stays formatted and lint-clean (ruff), so every change reads alike."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TREES = ["services", "infra", "tests", "bench"]


def ruff(*args: str) -> subprocess.CompletedProcess[str]:
    binary = Path(sys.executable).with_name("ruff")
    return subprocess.run([str(binary), *args, *TREES], cwd=ROOT, capture_output=True, text=True)


def test_ruff_check_passes():
    result = ruff("check", "--no-cache")
    assert result.returncode == 0, result.stdout[-3000:]


def test_ruff_format_is_applied():
    result = ruff("format", "--check", "--no-cache")
    assert result.returncode == 0, result.stdout[-3000:]


def test_mypy_passes_on_the_kernel_and_every_service():
    mypy = Path(sys.executable).with_name("mypy")
    checks = [(ROOT / "services" / "common", ["-p", "pixcore"])] + [
        (ROOT / "services" / s, ["--explicit-package-bases", "-p", f"chalicelib.{s}"])
        for s in ("orga", "certif", "engine", "jury")
    ]
    for folder, args in checks:
        result = subprocess.run(
            [str(mypy), "--cache-dir", str(ROOT / ".mypy_cache"), *args],
            cwd=folder,
            capture_output=True,
            text=True,
            env={**os.environ, "MYPYPATH": str(ROOT / "services" / "common")},
        )
        assert result.returncode == 0, f"{folder.name}: {result.stdout[-3000:]}"
