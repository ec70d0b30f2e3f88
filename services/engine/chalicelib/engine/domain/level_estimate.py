"""A Bayesian estimate of a learner's level in a competence, from the skills answered directly."""

from __future__ import annotations

import math
from collections.abc import Iterable

STARTING_LEVEL = 2.0
PRIOR_SPREAD = 2.0
SLOPE = 1.7
_GRID = tuple(step / 10 for step in range(0, 81))


def success_probability(ability: float, difficulty: int) -> float:
    """The model's chance that a learner of `ability` answers a skill of `difficulty` right:
    a logistic curve that passes 50 % half a level above the ability, so a learner of level N
    is expected to master (about 70 %) skills of level N."""
    return 1.0 / (1.0 + math.exp(-SLOPE * (ability - difficulty + 0.5)))


_PRIOR = tuple(-(((level - STARTING_LEVEL) / PRIOR_SPREAD) ** 2) / 2 for level in _GRID)
# Log-likelihoods on the grid, computed once per (difficulty, right): estimates run per answer.
_LOG_LIKELIHOOD = {
    (difficulty, right): tuple(
        math.log(p if right else 1.0 - p)
        for p in (success_probability(level, difficulty) for level in _GRID)
    )
    for difficulty in range(1, 9)
    for right in (True, False)
}


def estimate_level(evidence: Iterable[tuple[int, bool]]) -> float:
    """The posterior mean level given (difficulty, answered right) pairs.

    Prior: a normal curve centred on level 2 (where placement starts) with a spread of 2
    levels, over levels 0 to 8 in tenths; each direct answer multiplies it by the
    success_probability (right) or its complement (wrong). Inferred knowledge is not evidence
    of its own: it only repeats what a direct answer already said.
    """
    log_weights = list(_PRIOR)
    for difficulty, right in evidence:
        likelihood = _LOG_LIKELIHOOD[(difficulty, bool(right))]
        log_weights = [w + lk for w, lk in zip(log_weights, likelihood, strict=True)]
    top = max(log_weights)
    weights = [math.exp(w - top) for w in log_weights]
    return sum(level * w for level, w in zip(_GRID, weights, strict=True)) / sum(weights)
