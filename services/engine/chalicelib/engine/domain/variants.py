"""Which challenge of a skill to serve: a variant the learner has not seen, when there is one."""

from __future__ import annotations

import random
from collections.abc import Collection, Sequence

from chalicelib.engine.domain.content_model import Challenge


def pick_variant(
    servable: Sequence[Challenge],
    seen_challenge_ids: Collection[str],
    rng: random.Random | None = None,
) -> Challenge | None:
    """Prefer a challenge the learner has never seen, and among those one whose variant group
    ("déclinaison") they have not met either; fall back to a seen one rather than nothing.
    Ties are broken by `rng` over challenges sorted by id, or by the smallest id without it."""
    if not servable:
        return None
    seen_groups = {c.variant_group for c in servable if c.id in seen_challenge_ids}
    unseen = [c for c in servable if c.id not in seen_challenge_ids]
    fresh_groups = [c for c in unseen if c.variant_group not in seen_groups]
    pool = sorted(fresh_groups or unseen or servable, key=lambda c: c.id)
    return rng.choice(pool) if rng is not None else pool[0]
