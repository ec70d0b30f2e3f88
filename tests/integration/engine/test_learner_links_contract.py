"""The LearnerLinks contract: which student of each school an account is, newest link first."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.engine.adapters.dynamo_learners import DynamoLearnerLinks
from chalicelib.engine.adapters.memory import InMemoryLearnerLinks
from chalicelib.engine.ports import LearnerLinks

T0 = datetime(2026, 9, 1, 8, 0, tzinfo=UTC)


@pytest.fixture
def links(implementation: str) -> LearnerLinks:
    return InMemoryLearnerLinks() if implementation == "memory" else DynamoLearnerLinks()


def test_an_account_is_linked_to_one_student_per_school(links, user_id):
    assert links.students_of(user_id) == {}
    links.link(user_id, "school-a", "student-1", T0)
    links.link(user_id, "school-b", "student-9", T0)
    links.link(user_id, "school-a", "student-1", T0)
    assert links.students_of(user_id) == {"school-a": "student-1", "school-b": "student-9"}
    assert links.students_of(f"{user_id}-other") == {}


def test_an_older_link_never_replaces_a_newer_one(links, user_id):
    links.link(user_id, "school-a", "student-2", T0 + timedelta(days=1))
    links.link(user_id, "school-a", "student-1", T0)
    assert links.students_of(user_id) == {"school-a": "student-2"}
    links.link(user_id, "school-a", "student-3", T0 + timedelta(days=2))
    assert links.students_of(user_id) == {"school-a": "student-3"}
