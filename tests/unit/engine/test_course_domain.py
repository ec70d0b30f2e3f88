"""The certification course's rules (DOMAIN Step 5): the draw, the clock, one answer per question
in order, the end."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from chalicelib.engine.domain.answers import AnswerResult
from chalicelib.engine.domain.course import (
    CourseAnswer,
    CourseState,
    check_candidate,
    check_current,
    replayed_answer,
)
from chalicelib.engine.domain.course_clock import (
    TEST_DURATION,
    AcceleratedClockRefused,
    course_duration,
    deadline_for,
)
from chalicelib.engine.domain.course_start import NOT_CERTIFIABLE, draw_test
from chalicelib.engine.domain.simulated_candidate import validated_knowledge
from pixcore.errors import Conflict, Forbidden, Invalid
from tests.unit.engine.course_builders import NINE, a_course

NOT_CERTIFIABLE_TEXT = (
    "Votre profil n'est pas encore certifiable. Pour faire certifier votre profil, vous devez "
    "avoir obtenu un niveau supérieur à 0 dans 5 compétences minimum."
)


def answered(course, index: int, minutes: float = 1.0) -> CourseAnswer:
    at = course.served_at + timedelta(minutes=minutes)
    return CourseAnswer(course.questions[index].challenge_id, AnswerResult.OK, True, "h", "1", at)


def test_the_test_lasts_1_h_45_times_the_extra_time():
    assert timedelta(hours=1, minutes=45) == TEST_DURATION
    assert deadline_for(NINE, 0) == NINE + timedelta(minutes=105)
    assert deadline_for(NINE, 33) == NINE + timedelta(hours=2, minutes=19, seconds=39)
    with pytest.raises(Invalid) as caught:
        deadline_for(NINE, -5)
    assert caught.value.code == "EXTRA_TIME_INVALID"


def test_a_shorter_test_is_honoured_on_the_local_stack_only():
    assert course_duration("local", None) == TEST_DURATION
    assert course_duration("prod", "") == TEST_DURATION
    assert course_duration("local", "90") == timedelta(seconds=90)
    for stage in ("dev", "prod"):
        with pytest.raises(AcceleratedClockRefused) as caught:
            course_duration(stage, "90")
        assert caught.value.status == 500 and caught.value.code == "ACCELERATED_CLOCK_REFUSED"
    with pytest.raises(Invalid):
        course_duration("local", "soon")


def test_a_profile_below_5_competences_at_level_1_is_refused_with_the_exact_message(sample_bank):
    four = {"1.1": 3, "1.2": 3, "2.1": 2, "3.1": 1}
    elements, seen = validated_knowledge(sample_bank, four)
    draw = draw_test(sample_bank, elements, seen, 6, "c1")
    assert draw.test is None and draw.refusal_code == NOT_CERTIFIABLE == "NOT_CERTIFIABLE"
    assert draw.refusal_message == NOT_CERTIFIABLE_TEXT
    elements, seen = validated_knowledge(sample_bank, {**four, "5.1": 1})
    assert draw_test(sample_bank, elements, seen, 6, "c1").test is not None


def test_a_strong_profile_gets_48_questions_in_a_fixed_order_and_unseen_challenges(sample_bank):
    course = a_course(sample_bank)
    again = a_course(sample_bank)
    _, seen = validated_knowledge(sample_bank, {c.competence_code: 4 for c in course.questions})
    assert course.question_count == 48 and course.questions == again.questions
    assert not seen & {q.challenge_id for q in course.questions}
    assert len({q.skill_id for q in course.questions}) == 48
    assert {s.competence_code: s.level for s in course.profile}["1.1"] == 4
    first = course.questions[0]
    assert first.skill_name.startswith("@") and first.competence_code == "1.1"
    assert course.deadline - course.started_at == TEST_DURATION


def test_questions_keep_the_features_the_auto_jury_needs(sample_bank):
    course = a_course(sample_bank, {code: 8 for code in sample_bank_codes(sample_bank)})
    for question in course.questions:
        challenge = sample_bank.challenge(question.challenge_id)
        assert question.challenge_type == challenge.type.value
        assert question.features.has_image == (challenge.image is not None)
        assert question.features.has_attachment == (challenge.attachment is not None)
        assert question.features.timer == challenge.timer
    assert any(q.features.has_image for q in course.questions)
    assert any(q.features.timer for q in course.questions)


def sample_bank_codes(content):
    return sorted({s.competence_code for s in content.skills.values()})


def test_questions_come_one_after_the_other_and_the_last_answer_completes(sample_bank):
    course = a_course(sample_bank, {"1.1": 1, "1.2": 1, "1.3": 1, "2.1": 1, "2.2": 1})
    assert course.current_number == 1 and course.served_at == NINE
    for index in range(course.question_count):
        assert course.current_question == course.questions[index]
        course = course.record(answered(course, index))
    assert course.state is CourseState.COMPLETED and course.current_question is None
    assert course.ended_at == course.answers[-1].answered_at and not course.timed_out
    assert course.answered_count == course.question_count


def test_a_question_is_timed_from_the_answer_before(sample_bank):
    course = a_course(sample_bank)
    first = answered(course, 0, minutes=3)
    course = course.record(first)
    assert course.served_at == first.answered_at == NINE + timedelta(minutes=3)


def test_past_the_deadline_the_questions_left_are_skipped_and_the_end_screen_follows(sample_bank):
    course = a_course(sample_bank).record(answered(a_course(sample_bank), 0))
    assert not course.time_is_up(course.deadline - timedelta(seconds=1))
    assert course.time_is_up(course.deadline)
    assert course.remaining(NINE + timedelta(minutes=100)) == timedelta(minutes=5)
    over = course.run_out_of_time()
    assert over.state is CourseState.COMPLETED and over.timed_out and over.ended_at == over.deadline
    assert len(over.answers) == 48 and over.answered_count == 1
    assert {a.result for a in over.answers[1:]} == {AnswerResult.SKIPPED}
    assert not any(a.answered for a in over.answers[1:])
    assert over.remaining(NINE) == timedelta(0)


def test_the_examiner_ends_a_test_and_a_test_already_out_of_time_ends_as_completed(sample_bank):
    course = a_course(sample_bank)
    ended = course.end(CourseState.ENDED_BY_SUPERVISOR, NINE + timedelta(minutes=20), "malaise")
    assert ended.state is CourseState.ENDED_BY_SUPERVISOR and ended.end_reason == "malaise"
    assert len(ended.answers) == 48 and ended.answered_count == 0 and not ended.timed_out
    late = course.end(CourseState.ENDED_DUE_TO_FINALIZATION, NINE + timedelta(hours=3), None)
    assert late.state is CourseState.COMPLETED and late.timed_out


def test_only_the_current_question_may_be_answered(sample_bank):
    course = a_course(sample_bank)
    check_current(course, course.questions[0].challenge_id)
    with pytest.raises(Conflict) as caught:
        check_current(course, course.questions[1].challenge_id)
    assert caught.value.code == "CHALLENGE_NOT_CURRENT"
    assert caught.value.details == {"current_question_number": 1}


def test_an_answer_given_again_is_found_and_a_different_one_is_refused(sample_bank):
    course = a_course(sample_bank)
    course = course.record(replace(answered(course, 0), value_hash="same"))
    first = course.questions[0].challenge_id
    assert replayed_answer(course, first, "same") == 0
    assert replayed_answer(course, course.questions[1].challenge_id, "x") is None
    with pytest.raises(Conflict) as caught:
        replayed_answer(course, first, "other")
    assert caught.value.code == "ANSWER_ALREADY_GIVEN"
    over = course.run_out_of_time()
    with pytest.raises(Conflict) as caught:
        replayed_answer(over, over.questions[5].challenge_id, "x")
    assert caught.value.code == "CERTIFICATION_TIME_OVER"


def test_only_the_candidate_reads_the_course():
    check_candidate("zoe", "zoe")
    with pytest.raises(Forbidden) as caught:
        check_candidate("mallory", "zoe")
    assert caught.value.code == "COURSE_NOT_OWNED"
