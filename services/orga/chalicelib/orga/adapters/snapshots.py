"""Profile snapshots stored as compact JSON: {"1.1": [level, pix], ...}."""

from __future__ import annotations

import json

from chalicelib.orga.domain.collection_export import CompetenceResult, ProfileSnapshot

_MASTERY = "mastery"  # never a competence code


def dump_snapshot(snapshot: ProfileSnapshot) -> str:
    data: dict[str, object] = {code: [r.level, r.pix] for code, r in snapshot.competences.items()}
    if snapshot.mastery_percentage is not None:
        data[_MASTERY] = [
            snapshot.mastery_percentage,
            snapshot.target_skill_count,
            snapshot.validated_target_skill_count,
        ]
    return json.dumps(data)


def load_snapshot(text: str | None) -> ProfileSnapshot | None:
    if text is None:
        return None
    data = json.loads(text)
    mastery = data.pop(_MASTERY, None) or [None, None, None]
    return ProfileSnapshot(
        {code: CompetenceResult(level, pix) for code, (level, pix) in data.items()},
        target_skill_count=mastery[1],
        validated_target_skill_count=mastery[2],
        mastery_percentage=mastery[0],
    )
