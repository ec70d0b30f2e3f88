"""Placement over generated banks: an evaluation ends only when nothing informative is left, so a
learner's level is the one their answers to every skill would give (no cap under-rates them)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from chalicelib.engine.content_files import load_content
from chalicelib.engine.domain.knowledge import KnowledgeElement as Element
from chalicelib.engine.domain.knowledge import KnowledgeSource, KnowledgeStatus
from chalicelib.engine.domain.profile import compute_profile
from pixcore.principal import Principal
from tests.unit.engine.builders import bank_data
from tests.unit.engine.use_case_fakes import World

# A tube's skills go from level 1 or 2 up to its hardest one, as in real banks.
LEVELS = st.tuples(st.integers(1, 2), st.integers(1, 8)).map(
    lambda bounds: list(range(bounds[0], max(bounds) + 1))
)
BANKS = st.lists(LEVELS, min_size=1, max_size=12)


def banks_of(tubes: list[list[int]]):  # noqa: ANN201
    return load_content(bank_data({f"@t{chr(97 + i)}": ("1.1", lv) for i, lv in enumerate(tubes)}))


def truth(content, true_level: int) -> list[Element]:  # noqa: ANN001
    """Every skill answered: right up to the learner's true level, wrong above."""
    return [
        Element(
            s.id,
            s.tube_id,
            s.competence_code,
            KnowledgeStatus.VALIDATED if s.level <= true_level else KnowledgeStatus.INVALIDATED,
            KnowledgeSource.DIRECT,
            content.pix_value(s.id) if s.level <= true_level else 0.0,
            "truth",
        )
        for s in content.skills_of_competence("1.1")
    ]


def evaluate(content, true_level: int, seed: int) -> tuple[object, int]:  # noqa: ANN001
    """A competence evaluation of 1.1 through the use cases, answered right exactly up to
    `true_level`; the competence's score and how many answers it took."""
    zoe, world = Principal(f"zoe-{seed}"), World(content)
    assessment_id = world.start(zoe, "1.1").assessment.id
    current, answered = world.next(zoe, assessment_id), 0
    while current is not None:
        right = content.skill_of(current).level <= true_level
        current = world.answer(zoe, assessment_id, current.id, "1" if right else "2").next
        answered += 1
    elements = world.store.knowledge(zoe.user_id).elements.values()
    return compute_profile(elements).score("1.1"), answered


@settings(max_examples=60, deadline=None)
@given(tubes=BANKS, true_level=st.integers(0, 8), seed=st.integers(0, 9))
def test_an_exact_learner_ends_at_the_level_of_their_answers_to_every_skill(
    tubes, true_level, seed
):
    # GIVEN a competence of up to 12 tubes and a learner right exactly up to their level
    content = banks_of(tubes)
    # WHEN they take the competence evaluation to its end
    reached, _ = evaluate(content, true_level, seed)
    # THEN their level and pix are those of answering every skill
    assert reached == compute_profile(truth(content, true_level)).score("1.1")


def test_twelve_tubes_of_six_levels_rate_true_levels_2_4_and_6_exactly():
    # The review's case: with 20 answers at most, these learners ended at 1, 3 and 5.
    content = banks_of([list(range(1, 7))] * 12)
    for true_level in (2, 4, 6):
        for seed in range(10):
            reached, answered = evaluate(content, true_level, seed)
            assert reached.level == true_level, (seed, answered)
