"""The code base stays formatted and lint-clean (ruff), so every change reads alike."""

from __future__ import annotations

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
