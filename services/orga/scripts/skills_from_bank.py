"""Writes the skill ids orga accepts as campaign targets from the learning content engine serves.

Run it whenever the bank changes (a test fails until it is run):
    .venv/bin/python services/orga/scripts/skills_from_bank.py [path/to/bank.json]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
BANK = ROOT / "services/engine/chalicelib/engine/content/sample_bank.json"
TARGET = ROOT / "services/orga/chalicelib/orga/content/skills.json"


def skills_of(bank: dict) -> dict[str, object]:
    """The bank's name and, by competence, the ids of its skills that have a served challenge."""
    served = {c["skill"] for c in bank["challenges"] if c.get("status") == "validé"}
    tubes = {t["id"]: t["competence"] for t in bank["tubes"]}
    by_competence: dict[str, list[str]] = {}
    for skill in bank["skills"]:
        if skill["id"] in served:
            by_competence.setdefault(tubes[skill["tube"]], []).append(skill["id"])
    return {
        "bank": bank.get("name", ""),
        "skills": {code: sorted(ids) for code, ids in sorted(by_competence.items())},
    }


def main() -> None:
    bank = Path(sys.argv[1]) if len(sys.argv) > 1 else BANK
    data = skills_of(json.loads(bank.read_text(encoding="utf-8-sig")))
    TARGET.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{sum(len(v) for v in data['skills'].values())} skills written to {TARGET}")


if __name__ == "__main__":
    main()
