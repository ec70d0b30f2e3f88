"""The learning content file: the sample bank by default, another one named by the environment."""

from __future__ import annotations

import os
from pathlib import Path

from chalicelib.engine.domain.content import LearningContent, load_content

CONTENT_VARIABLE = "PIXCERT_ENGINE_CONTENT"
SAMPLE_BANK = Path(__file__).resolve().parents[1] / "content" / "sample_bank.json"


def content_path() -> Path:
    """A real bank can be dropped in: `PIXCERT_ENGINE_CONTENT` names its file."""
    return Path(os.environ.get(CONTENT_VARIABLE) or SAMPLE_BANK)


def read_content(path: Path | None = None) -> LearningContent:
    return load_content((path or content_path()).read_bytes())
