"""Taking the test (fakes, fixed clock): question k of N, one answer each, the server's clock,
resume, the end screen."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest

from chalicelib.engine.domain.content_model import ChallengeType
from chalicelib.engine.use_cases import certification_delivery as delivery
from chalicelib.engine.use_cases import course_messages
from infra.samples.simulated_learner import right_value, wrong_value
from pixcore.errors import Conflict, Forbidden, NotFound
from pixcore.principal import EXAMINER, Principal
from tests.unit.engine.course_builders import NINE
from tests.unit.engine.course_world import CourseWorld


@pytest.fixture
def world(sample_bank) -> CourseWorld:
    return CourseWorld(sample_bank)


@pytest.fixture
def zoe(world) -> Principal:
    candidate = world.candidate()
    world.start(candidate)
    return candidate


def current(world: CourseWorld, user: Principal) -> delivery.NextQuestion:
    shown = delivery.next_question(world.ports, user, "course-1")
    assert shown is not None
    return shown


def test_a_course_not_created_yet_reads_as_generating(world):
    view = delivery.course_status(world.ports, Principal("zoe"), "course-1")
    assert view.state == "generating" and view.retry_after_seconds == 1
    assert view.question_count is None and not view.end_screen


def test_the_candidate_reads_question_count_and_deadline_once_started(world, zoe):
    world.clock.advance(minutes=5)
    view = delivery.course_status(world.ports, zoe, "course-1")
    assert view.state == "started" and view.question_count == 48
    assert view.deadline == NINE + timedelta(minutes=105) and view.remaining_seconds == 100 * 60
    assert view.current_question_number == 1 and view.answered_count == 0


def test_only_the_candidate_reads_or_answers_their_course(world, zoe):
    mallory = Principal("mallory")
    examiner = Principal("exam-1", EXAMINER, session_id="session-7")
    question = current(world, zoe).challenge.id
    for intruder, code in ((mallory, "COURSE_NOT_OWNED"), (examiner, "EXAMINER_TOKEN")):
        for attempt in (
            lambda u: delivery.course_status(world.ports, u, "course-1"),
            lambda u: delivery.next_question(world.ports, u, "course-1"),
            lambda u: world.answer(u, question, skip=True),
            lambda u: delivery.confirm_end_screen(world.ports, u, "course-1"),
        ):
            with pytest.raises(Forbidden) as caught:
                attempt(intruder)
            assert caught.value.code == code
    assert world.course().answers == ()


def test_questions_come_in_order_without_solutions_and_cannot_be_gone_back_to(world, zoe):
    first = current(world, zoe)
    assert (first.question_number, first.question_count) == (1, 48)
    assert first.challenge.id == world.course().questions[0].challenge_id
    skipped = world.answer(zoe, first.challenge.id, skip=True)
    assert skipped.question_number == 1 and skipped.next is not None
    assert skipped.next.question_number == 2 and current(world, zoe) == skipped.next
    with pytest.raises(Conflict) as caught:
        world.answer(zoe, world.course().questions[5].challenge_id, value="1")
    assert caught.value.code == "CHALLENGE_NOT_CURRENT"
    with pytest.raises(Conflict) as caught:
        world.answer(zoe, first.challenge.id, value="1")
    assert caught.value.code == "ANSWER_ALREADY_GIVEN"
    assert world.course().answers[0].result.value == "aband"


def test_the_same_answer_again_gets_the_same_response(world, zoe):
    challenge = current(world, zoe).challenge
    value = right_value(challenge, random.Random(1))
    first = world.answer(zoe, challenge.id, value=value)
    again = world.answer(zoe, challenge.id, value=value)
    assert again == first and len(world.course().answers) == 1
    assert world.course().answers[0].result.value == "ok"


def test_free_answers_are_checked_as_in_placement(world, zoe, sample_bank):
    rng = random.Random(4)
    results = {}
    for question in world.course().questions[:12]:
        challenge = sample_bank.challenge(question.challenge_id)
        right = rng.random() < 0.5
        value = right_value(challenge, rng) if right else wrong_value(challenge, rng)
        world.answer(zoe, challenge.id, value=value)
        results[challenge.id] = (challenge.type, "ok" if right else "ko")
    recorded = {a.challenge_id: a.result.value for a in world.course().answers}
    assert recorded == {cid: expected for cid, (_, expected) in results.items()}
    assert any(kind is ChallengeType.QROC for kind, _ in results.values())


def test_a_timed_challenge_answered_after_its_timer_is_timed_out(world, sample_bank):
    zoe = world.candidate(levels={code: 8 for code in ("1.1", "1.2", "1.3", "2.1", "2.2")})
    world.start(zoe)
    questions = world.course().questions
    timed = next(i for i, q in enumerate(questions) if q.features.timer)
    for question in questions[:timed]:
        world.clock.advance(seconds=10)
        world.answer(zoe, question.challenge_id, skip=True)
    challenge = sample_bank.challenge(questions[timed].challenge_id)
    world.clock.advance(seconds=challenge.timer + 1)
    world.answer(zoe, challenge.id, value=right_value(challenge, random.Random(2)))
    answer = world.course().answers[timed]
    assert answer.result.value == "timedout" and answer.time_spent_seconds == challenge.timer + 1


def test_after_the_deadline_no_answer_is_accepted_and_the_end_screen_follows(world, zoe):
    first = current(world, zoe).challenge.id
    world.answer(zoe, first, skip=True)
    world.clock.advance(minutes=105)
    second = world.course().questions[1].challenge_id
    with pytest.raises(Conflict) as caught:
        world.answer(zoe, second, value="1")
    assert caught.value.code == "CERTIFICATION_TIME_OVER"
    course = world.course()
    assert course.state.value == "completed" and course.timed_out and course.announced
    assert len(course.answers) == 48 and course.answered_count == 1
    assert delivery.next_question(world.ports, zoe, "course-1") is None
    view = delivery.course_status(world.ports, zoe, "course-1")
    assert view.end_screen and view.remaining_seconds == 0 and view.timed_out
    [done] = world.publisher.of_type("CertificationCompleted")
    assert done.state == "completed" and done.timed_out and done.completed_at == course.deadline
    assert [a.answered for a in done.answers[:2]] == [True, False]
    with pytest.raises(Conflict) as caught:
        world.answer(zoe, second, value="1")
    assert caught.value.code == "CERTIFICATION_TIME_OVER"


def test_the_clock_closes_the_course_on_the_first_read_past_the_deadline(world, zoe):
    world.clock.advance(minutes=105, seconds=1)
    assert delivery.course_status(world.ports, zoe, "course-1").end_screen
    assert world.course().timed_out and len(world.publisher.of_type("CertificationCompleted")) == 1


def test_a_candidate_resumes_at_the_first_unanswered_question_with_the_same_deadline(world, zoe):
    for question in world.course().questions[:7]:
        world.answer(zoe, question.challenge_id, skip=True)
    deadline = world.course().deadline
    world.clock.advance(minutes=20)  # disconnected, logs in again, enters the access code
    world.start(zoe)
    resumed = current(world, zoe)
    assert resumed.question_number == 8 and resumed.deadline == deadline
    assert resumed.remaining_seconds == 85 * 60


def test_the_last_answer_completes_the_course_with_every_question(world, sample_bank):
    zoe = world.candidate(levels={code: 1 for code in ("1.1", "1.2", "1.3", "2.1", "2.2")})
    world.start(zoe)
    rng = random.Random(7)
    outcome = None
    for question in world.course().questions:
        world.clock.advance(seconds=30)
        challenge = sample_bank.challenge(question.challenge_id)
        outcome = world.answer(zoe, challenge.id, value=right_value(challenge, rng))
    assert outcome is not None and outcome.completed and outcome.next is None
    course = world.course()
    assert course.state.value == "completed" and not course.timed_out and course.announced
    [done] = world.publisher.of_type("CertificationCompleted")
    assert done.state == "completed" and len(done.answers) == course.question_count
    first = done.answers[0]
    assert first.question_number == 1 and first.result == "ok" and first.answered
    assert first.time_spent_seconds == 30 and first.skill.startswith("@")
    assert first.competence == course.questions[0].competence_code
    assert first.challenge_type == course.questions[0].challenge_type
    assert [a.question_number for a in done.answers] == list(range(1, len(done.answers) + 1))
    assert done.profile and done.verification_code == course.verification_code


def test_the_last_answer_leaves_the_announcement_to_engines_own_queue(world, zoe):
    # GIVEN engine's own queue not played yet
    world.publisher.playing = False
    questions = world.course().questions
    for question in questions:
        world.answer(zoe, question.challenge_id, skip=True)
    # THEN the last answer saved the end and sent one small message, nothing to certif or jury
    assert world.course().state.value == "completed" and not world.course().announced
    assert world.publisher.of_type("CertificationCompleted") == []
    [ended] = world.publisher.of_type("CertificationCourseEnded")
    assert ended.course_id == "course-1"
    # WHEN its consumer runs, twice (a duplicate delivery)
    course_messages.announce_ended(world.ports, ended)
    course_messages.announce_ended(world.ports, ended)
    # THEN the course is announced once, with every answer
    [done] = world.publisher.of_type("CertificationCompleted")
    assert world.course().announced and len(done.answers) == len(questions)


def test_the_end_screen_is_ticked_once_the_test_is_over(world, zoe):
    with pytest.raises(Conflict) as caught:
        delivery.confirm_end_screen(world.ports, zoe, "course-1")
    assert caught.value.code == "COURSE_NOT_ENDED"
    world.clock.advance(hours=2)
    view = delivery.confirm_end_screen(world.ports, zoe, "course-1")
    again = delivery.confirm_end_screen(world.ports, zoe, "course-1")
    assert view.end_screen_confirmed and again == view
    [ticked] = world.publisher.of_type("CertificationEndScreenConfirmed")
    assert ticked.course_id == "course-1" and ticked.candidate_id == "cand-zoe"


def test_a_lost_announcement_is_sent_again_when_the_answer_is_sent_again(world, zoe, monkeypatch):
    questions = world.course().questions
    for question in questions[:-1]:
        world.answer(zoe, question.challenge_id, skip=True)
    publish = world.publisher.publish

    def crash(*messages):  # noqa: ANN002, ANN202
        raise ConnectionError("the queue is unreachable")

    monkeypatch.setattr(world.publisher, "publish", crash)
    with pytest.raises(ConnectionError):
        world.answer(zoe, questions[-1].challenge_id, skip=True)
    monkeypatch.setattr(world.publisher, "publish", publish)
    assert world.course().state.value == "completed" and not world.course().announced
    outcome = world.answer(zoe, questions[-1].challenge_id, skip=True)
    assert outcome.completed and world.course().announced
    assert len(world.publisher.of_type("CertificationCompleted")) == 1


def test_an_unknown_course_cannot_be_answered(world):
    with pytest.raises(NotFound) as caught:
        world.answer(Principal("zoe"), "chal-x", skip=True)
    assert caught.value.code == "COURSE_NOT_FOUND"
