"""Courses ended from outside (examiner, finalisation) and published (fakes, fixed clock)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from chalicelib.engine.domain.course import CourseState
from chalicelib.engine.use_cases import certification_delivery as delivery
from chalicelib.engine.use_cases import certification_end
from pixcore.messages.catalog import (
    CertificationEndRequested,
    FinalizedCandidate,
    PublishedResult,
    SessionFinalized,
    SessionPublished,
)
from tests.unit.engine.course_builders import NINE
from tests.unit.engine.course_world import CourseWorld


def end_request(course_id: str = "course-1", minutes: int = 30) -> CertificationEndRequested:
    return CertificationEndRequested(
        course_id=course_id,
        session_id="session-7",
        candidate_id="cand-zoe",
        reason="Le candidat a quitté la salle.",
        requested_at=NINE + timedelta(minutes=minutes),
    )


def finalized(*course_ids: str, minutes: int = 100) -> SessionFinalized:
    return SessionFinalized(
        session_id="session-7",
        center_id="center-3",
        center_name="Collège Victor-Hugo",
        session_date=NINE.date(),
        examiners="Mme Benoît",
        finalized_at=NINE + timedelta(minutes=minutes),
        occurred_at=NINE + timedelta(minutes=minutes),
        candidates=[
            FinalizedCandidate(
                candidate_id=f"cand-{i}",
                course_id=course_id,
                first_name="Zoé",
                last_name="Lefèvre",
                birthdate=NINE.date() - timedelta(days=5000),
            )
            for i, course_id in enumerate(course_ids)
        ],
    )


@pytest.fixture
def world(sample_bank) -> CourseWorld:
    return CourseWorld(sample_bank)


def test_the_examiner_ends_a_test_with_a_reason_and_its_answers_go_out(world):
    zoe = world.candidate()
    world.start(zoe)
    first = world.course().questions[0].challenge_id
    world.answer(zoe, first, skip=True)
    world.clock.advance(minutes=31)
    certification_end.end_by_supervisor(world.ports, end_request())
    course = world.course()
    assert course.state.value == "ended_by_supervisor" and course.announced
    assert course.ended_at == NINE + timedelta(minutes=30) and len(course.answers) == 48
    [done] = world.publisher.of_type("CertificationCompleted")
    assert (
        done.state == "ended_by_supervisor" and done.end_reason == "Le candidat a quitté la salle."
    )
    assert [a.answered for a in done.answers[:2]] == [True, False]
    assert delivery.course_status(world.ports, zoe, "course-1").end_screen
    # a repeat (another message id) or a later finalisation changes nothing
    certification_end.end_by_supervisor(world.ports, end_request())
    certification_end.end_at_finalization(world.ports, finalized("course-1"))
    assert world.course() == course and len(world.publisher.of_type("CertificationCompleted")) == 1


def test_an_end_before_the_course_exists_is_retried_later_and_a_refused_start_has_none(world):
    with pytest.raises(certification_end.CourseNotYetKnown):
        certification_end.end_by_supervisor(world.ports, end_request())
    world.start(world.candidate("ines", {"1.1": 1}))
    certification_end.end_by_supervisor(world.ports, end_request())
    assert world.publisher.of_type("CertificationCompleted") == []


def test_the_finalisation_ends_the_courses_still_running_and_leaves_the_others(world):
    zoe, lea = world.candidate("zoe"), world.candidate("lea")
    world.start(zoe, "course-1")
    world.start(lea, "course-2")
    certification_end.end_by_supervisor(world.ports, end_request("course-1"))
    ended = world.course("course-1")
    certification_end.end_at_finalization(world.ports, finalized("course-1", "course-2"))
    assert world.course("course-1") == ended
    running = world.course("course-2")
    assert running.state.value == "ended_due_to_finalization" and running.announced
    assert running.ended_at == NINE + timedelta(minutes=100)
    states = [m.state for m in world.publisher.of_type("CertificationCompleted")]
    assert states == ["ended_by_supervisor", "ended_due_to_finalization"]


def test_a_finalisation_before_a_start_is_handled_waits_for_it_and_then_ends_it(world):
    world.start(world.candidate("lea"), "course-2")
    with pytest.raises(certification_end.CourseNotYetKnown):
        certification_end.end_at_finalization(world.ports, finalized("course-1", "course-2"))
    assert world.course("course-2").state.value == "ended_due_to_finalization"
    world.start(world.candidate(), "course-1")  # the start request handled late
    certification_end.end_at_finalization(world.ports, finalized("course-1", "course-2"))
    assert world.course("course-1").state.value == "ended_due_to_finalization"
    states = [m.state for m in world.publisher.of_type("CertificationCompleted")]
    assert states == ["ended_due_to_finalization"] * 2


def test_a_finalisation_stops_waiting_for_a_start_that_never_comes(world):
    message = finalized("course-1", minutes=100)
    world.clock.advance(minutes=114)
    with pytest.raises(certification_end.CourseNotYetKnown):
        certification_end.end_at_finalization(world.ports, message)
    world.clock.advance(minutes=2)
    certification_end.end_at_finalization(world.ports, message)
    assert world.courses.get("course-1") is None


def test_a_finalisation_does_not_wait_for_a_refused_start(world):
    world.start(world.candidate("ines", {"1.1": 1}), "course-1")
    certification_end.end_at_finalization(world.ports, finalized("course-1"))
    assert world.publisher.of_type("CertificationCompleted") == []


def test_the_finalisation_finds_the_sessions_courses_without_their_ids(world):
    world.start(world.candidate(), "course-1")
    certification_end.end_at_finalization(world.ports, finalized())
    assert world.course().state.value == "ended_due_to_finalization"


def test_a_course_out_of_time_at_finalisation_ends_as_completed(world):
    world.start(world.candidate())
    certification_end.end_at_finalization(world.ports, finalized(minutes=200))
    course = world.course()
    assert course.state.value == "completed" and course.timed_out


def test_the_finalisation_sends_again_an_end_whose_announcement_was_lost(world):
    world.start(world.candidate())
    world.courses.save(world.course().end(CourseState.ENDED_BY_SUPERVISOR, NINE, "x"))
    certification_end.end_at_finalization(world.ports, finalized("course-1"))
    assert len(world.publisher.of_type("CertificationCompleted")) == 1 and world.course().announced


def test_a_published_session_marks_its_courses(world):
    zoe = world.candidate()
    world.start(zoe)
    certification_end.end_at_finalization(world.ports, finalized("course-1"))
    result = PublishedResult(
        course_id="course-1",
        candidate_id="cand-zoe",
        status="validated",
        pix=200,
        competences=[],
        verification_code=world.course().verification_code,
        first_name="Zoé",
        last_name="Lefèvre",
        birthdate=NINE.date(),
    )
    published = SessionPublished(
        session_id="session-7",
        center_id="center-3",
        center_name="Collège Victor-Hugo",
        session_date=NINE.date(),
        published_at=NINE + timedelta(days=20),
        results=[result, result.model_copy(update={"course_id": "unknown"})],
    )
    certification_end.mark_published(world.ports, published)
    certification_end.mark_published(
        world.ports, published.model_copy(update={"published_at": NINE + timedelta(days=40)})
    )
    assert world.course().published_at == NINE + timedelta(days=20)
    assert delivery.course_status(world.ports, zoe, "course-1").published
