"""A challenge as a learner sees it: the question, never its solutions."""

from __future__ import annotations

from typing import Any

from chalicelib.engine.domain.content_model import Challenge, Media


def learner_view(challenge: Challenge) -> dict[str, Any]:
    """Instruction, proposals, fields, media and timer; the solutions stay on the server."""
    return {
        "challenge_id": challenge.id,
        "type": challenge.type.value,
        "instruction": challenge.instruction,
        "proposals": list(challenge.proposals),
        "fields": [{"name": f.name, "label": f.label} for f in challenge.fields],
        "image": _media(challenge.image),
        "embed": _media(challenge.embed),
        "attachment": _media(challenge.attachment),
        "timer": challenge.timer,
        "locale": challenge.locale,
    }


def _media(media: Media | None) -> dict[str, str] | None:
    return None if media is None else {"url": media.url, "label": media.label}
