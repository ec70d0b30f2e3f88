"""Profile snapshots stored as compact JSON: {"1.1": [level, pix], ...}."""

from __future__ import annotations

import json

from chalicelib.orga.domain.collection_export import CompetenceResult, ProfileSnapshot


def dump_snapshot(snapshot: ProfileSnapshot) -> str:
    return json.dumps({code: [r.level, r.pix] for code, r in snapshot.competences.items()})


def load_snapshot(text: str | None) -> ProfileSnapshot | None:
    if text is None:
        return None
    return ProfileSnapshot(
        {code: CompetenceResult(level, pix) for code, (level, pix) in json.loads(text).items()}
    )
