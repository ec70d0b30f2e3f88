"""Opening a certification course on `CertificationStartRequested` (fakes, fixed clock)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from chalicelib.engine.adapters.memory_courses import InMemoryCourseStore
from chalicelib.engine.use_cases import certification_delivery as delivery
from pixcore.codes import is_verification_code
from pixcore.errors import Conflict
from tests.unit.engine.course_builders import NINE, a_course
from tests.unit.engine.course_world import CourseWorld

NOT_CERTIFIABLE_TEXT = (
    "Votre profil n'est pas encore certifiable. Pour faire certifier votre profil, vous devez "
    "avoir obtenu un niveau supérieur à 0 dans 5 compétences minimum."
)


def test_a_certifiable_candidate_gets_a_course_and_its_clock_starts(sample_bank):
    # GIVEN a candidate with every competence at level 4 and 33 % of extra time
    world = CourseWorld(sample_bank)
    zoe = world.candidate()
    # WHEN certif asks for the course
    world.start(zoe, extra=33)
    # THEN the course holds 48 questions in a fixed order, and certif and jury learn it is ready
    course = world.course()
    assert course.question_count == 48 and course.user_id == "zoe"
    assert course.deadline == NINE + timedelta(hours=2, minutes=19, seconds=39)
    [ready] = world.publisher.of_type("CertificationCourseReady")
    assert ready.course_id == "course-1" and ready.question_count == 48
    assert ready.started_at == NINE and ready.deadline == course.deadline
    assert ready.verification_code == course.verification_code
    assert is_verification_code(course.verification_code)
    assert ready.max_level == 6 and {m.level for m in ready.profile} == {4}
    assert ready.extra_time_percentage == 33
    assert world.courses.codes == {course.verification_code: "course-1"}


def test_a_candidate_not_certifiable_is_refused_with_a_state_they_can_read(sample_bank):
    world = CourseWorld(sample_bank)
    ines = world.candidate("ines", {"1.1": 2, "1.2": 1, "2.1": 1})
    assert world.start(ines) is None
    [refused] = world.publisher.of_type("CertificationStartRefused")
    assert refused.code == "NOT_CERTIFIABLE" and refused.message == NOT_CERTIFIABLE_TEXT
    assert world.courses.get("course-1") is None and world.courses.codes == {}
    view = delivery.course_status(world.ports, ines, "course-1")
    assert view.state == "refused" and view.refusal is not None
    assert (view.refusal.code, view.refusal.message) == ("NOT_CERTIFIABLE", NOT_CERTIFIABLE_TEXT)


def test_a_refused_candidate_who_became_certifiable_gets_the_course_on_a_new_start(sample_bank):
    world = CourseWorld(sample_bank)
    ines = world.candidate("ines", {"1.1": 2})
    world.start(ines)
    world.candidate("ines")
    world.start(ines)
    assert delivery.course_status(world.ports, ines, "course-1").state == "started"


def test_a_second_start_gives_the_same_course_with_the_same_clock(sample_bank):
    world = CourseWorld(sample_bank)
    zoe = world.candidate()
    first = world.start(zoe)
    world.clock.advance(minutes=30)
    again = world.start(zoe)
    assert again == first and world.course() == first
    readies = world.publisher.of_type("CertificationCourseReady")
    assert len(readies) == 2 and readies[0].model_dump(exclude={"message_id", "occurred_at"}) == (
        readies[1].model_dump(exclude={"message_id", "occurred_at"})
    )
    assert len(world.courses.codes) == 1


def test_a_verification_code_already_held_is_drawn_again(sample_bank):
    class Crowded(InMemoryCourseStore):
        taken = 0

        def claim_verification_code(self, code: str, course_id: str) -> bool:
            if self.taken < 3:  # three draws hit codes of other courses
                self.taken += 1
                return False
            return super().claim_verification_code(code, course_id)

    world = CourseWorld(sample_bank, Crowded())
    world.start(world.candidate())
    assert world.courses.taken == 3 and list(world.courses.codes.values()) == ["course-1"]


def test_a_start_that_loses_the_race_resumes_the_winners_course_and_frees_its_code(sample_bank):
    winner = a_course(sample_bank)

    class Raced(InMemoryCourseStore):
        def add(self, course):  # noqa: ANN001, ANN201
            if not self.courses:  # another delivery saved its course first
                self.claim_verification_code(winner.verification_code, winner.id)
                super().add(winner)
            return super().add(course)

    world = CourseWorld(sample_bank, Raced())
    found = world.start(world.candidate())
    assert found is not None and found.verification_code == winner.verification_code
    assert world.courses.codes == {winner.verification_code: "course-1"}
    assert len(world.publisher.of_type("CertificationCourseReady")) == 1


def test_a_course_id_is_never_handed_to_another_candidate(sample_bank):
    world = CourseWorld(sample_bank)
    world.start(world.candidate())
    with pytest.raises(Conflict) as caught:
        world.start(world.candidate("mallory"))
    assert caught.value.code == "COURSE_ID_TAKEN"


def test_a_start_asked_again_after_the_deadline_closes_the_course(sample_bank):
    world = CourseWorld(sample_bank)
    zoe = world.candidate()
    world.start(zoe)
    world.clock.advance(minutes=106)
    course = world.start(zoe)
    assert course is not None and course.state.value == "completed" and course.timed_out
    assert len(world.publisher.of_type("CertificationCourseReady")) == 1
    [done] = world.publisher.of_type("CertificationCompleted")
    assert done.timed_out and {a.result for a in done.answers} == {"aband"}


def test_an_extra_time_out_of_bounds_is_a_refusal_not_a_crash(sample_bank):
    world = CourseWorld(sample_bank)
    world.start(world.candidate(), extra=500)
    [refused] = world.publisher.of_type("CertificationStartRefused")
    assert refused.code == "EXTRA_TIME_INVALID" and world.courses.codes == {}
