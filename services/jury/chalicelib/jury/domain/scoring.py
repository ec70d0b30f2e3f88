"""Scoring a certification course (DOMAIN.md, step 7): reproducibility rate, per-competence
table, caps, total, status."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from pixcore.referential import PIX_PER_LEVEL, is_competence_code

QROCM_DEP = "QROCM-dep"
REJECTION_RATE = 50
DOWNGRADE_RATE = 70
FULL_RATE = 80
TRUST_PERCENT = 66
CANCELLATION_COMMENT = (
    "Un ou plusieurs problèmes techniques, signalés pendant la session de certification, ont "
    "affecté la qualité du test : trop de questions n'ont pas pu être passées dans de bonnes "
    "conditions pour calculer un score fiable. La certification est annulée."
)


class Status(StrEnum):
    STARTED = "started"
    VALIDATED = "validated"
    REJECTED = "rejected"
    CANCELLED = "cancelled"
    ERROR = "error"


class Mark(StrEnum):
    """A competence's certified level: V the profile's, D one level (8 pix) less, I none."""

    V = "V"
    D = "D"
    I = "I"  # noqa: E741 - the letter of DOMAIN.md's table


@dataclass(frozen=True)
class ScoredAnswer:
    question_number: int
    competence: str
    challenge_type: str
    result: str
    neutralized: bool = False

    @property
    def correct(self) -> bool:
        return self.result == "ok"


@dataclass(frozen=True)
class Level:
    level: int
    pix: int


@dataclass(frozen=True)
class CompetenceScore:
    competence: str
    level: int
    pix: int


@dataclass(frozen=True)
class Score:
    status: Status
    rate: int | None
    pix: int
    competences: tuple[CompetenceScore, ...]
    errors: tuple[str, ...] = ()
    comment: str | None = None


# (questions, correct, neutralised) → marks for rate ≥ 80, 70–80, < 70. None: any neutralised.
TABLE: dict[tuple[int, int, int | None], tuple[Mark, Mark, Mark]] = {
    (3, 3, 0): (Mark.V, Mark.V, Mark.V),
    (3, 2, 0): (Mark.V, Mark.D, Mark.D),
    (3, 2, 1): (Mark.V, Mark.V, Mark.V),
    (3, 1, 0): (Mark.I, Mark.I, Mark.I),
    (3, 1, 1): (Mark.V, Mark.D, Mark.I),
    (3, 1, 2): (Mark.V, Mark.V, Mark.D),
    (3, 0, None): (Mark.I, Mark.I, Mark.I),
    (2, 2, 0): (Mark.V, Mark.V, Mark.V),
    (2, 1, 0): (Mark.V, Mark.D, Mark.I),
    (2, 1, 1): (Mark.V, Mark.V, Mark.D),
    (2, 0, None): (Mark.I, Mark.I, Mark.I),
    (1, 1, 0): (Mark.V, Mark.V, Mark.D),
    (1, 0, None): (Mark.I, Mark.I, Mark.I),
}


def round_half_up(numerator: int, denominator: int) -> int:
    """A percentage rounded to the nearest integer, halves up (integer arithmetic, no float)."""
    return (200 * numerator + denominator) // (2 * denominator)


def reproducibility_rate(answers: Iterable[ScoredAnswer]) -> int | None:
    """Correct ÷ asked over the non-neutralised questions, as a rounded %; None if none is left."""
    kept = [a for a in answers if not a.neutralized]
    if not kept:
        return None
    return round_half_up(sum(a.correct for a in kept), len(kept))


def band(rate: int) -> int:
    """The table's column: 0 for a rate ≥ 80 %, 1 for 70–80 %, 2 below 70 %."""
    if rate >= FULL_RATE:
        return 0
    return 1 if rate >= DOWNGRADE_RATE else 2


def trust_threshold(question_count: int) -> int:
    """ceil(0.66 × N), computed on integers (0.66 × 50 is 33.000000000000004 in floating point)."""
    return -(-TRUST_PERCENT * question_count // 100)


def is_trustworthy(answers: list[ScoredAnswer]) -> bool:
    """At least ceil(0.66 × N) of the N questions must remain non-neutralised."""
    kept = sum(not a.neutralized for a in answers)
    return kept >= trust_threshold(len(answers))


def competence_counts(answers: list[ScoredAnswer]) -> tuple[int, int, int]:
    """(questions, correct, neutralised) of one competence. Under 3 questions a QROCM-dep counts
    double: `ok` is 2 correct, `partially` 1. Past 3 (two QROCM-dep), the count is read on the
    3-question scale: correct answers first, neutralised ones fill what is left."""
    double = len(answers) < 3
    questions = correct = neutralized = 0
    for a in answers:
        weight = 2 if double and a.challenge_type == QROCM_DEP else 1
        questions += weight
        if a.neutralized:
            neutralized += weight
        elif a.correct:
            correct += weight
        elif weight == 2 and a.result == "partially":
            correct += 1
    questions = min(questions, 3)
    correct = min(correct, questions)
    return questions, correct, min(neutralized, questions - correct)


def mark_for(questions: int, correct: int, neutralized: int, rate: int) -> Mark:
    """DOMAIN.md's per-competence table."""
    if questions == 0:
        return Mark.I
    key = (questions, correct, None if correct == 0 else neutralized)
    return TABLE[key][band(rate)]


def certified_level(mark: Mark, profile: Level, max_level: int) -> Level:
    """V keeps the profile's level and pix, D takes one level and 8 pix off, I certifies nothing;
    then level and pix are capped at the course's max level."""
    if mark is Mark.I:
        return Level(0, 0)
    level, pix = profile.level, profile.pix
    if mark is Mark.D:
        level, pix = level - 1, pix - PIX_PER_LEVEL
    level = max(0, min(level, max_level))
    pix = max(0, min(pix, max_level * PIX_PER_LEVEL))
    return Level(level, pix if level > 0 else 0)


def inconsistencies(
    answers: list[ScoredAnswer], profile: Mapping[str, Level], max_level: int
) -> list[str]:
    """What makes a course impossible to score: the result is `error` with these codes."""
    found = []
    if not answers:
        found.append("NO_ANSWERS")
    numbers = [a.question_number for a in answers]
    if len(set(numbers)) != len(numbers):
        found.append("DUPLICATE_QUESTION_NUMBER")
    if max_level < 1:
        found.append("INVALID_MAX_LEVEL")
    if any(not is_competence_code(a.competence) for a in answers):
        found.append("UNKNOWN_COMPETENCE")
    if any(a.competence not in profile for a in answers):
        found.append("COMPETENCE_NOT_IN_PROFILE")
    if any(mark.level < 0 or mark.pix < 0 for mark in profile.values()):
        found.append("NEGATIVE_PROFILE")
    return found


def score(answers: list[ScoredAnswer], profile: Mapping[str, Level], max_level: int) -> Score:
    """The whole result of a course: error, cancelled, rejected or validated."""
    errors = inconsistencies(answers, profile, max_level)
    if errors:
        return Score(Status.ERROR, None, 0, (), tuple(errors))
    if not is_trustworthy(answers):
        return Score(Status.CANCELLED, None, 0, (), comment=CANCELLATION_COMMENT)
    rate = reproducibility_rate(answers)
    assert rate is not None  # a trustworthy course keeps at least one question
    by_competence: dict[str, list[ScoredAnswer]] = {}
    for a in answers:
        by_competence.setdefault(a.competence, []).append(a)
    if rate < REJECTION_RATE:
        zero = tuple(CompetenceScore(c, 0, 0) for c in sorted(by_competence))
        return Score(Status.REJECTED, rate, 0, zero)
    marks = []
    for code in sorted(by_competence):
        mark = mark_for(*competence_counts(by_competence[code]), rate)
        certified = certified_level(mark, profile[code], max_level)
        marks.append(CompetenceScore(code, certified.level, certified.pix))
    total = sum(m.pix for m in marks)
    status = Status.VALIDATED if total > 0 else Status.REJECTED
    return Score(status, rate, total, tuple(marks))
