"""Engine's certification courses in a learner's export and erasure (DynamoDB, moto): found by
the account, exported whole, kept by an erasure as the exam's record; refusals dropped."""

from __future__ import annotations

from dataclasses import replace

from chalicelib.engine.adapters.dynamo_courses import DynamoCourseStore
from chalicelib.engine.adapters.dynamo_privacy import DynamoLearnerData
from chalicelib.engine.content_files import read_content
from chalicelib.engine.domain.course import CourseRefusal
from tests.unit.engine.course_builders import NINE, a_course


def test_an_accounts_courses_are_exported_and_kept_its_refusals_erased(engine_table, user_id):
    store = DynamoCourseStore()
    course = replace(a_course(read_content(), course_id=f"c-{user_id}"), user_id=user_id)
    store.add(course)
    refused = f"r-{user_id}"
    store.refuse(
        CourseRefusal(refused, user_id, "s1", "k1", "NOT_CERTIFIABLE", "Pas encore.", NINE)
    )
    data = DynamoLearnerData()

    gathered = data.gather(user_id, [])
    assert [i["user_id"] for i in gathered["certification_courses"]] == [user_id]
    assert [i["pk"] for i in gathered["certification_refusals"]] == [f"COURSE#{refused}"]
    assert data.certification_courses(user_id) == 1

    assert data.erase(user_id, None, [])["certification_refusals"] == 1
    assert store.refusal(refused) is None
    assert store.get(course.id) is not None and data.certification_courses(user_id) == 1
    assert data.erase(user_id, None, [])["certification_refusals"] == 0
    # a school's erasure leaves the account's refusals alone (they are the account's)
    store.refuse(
        CourseRefusal(refused, user_id, "s1", "k1", "NOT_CERTIFIABLE", "Pas encore.", NINE)
    )
    assert data.erase(user_id, {"org-1"}, [])["certification_refusals"] == 0
