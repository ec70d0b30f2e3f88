"""Knowledge elements and the Pix profile, with the numbers of DOMAIN.md."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chalicelib.engine.content_files import load_content
from chalicelib.engine.domain.answers import AnswerResult
from chalicelib.engine.domain.knowledge import (
    KnowledgeSource,
    KnowledgeStatus,
    knowledge_for_answer,
    latest_knowledge,
)
from chalicelib.engine.domain.profile import (
    NOT_CERTIFIABLE_MESSAGE,
    competence_score,
    compute_profile,
)
from tests.unit.engine.builders import bank_data

OK, KO = AnswerResult.OK, AnswerResult.KO
OTHERS = {"@d": "1.2", "@e": "1.3", "@f": "2.1", "@g": "2.2", "@h": "2.3"}
CONTENT = load_content(
    bank_data(
        {
            "@a": ("1.1", [1, 2, 3, 4, 5, 6, 7, 8]),
            "@b": ("1.1", [1, 2, 3]),
            "@c": ("1.1", [2, 3]),
            **{name: (code, [1, 2, 3, 4, 5, 6]) for name, code in OTHERS.items()},
        }
    )
)


def play(answers, existing=(), scope=CONTENT.skills):
    """(challenge id, result) pairs → every knowledge element, oldest first."""
    elements = list(existing)
    for index, (cid, result) in enumerate(answers):
        elements += knowledge_for_answer(
            CONTENT,
            CONTENT.challenge(cid),
            result,
            elements,
            answer_id=f"a{index}",
            scope=scope,
        )
    return elements


def test_right_answer_validates_the_skill_and_the_easier_ones_of_its_tube():
    elements = play([("c@a3-0", OK)])
    assert [(e.skill_id, e.status.value, e.source.value) for e in elements] == [
        ("s@a3", "validated", "direct"),
        ("s@a1", "validated", "inferred"),
        ("s@a2", "validated", "inferred"),
    ]
    assert all(e.answer_id == "a0" for e in elements)


@pytest.mark.parametrize(
    "result", [KO, AnswerResult.PARTIALLY, AnswerResult.SKIPPED, AnswerResult.TIMED_OUT]
)
def test_any_other_result_invalidates_the_skill_and_the_harder_ones(result):
    latest = latest_knowledge(play([("c@b2-0", result)]))
    assert {k: e.status for k, e in latest.items()} == {
        "s@b2": KnowledgeStatus.INVALIDATED,
        "s@b3": KnowledgeStatus.INVALIDATED,
    }
    assert latest["s@b3"].source is KnowledgeSource.INFERRED


def test_inference_never_replaces_a_direct_element_and_latest_counts():
    elements = play([("c@a2-0", OK), ("c@a1-0", KO)])
    latest = latest_knowledge(elements)
    assert latest["s@a2"].is_direct and latest["s@a2"].is_validated
    assert latest["s@a1"].status is KnowledgeStatus.INVALIDATED
    assert latest["s@a3"].source is KnowledgeSource.INFERRED and not latest["s@a3"].is_validated
    re_answered = latest_knowledge(play([("c@a2-1", KO)], elements))
    assert not re_answered["s@a2"].is_validated


def test_inference_stays_within_the_skills_the_assessment_is_about():
    # A campaign aimed at @a2 only: its ko says nothing of @a3…@a8 for the rest of the profile.
    assert [e.skill_id for e in play([("c@a2-0", KO)], scope={"s@a2"})] == ["s@a2"]
    wider = play([("c@a2-0", KO)], scope={"s@a2", "s@a3", "s@b3"})
    assert [(e.skill_id, e.source.value) for e in wider] == [
        ("s@a2", "direct"),
        ("s@a3", "inferred"),
    ]


def test_an_inference_never_flips_an_older_inferred_element():
    # @a3 right infers @a1 and @a2 validated; a later ko on @a1 leaves @a2 as it was.
    elements = play([("c@a3-0", OK), ("c@a1-0", KO)])
    latest = latest_knowledge(elements)
    assert latest["s@a2"].is_validated and latest["s@a2"].source is KnowledgeSource.INFERRED
    assert latest["s@a1"].is_direct and not latest["s@a1"].is_validated
    assert [e.skill_id for e in elements if e.answer_id == "a1"] == [
        "s@a1",
        *(f"s@a{level}" for level in range(4, 9)),
    ]


def test_domain_numbers_pix_and_level():
    # In 1.1: 2 skills at level 1 (4 pix each), 3 at levels 2 and 3 (8/3 each), 1 above (4, capped).
    profile = compute_profile(play([("c@a4-0", OK), ("c@b3-0", OK), ("c@c2-0", OK)]))
    # level 1: 4 + 4 ; level 2: 3 × 8/3 ; level 3: 2 × 8/3 ; level 4: 4 → 25.33 → 25
    assert profile.score("1.1").pix == 25
    assert profile.score("1.1").level == 3
    assert profile.total_pix == 25


def _with_drafts_only(data: dict, skill_id: str) -> dict:
    for challenge in data["challenges"]:
        if challenge["skill"] == skill_id:
            challenge["status"] = "proposé"
    return data


def test_a_skill_without_a_validated_challenge_does_not_dilute_its_level():
    # Three level-2 skills in 1.1, one of which has only draft challenges: the other two share
    # the 8 pix of the level (4 each, not 8/3), and the draft one earns nothing.
    data = bank_data({"@a": ("1.1", [1, 2]), "@b": ("1.1", [2]), "@c": ("1.1", [2])})
    content = load_content(_with_drafts_only(data, "s@c2"))
    assert [content.pix_value(s) for s in ("s@a2", "s@b2", "s@c2")] == [4.0, 4.0, 0.0]
    assert content.pix_value("s@a1") == 4.0
    elements = []
    for cid in ("c@a2-0", "c@b2-0"):
        elements += knowledge_for_answer(
            content, content.challenge(cid), OK, elements, answer_id=cid, scope=content.skills
        )
    assert compute_profile(elements).score("1.1").pix == 12  # level 1: 4, level 2: 4 + 4


def test_exactly_8_from_three_thirds_is_level_1():
    assert competence_score("1.1", 8 / 3 + 8 / 3 + 8 / 3).pix == 8
    assert competence_score("1.1", 8 / 3 + 8 / 3 + 8 / 3).level == 1


def test_level_and_pix_are_capped_by_the_max_level():
    elements = play([("c@a8-0", OK), ("c@b3-0", OK), ("c@c3-0", OK)])  # 8 + 8 + 8 + 5 × 4 = 44
    assert compute_profile(elements).score("1.1") == competence_score("1.1", 44)
    assert (
        compute_profile(elements).score("1.1").pix,
        compute_profile(elements).score("1.1").level,
    ) == (44, 5)
    assert compute_profile(elements, max_level=4).score("1.1").pix == 32
    assert compute_profile(elements, max_level=4).score("1.1").level == 4
    assert (competence_score("1.1", 61.9).pix, competence_score("1.1", 61.9).level) == (48, 6)
    assert competence_score("1.1", 61.9, max_level=8).pix == 61


def test_max_profile_is_768_at_level_6():
    assert sum(competence_score(f"x{i}", 1000).pix for i in range(16)) == 768


def test_certifiable_needs_5_competences_at_level_1():
    four = [(f"c{name}2-0", OK) for name in ("@d", "@e", "@f", "@g")]  # 4 + 4 = 8 pix each
    not_yet = compute_profile(play(four))
    assert not_yet.certifiable_competence_count == 4
    assert not not_yet.is_certifiable
    assert not_yet.message == (
        "Votre profil n'est pas encore certifiable. Pour faire certifier votre profil, vous devez "
        "avoir obtenu un niveau supérieur à 0 dans 5 compétences minimum."
    )
    assert not_yet.message == NOT_CERTIFIABLE_MESSAGE
    five = compute_profile(play([*four, ("c@h2-0", OK)]))
    assert five.is_certifiable and five.message is None


def test_max_level_out_of_range_is_refused():
    with pytest.raises(Exception) as caught:
        compute_profile([], max_level=9)
    assert caught.value.code == "MAX_LEVEL_INVALID"


ANSWERS = st.lists(
    st.tuples(st.sampled_from(sorted(CONTENT.challenges)), st.sampled_from(list(AnswerResult))),
    max_size=25,
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers=ANSWERS, max_level=st.integers(1, 8))
def test_level_never_exceeds_the_cap(answers, max_level):
    profile = compute_profile(play(answers), max_level=max_level)
    for score in profile.scores:
        assert 0 <= score.level <= max_level
        assert score.pix <= max_level * 8
        assert score.level == score.pix // 8


@settings(max_examples=120, deadline=None)
@given(answers=ANSWERS, repeat=st.integers(0, 24))
def test_re_answering_the_same_never_double_counts(answers, repeat):
    elements = play(answers)
    if answers:
        again = answers[repeat % len(answers)]
        elements_again = play([again], elements)
        elements_twice = play([again], elements_again)
        assert compute_profile(elements_twice) == compute_profile(elements_again)
    pix = compute_profile(elements).score("1.1").pix
    assert pix <= 48


@settings(max_examples=120, deadline=None)
@given(answers=ANSWERS)
def test_inference_never_contradicts_a_direct_element(answers):
    elements = play(answers)
    last_direct = {}
    for element in elements:
        if element.is_direct:
            last_direct[element.skill_id] = element
    for skill_id, element in latest_knowledge(elements).items():
        if skill_id in last_direct:
            assert element == last_direct[skill_id]
