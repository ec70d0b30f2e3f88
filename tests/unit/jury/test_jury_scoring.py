"""DOMAIN.md's scoring, row by row and edge by edge."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chalicelib.jury.domain.scoring import (
    CANCELLATION_COMMENT,
    Level,
    Mark,
    ScoredAnswer,
    Status,
    competence_counts,
    mark_for,
    reproducibility_rate,
    round_half_up,
    score,
    trust_threshold,
)
from pixcore.referential import COMPETENCE_CODES

V, D, I = Mark.V, Mark.D, Mark.I  # noqa: E741

# DOMAIN.md's table: questions, correct, neutralised, then rate ≥ 80 / 70–80 / < 70.
ROWS = [
    (3, 3, 0, (V, V, V)),
    (3, 2, 0, (V, D, D)),
    (3, 2, 1, (V, V, V)),
    (3, 1, 0, (I, I, I)),
    (3, 1, 1, (V, D, I)),
    (3, 1, 2, (V, V, D)),
    (3, 0, 0, (I, I, I)),
    (3, 0, 1, (I, I, I)),
    (3, 0, 2, (I, I, I)),
    (3, 0, 3, (I, I, I)),
    (2, 2, 0, (V, V, V)),
    (2, 1, 0, (V, D, I)),
    (2, 1, 1, (V, V, D)),
    (2, 0, 0, (I, I, I)),
    (2, 0, 1, (I, I, I)),
    (2, 0, 2, (I, I, I)),
    (1, 1, 0, (V, V, D)),
    (1, 0, 0, (I, I, I)),
    (1, 0, 1, (I, I, I)),
]
RATES = (90, 75, 60)
TARGET = "1.1"
FILLERS = [c for c in COMPETENCE_CODES if c != TARGET]
PROFILE_LEVEL = Level(4, 36)


def answers_of(competence: str, questions: int, correct: int, neutralized: int, start: int = 1):
    results = ["ok"] * correct + ["ko"] * (questions - correct - neutralized)
    made = [ScoredAnswer(start + i, competence, "QCU", r) for i, r in enumerate(results)]
    made += [
        ScoredAnswer(start + len(made) + i, competence, "QCU", "ko", neutralized=True)
        for i in range(neutralized)
    ]
    return made


def with_rate(target: list[ScoredAnswer], rate: int) -> list[ScoredAnswer]:
    """Adds filler competences (3 questions each) until the course's rate is exactly `rate`."""
    kept = [a for a in target if not a.neutralized]
    ok = sum(a.correct for a in kept)
    for filler in range(3, 46, 3):
        for filler_ok in range(filler + 1):
            total = len(kept) + filler
            if round_half_up(ok + filler_ok, total) != rate:
                continue
            course, number = list(target), len(target) + 1
            remaining = filler_ok
            for code in FILLERS[: filler // 3]:
                good = min(3, remaining)
                remaining -= good
                course += answers_of(code, 3, good, 0, number)
                number += 3
            assert reproducibility_rate(course) == rate
            return course
    raise AssertionError(f"no filler gives {rate} %")


def profile_for(course: list[ScoredAnswer]) -> dict[str, Level]:
    return {a.competence: PROFILE_LEVEL for a in course}


def target_mark(course: list[ScoredAnswer], max_level: int = 6) -> tuple[int, int]:
    result = score(course, profile_for(course), max_level)
    found = {m.competence: (m.level, m.pix) for m in result.competences}
    return found[TARGET]


EXPECTED = {V: (4, 36), D: (3, 28), I: (0, 0)}


@pytest.mark.parametrize(("questions", "correct", "neutralized", "marks"), ROWS)
def test_every_row_of_the_table(questions, correct, neutralized, marks):
    for rate, expected in zip(RATES, marks, strict=True):
        assert mark_for(questions, correct, neutralized, rate) is expected
        course = with_rate(answers_of(TARGET, questions, correct, neutralized), rate)
        assert target_mark(course) == EXPECTED[expected], (rate, expected)


@pytest.mark.parametrize(
    ("rate", "expected"),
    [(80, (4, 36)), (79, (3, 28)), (70, (3, 28)), (69, (0, 0))],
)
def test_band_edges_80_and_70(rate, expected):
    # 2 questions, 1 correct: V at 80 % and above, D from 70 to 79 %, I below 70 %.
    course = with_rate(answers_of(TARGET, 2, 1, 0), rate)
    assert reproducibility_rate(course) == rate
    assert target_mark(course) == expected


def test_band_edge_50_rejects_below():
    course = with_rate(answers_of(TARGET, 3, 3, 0), 50)
    at_50 = score(course, profile_for(course), 6)
    course = with_rate(answers_of(TARGET, 3, 3, 0), 49)
    at_49 = score(course, profile_for(course), 6)
    assert (at_50.status, at_50.rate) == (Status.VALIDATED, 50)
    assert at_50.pix > 0
    assert (at_49.status, at_49.rate, at_49.pix) == (Status.REJECTED, 49, 0)
    assert all((m.level, m.pix) == (0, 0) for m in at_49.competences)


def test_the_rate_is_rounded_half_up():
    assert round_half_up(1, 8) == 13  # 12.5 %
    assert round_half_up(159, 200) == 80  # 79.5 %
    assert round_half_up(158, 200) == 79
    assert round_half_up(2, 3) == 67


def test_neutralised_questions_leave_the_rate():
    course = answers_of("1.1", 3, 1, 1) + answers_of("1.2", 3, 3, 0, 4)
    assert reproducibility_rate(course) == 80  # 4 correct of 5 kept


@pytest.mark.parametrize(
    ("results", "counts"),
    [
        (["ok"], (2, 2, 0)),
        (["partially"], (2, 1, 0)),
        (["ko"], (2, 0, 0)),
        (["ok", "ko"], (3, 2, 0)),
        (["partially", "ok"], (3, 2, 0)),
        (["partially", "ko"], (3, 1, 0)),
    ],
)
def test_a_qrocm_dep_counts_double_under_three_questions(results, counts):
    types = ["QROCM-dep", "QCU"]
    answers = [ScoredAnswer(i + 1, "1.1", types[i], r) for i, r in enumerate(results)]
    assert competence_counts(answers) == counts


def test_a_qrocm_dep_counts_once_with_three_questions():
    answers = [
        ScoredAnswer(1, "1.1", "QROCM-dep", "ok"),
        ScoredAnswer(2, "1.1", "QCU", "ko"),
        ScoredAnswer(3, "1.1", "QCU", "ko"),
    ]
    assert competence_counts(answers) == (3, 1, 0)
    partially = [ScoredAnswer(1, "1.1", "QROCM-dep", "partially"), *answers[1:]]
    assert competence_counts(partially) == (3, 0, 0)


def test_a_neutralised_qrocm_dep_counts_two_neutralised():
    answers = [
        ScoredAnswer(1, "1.1", "QROCM-dep", "ko", neutralized=True),
        ScoredAnswer(2, "1.1", "QCU", "ok"),
    ]
    assert competence_counts(answers) == (3, 1, 2)


def test_levels_and_pix_are_capped_at_the_max_level_of_the_course():
    course = answers_of("1.1", 3, 3, 0) + answers_of("1.2", 3, 3, 0, 4)
    profile = {"1.1": Level(7, 60), "1.2": Level(3, 30)}
    result = score(course, profile, max_level=5)
    marks = {m.competence: (m.level, m.pix) for m in result.competences}
    assert marks == {"1.1": (5, 40), "1.2": (3, 30)}
    assert result.pix == 70
    assert result.status is Status.VALIDATED


def test_a_downgrade_from_level_one_certifies_nothing():
    course = with_rate(answers_of(TARGET, 3, 2, 0), 75)
    result = score(course, {**profile_for(course), TARGET: Level(1, 12)}, 6)
    assert {m.competence: m.level for m in result.competences}[TARGET] == 0


def test_total_zero_is_rejected_with_a_rate_above_50():
    course = answers_of("1.1", 3, 1, 0) + answers_of("1.2", 1, 1, 0, 4)
    result = score(course, {"1.1": Level(2, 16), "1.2": Level(1, 8)}, 6)
    # 2 correct of 4 = 50 %: 1.1 is I, 1.2 (1 of 1, < 70 %) is D → level 0.
    assert (result.rate, result.pix, result.status) == (50, 0, Status.REJECTED)


@pytest.mark.parametrize(("n", "threshold"), [(15, 10), (20, 14), (48, 32), (50, 33), (100, 66)])
def test_trust_threshold_is_ceil_of_66_percent(n, threshold):
    assert trust_threshold(n) == threshold


def test_too_many_neutralised_questions_cancel_then_restore():
    def course(neutralized: int) -> list[ScoredAnswer]:
        made = answers_of("1.1", 3, 3, 0)
        for code in FILLERS[:4]:
            made += answers_of(code, 3, 3, 0, len(made) + 1)
        return [
            ScoredAnswer(
                a.question_number, a.competence, a.challenge_type, a.result, i < neutralized
            )
            for i, a in enumerate(made)
        ]

    # 15 questions: 10 must stay → 5 neutralised is fine, 6 cancels.
    kept = score(course(5), profile_for(course(5)), 6)
    cancelled = score(course(6), profile_for(course(6)), 6)
    assert kept.status is Status.VALIDATED
    assert (cancelled.status, cancelled.pix, cancelled.comment) == (
        Status.CANCELLED,
        0,
        CANCELLATION_COMMENT,
    )


@pytest.mark.parametrize(
    ("answers", "profile", "max_level", "code"),
    [
        ([], {}, 6, "NO_ANSWERS"),
        (
            [ScoredAnswer(1, "1.1", "QCU", "ok"), ScoredAnswer(1, "1.1", "QCU", "ok")],
            {"1.1": Level(2, 16)},
            6,
            "DUPLICATE_QUESTION_NUMBER",
        ),
        ([ScoredAnswer(1, "9.9", "QCU", "ok")], {"9.9": Level(2, 16)}, 6, "UNKNOWN_COMPETENCE"),
        ([ScoredAnswer(1, "1.1", "QCU", "ok")], {}, 6, "COMPETENCE_NOT_IN_PROFILE"),
        ([ScoredAnswer(1, "1.1", "QCU", "ok")], {"1.1": Level(2, 16)}, 0, "INVALID_MAX_LEVEL"),
    ],
)
def test_inconsistent_data_is_an_error(answers, profile, max_level, code):
    result = score(answers, profile, max_level)
    assert result.status is Status.ERROR
    assert code in result.errors


# Property tests: a course of 1–3 questions in each of some competences.
RESULTS = st.sampled_from(["ok", "ko", "partially", "aband", "timedout"])
TYPES = st.sampled_from(["QCU", "QCM", "QROC", "QROCM-ind", "QROCM-dep"])


@st.composite
def courses(draw):
    codes = draw(st.lists(st.sampled_from(COMPETENCE_CODES), min_size=1, max_size=16, unique=True))
    answers, profile, number = [], {}, 1
    for code in codes:
        level = draw(st.integers(1, 8))
        profile[code] = Level(level, level * 8 + draw(st.integers(0, 7)))
        for _ in range(draw(st.integers(1, 3))):
            answers.append(
                ScoredAnswer(number, code, draw(TYPES), draw(RESULTS), draw(st.booleans()))
            )
            number += 1
    return answers, profile, draw(st.integers(1, 8))


@settings(max_examples=300, deadline=None)
@given(courses())
def test_a_score_never_exceeds_its_caps(course):
    answers, profile, max_level = course
    result = score(answers, profile, max_level)
    for mark in result.competences:
        assert 0 <= mark.level <= min(max_level, profile[mark.competence].level)
        assert 0 <= mark.pix <= min(max_level * 8, profile[mark.competence].pix)
    assert result.pix == sum(m.pix for m in result.competences)
    assert result.status in (Status.VALIDATED, Status.REJECTED, Status.CANCELLED)
    assert (result.pix > 0) == (result.status is Status.VALIDATED)


@settings(max_examples=300, deadline=None)
@given(courses(), st.data())
def test_neutralising_a_wrong_answer_never_lowers_a_score(course, data):
    """A wrong answer scores nothing: neutralising it can only help. (A `partially` right
    QROCM-dep is not one: its half credit goes with it, see the test below.)"""
    answers, profile, max_level = course
    wrong = [
        i
        for i, a in enumerate(answers)
        if a.result in ("ko", "aband", "timedout") and not a.neutralized
    ]
    if not wrong:
        return
    i = data.draw(st.sampled_from(wrong))
    a = answers[i]
    changed = [
        *answers[:i],
        ScoredAnswer(a.question_number, a.competence, a.challenge_type, a.result, True),
        *answers[i + 1 :],
    ]
    before, after = score(answers, profile, max_level), score(changed, profile, max_level)
    if after.status is Status.CANCELLED:
        return  # too few questions left to trust: cancelled by rule, not scored lower
    marks_before = {m.competence: m.pix for m in before.competences}
    assert after.pix >= before.pix
    for m in after.competences:
        assert m.pix >= marks_before.get(m.competence, 0)


def test_neutralising_a_partially_right_qrocm_dep_takes_its_half_credit_away():
    """Alone in its competence a QROCM-dep counts double: `partially` is 1 correct of 2, (2, 1, 0)
    V at 80 % and more. Neutralised, it is 0 correct and 2 neutralised: (2, 0, any), I. The
    auto-jury does neutralise it (the answer was not right) and DOMAIN.md's table then says I."""
    fillers = answers_of("1.2", 3, 3, 0, 10) + answers_of("1.3", 3, 3, 0, 20)
    partial = ScoredAnswer(1, TARGET, "QROCM-dep", "partially")
    profile = {TARGET: PROFILE_LEVEL, "1.2": PROFILE_LEVEL, "1.3": PROFILE_LEVEL}
    before = score([partial, *fillers], profile, 6)
    neutralised = ScoredAnswer(1, TARGET, "QROCM-dep", "partially", neutralized=True)
    after = score([neutralised, *fillers], profile, 6)
    assert competence_counts([partial]) == (2, 1, 0)
    assert competence_counts([neutralised]) == (2, 0, 2)
    assert {m.competence: m.pix for m in before.competences}[TARGET] == PROFILE_LEVEL.pix
    assert {m.competence: m.pix for m in after.competences}[TARGET] == 0
    assert after.pix == before.pix - PROFILE_LEVEL.pix


@settings(max_examples=100, deadline=None)
@given(courses())
def test_scoring_is_deterministic(course):
    answers, profile, max_level = course
    assert score(answers, profile, max_level) == score(list(answers), dict(profile), max_level)
    assert score(answers, profile, max_level) == score(list(reversed(answers)), profile, max_level)
