"""The certification test drawn from the profile (DOMAIN Step 5, point 4)."""

from __future__ import annotations

import random

import pytest

from chalicelib.engine.domain.answers import AnswerResult
from chalicelib.engine.domain.certification_test import generate_certification_test
from chalicelib.engine.domain.knowledge import knowledge_for_answer
from infra.samples.simulated_learner import SimulatedLearner, run_competence_evaluation
from pixcore.errors import RuleViolation
from pixcore.referential import COMPETENCE_CODES


def validated(content, challenge_ids, results=None):
    elements = []
    for cid in challenge_ids:
        result = (results or {}).get(cid, AnswerResult.OK)
        elements += knowledge_for_answer(
            content, content.challenge(cid), result, elements, answer_id=cid, scope=content.skills
        )
    return elements


FIVE = ["1.2", "1.3", "2.1", "2.2", "2.3"]


def test_hardest_directly_validated_skills_first_three_per_competence(make_bank):
    tubes = {f"@{n}": (code, [1, 2, 3, 4]) for n, code in zip("defgh", FIVE, strict=True)}
    content = make_bank(tubes)
    answered = [f"c@{n}{level}-0" for n in "defgh" for level in (1, 2, 3, 4)]
    test = generate_certification_test(
        content, validated(content, answered), seen_challenge_ids=set(answered)
    )
    assert len(test.challenges) == 15
    first = test.challenges_of("1.2")
    assert [c.level for c in first] == [4, 3, 2]
    assert len({c.skill_id for c in test.challenges}) == 15
    assert all(c.challenge_id.endswith("-1") for c in test.challenges)  # the unseen variant
    assert [c.competence_code for c in test.challenges] == sorted(
        c.competence_code for c in test.challenges
    )


def test_inferred_skills_are_not_used_and_fewer_skills_give_fewer_questions(make_bank):
    content = make_bank({f"@{n}": (code, [1, 2, 3]) for n, code in zip("defgh", FIVE, strict=True)})
    # one hard right answer per competence: level 3 direct, levels 1–2 only inferred
    test = generate_certification_test(content, validated(content, [f"c@{n}3-0" for n in "defgh"]))
    assert len(test.challenges) == 5
    assert all(c.level == 3 for c in test.challenges)
    assert test.is_shorter_than_usual


def test_a_non_certifiable_profile_gets_no_test(make_bank):
    content = make_bank({"@d": ("1.2", [1, 2, 3])})
    with pytest.raises(RuleViolation) as caught:
        generate_certification_test(content, validated(content, ["c@d3-0"]))
    assert caught.value.code == "PROFILE_NOT_CERTIFIABLE"


def test_a_simulated_candidate_gets_15_to_48_questions_in_a_fixed_order(sample_bank):
    rng = random.Random(3)
    learner = SimulatedLearner({code: 3.5 for code in COMPETENCE_CODES})
    elements, seen = [], set()
    for code in COMPETENCE_CODES:
        run = run_competence_evaluation(
            sample_bank, learner, code, rng, knowledge_elements=elements
        )
        elements, seen = run.knowledge_elements, seen | set(run.asked_challenge_ids)
    test = generate_certification_test(sample_bank, elements, seen_challenge_ids=seen)
    again = generate_certification_test(sample_bank, elements, seen_challenge_ids=seen)
    assert 15 <= len(test.challenges) <= 48
    assert test == again
    assert not seen & {c.challenge_id for c in test.challenges}
    for code in COMPETENCE_CODES:
        picked = test.challenges_of(code)
        assert len(picked) <= 3
        assert [c.level for c in picked] == sorted((c.level for c in picked), reverse=True)
