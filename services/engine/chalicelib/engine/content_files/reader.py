"""The learning content file: the sample bank by default, another one named by the environment."""

from __future__ import annotations

import os
from pathlib import Path

from chalicelib.engine.content_files.parser import load_content
from chalicelib.engine.content_files.problems import CONTENT_INVALID
from chalicelib.engine.domain.content import LearningContent
from pixcore.errors import Invalid

CONTENT_VARIABLE = "PIXCERT_ENGINE_CONTENT"
SAMPLE_BANK = Path(__file__).resolve().parents[1] / "content" / "sample_bank.json"
# A real bank holds a few thousand challenges (a few MB): far more is not a content file.
MAX_CONTENT_BYTES = 64 * 1024 * 1024


def content_path() -> Path:
    """A real bank can be dropped in: `PIXCERT_ENGINE_CONTENT` names its file."""
    return Path(os.environ.get(CONTENT_VARIABLE) or SAMPLE_BANK)


def read_content(path: Path | None = None) -> LearningContent:
    path = path or content_path()
    size = path.stat().st_size
    if size > MAX_CONTENT_BYTES:
        raise Invalid(
            "Le fichier de contenu est trop volumineux.",
            code=CONTENT_INVALID,
            details={"bytes": size, "max_bytes": MAX_CONTENT_BYTES},
        )
    return load_content(path.read_bytes())
