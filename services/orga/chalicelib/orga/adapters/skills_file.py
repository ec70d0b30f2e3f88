"""The skills a campaign may target, as shipped with orga (`content/skills.json`, written from
the learning content by `scripts/skills_from_bank.py`)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

SKILLS_FILE = Path(__file__).resolve().parents[1] / "content" / "skills.json"


class ShippedSkills:
    def __init__(self, path: Path = SKILLS_FILE) -> None:
        self.path = path

    @property
    def ids(self) -> frozenset[str]:
        return _read(self.path)

    def unknown(self, skill_ids: list[str]) -> list[str]:
        known = self.ids
        return [s for s in dict.fromkeys(skill_ids) if s not in known]

    def by_competence(self) -> dict[str, list[str]]:
        return {code: list(ids) for code, ids in _by_competence(self.path).items()}


@cache
def _by_competence(path: Path) -> dict[str, tuple[str, ...]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {code: tuple(ids) for code, ids in data["skills"].items()}


@cache
def _read(path: Path) -> frozenset[str]:
    return frozenset(s for ids in _by_competence(path).values() for s in ids)
