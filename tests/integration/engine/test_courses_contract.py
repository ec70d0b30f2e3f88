"""One contract for the course store, run against the in-memory fake and DynamoDB (moto)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from chalicelib.engine.adapters.dynamo_courses import DynamoCourseStore
from chalicelib.engine.adapters.memory_courses import InMemoryCourseStore
from chalicelib.engine.adapters.tables import bind_tables
from chalicelib.engine.content_files import read_content
from chalicelib.engine.domain.answers import AnswerResult
from chalicelib.engine.domain.course import CourseAnswer, CourseRefusal, CourseState
from infra.resources import main_table
from pixcore.errors import ConcurrentUpdate
from tests.unit.engine.course_builders import NINE, a_course


@pytest.fixture(scope="module")
def content():
    return read_content()


@pytest.fixture(params=["memory", "dynamodb"])
def store(request):
    if request.param == "memory":
        return InMemoryCourseStore()
    request.getfixturevalue("aws")
    bind_tables(main_table("engine"))
    return DynamoCourseStore()


def test_a_course_is_added_once_and_read_back_whole(store, content):
    course = a_course(content, extra=33)
    assert store.get(course.id) is None
    added = store.add(course)
    assert added.version == 1
    assert store.get(course.id) == added and store.lookup(course.id) == (added, None)
    with pytest.raises(ConcurrentUpdate):
        store.add(replace(course, verification_code="P-99999999"))


def test_a_save_is_conditional_on_the_version_read(store, content):
    course = store.add(a_course(content))
    answer = CourseAnswer(
        course.questions[0].challenge_id,
        AnswerResult.PARTIALLY,
        True,
        "hash",
        '{"a":"Élodie"}',
        NINE + timedelta(minutes=2),
        120.5,
    )
    saved = store.save(course.record(answer))
    assert saved.version == 2 and store.get(course.id) == saved
    with pytest.raises(ConcurrentUpdate):
        store.save(course.record(answer))
    ended = store.save(saved.end(CourseState.ENDED_BY_SUPERVISOR, NINE, "Fin demandée"))
    assert store.get(course.id) == ended and ended.answers[1].answered is False


def test_the_announcement_mark_survives_later_saves(store, content):
    course = store.add(a_course(content))
    store.mark_announced(course.id)
    with pytest.raises(ConcurrentUpdate):  # prepared before the mark: it would drop it
        store.save(course.confirm_end_screen(NINE))
    read = store.get(course.id)
    assert read is not None and read.announced
    store.save(read.confirm_end_screen(NINE))
    again = store.get(course.id)
    assert again is not None and again.announced and again.end_screen_confirmed_at == NINE
    with pytest.raises(ConcurrentUpdate):
        store.mark_announced("no-such-course")


def test_the_latest_refusal_is_kept(store):
    first = CourseRefusal("c9", "zoe", "s1", "k1", "NOT_CERTIFIABLE", "Pas encore.", NINE)
    later = replace(first, code="CERTIFICATION_TEST_EMPTY", refused_at=NINE + timedelta(hours=1))
    assert store.refusal("c9") is None
    store.refuse(first)
    store.refuse(later)
    store.refuse(first)
    assert store.refusal("c9") == later
    assert store.lookup("c9") == (None, later)


def test_a_verification_code_is_held_by_one_course(store):
    assert store.claim_verification_code("P-2B3C4D6F", "c1")
    assert not store.claim_verification_code("P-2B3C4D6F", "c2")
    store.release_verification_code("P-2B3C4D6F", "c2")
    assert not store.claim_verification_code("P-2B3C4D6F", "c3")
    store.release_verification_code("P-2B3C4D6F", "c1")
    assert store.claim_verification_code("P-2B3C4D6F", "c3")


def test_the_courses_of_a_session_are_found(store, content):
    for course_id in ("c1", "c2"):
        store.add(replace(a_course(content, course_id=course_id), verification_code=course_id))
    other = replace(a_course(content, course_id="c3"), session_id="another")
    store.add(other)
    assert sorted(store.course_ids_of_session("session-7")) == ["c1", "c2"]
    assert store.course_ids_of_session("nobody") == []
