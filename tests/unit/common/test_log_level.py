"""The logger honours PIXCERT_LOG_LEVEL, as each stage's Lambda environment sets it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

SCRIPT = """
from pixcore.logs import get_logger
log = get_logger("t")
log.info("an.info", id="1")
log.warning("a.warning", id="2")
"""


def logged(level: str | None) -> str:
    env = {k: v for k, v in os.environ.items() if k != "PIXCERT_LOG_LEVEL"}
    if level is not None:
        env["PIXCERT_LOG_LEVEL"] = level
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, check=True
    )
    return done.stderr


@pytest.mark.parametrize(
    ("level", "info", "warning"),
    [("WARNING", False, True), ("info", True, True), (None, True, True), ("LOUD", True, True)],
)
def test_the_log_level_comes_from_the_environment(level, info, warning):
    printed = logged(level)
    assert ('"an.info"' in printed) is info
    assert ('"a.warning"' in printed) is warning
