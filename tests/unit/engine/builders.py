"""Small hand-made content files for engine tests that need exact numbers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

SAMPLE_BANK = (
    Path(__file__).resolve().parents[3]
    / "services/engine/chalicelib/engine/content/sample_bank.json"
)


def qcu(cid: str, skill_id: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": cid,
        "skill": skill_id,
        "type": "QCU",
        "status": "validé",
        "instruction": f"Question {cid} ?",
        "proposals": ["oui", "non"],
        "solutions": [1],
        **extra,
    }


def bank_data(tubes: dict[str, tuple[str, list[int]]], variants: int = 2) -> dict[str, Any]:
    """A content file: tube name → (competence, levels); `variants` QCU per skill."""
    data: dict[str, Any] = {"format": "pixcert-content", "format_version": 1, "name": "test"}
    data["tubes"], data["skills"], data["challenges"] = [], [], []
    for name, (competence, levels) in tubes.items():
        data["tubes"].append(
            {"id": f"t{name}", "name": name, "title": name, "competence": competence}
        )
        for level in levels:
            sid = f"s{name}{level}"
            data["skills"].append(
                {"id": sid, "name": f"{name}{level}", "tube": f"t{name}", "level": level}
            )
            for v in range(variants):
                data["challenges"].append(
                    qcu(f"c{name}{level}-{v}", sid, variant_group=f"g{name}{level}")
                )
    return data
