"""Everything engine's table holds about a learner: found, exported and erased by key (the
learner's partition, its assessments through gsi1, its campaign participations by code)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from chalicelib.engine.adapters.assessment_items import AssessmentItem, learner_key
from chalicelib.engine.adapters.course_items import (
    CourseItem,
    CourseRefusalItem,
    user_courses_key,
    user_refusals_key,
)
from chalicelib.engine.adapters.dynamo_campaigns import ParticipantItem
from chalicelib.engine.adapters.dynamo_learners import LearnerLinkItem
from chalicelib.engine.adapters.tables import EngineItem

# What each kind of item is called in an export and an erasure report.
PLACEMENT = "placement"
LINKS = "school_links"
CAMPAIGNS = "campaign_participations"
COURSES = "certification_courses"
REFUSALS = "certification_refusals"


def _attributes(item: EngineItem) -> dict[str, object]:
    values = item.attribute_values
    return {k: (v.as_dict() if hasattr(v, "as_dict") else v) for k, v in values.items()}


class DynamoLearnerData:
    def _placement(self, user_id: str) -> Iterator[EngineItem]:
        pk, _ = learner_key(user_id)
        yield from (i for i in EngineItem.query(pk) if i.sk == "LEARNER")
        for snapshot in AssessmentItem.gsi1.query(pk):
            yield from EngineItem.query(snapshot.pk)

    def _links(self, user_id: str, organization_ids: set[str] | None) -> list[LearnerLinkItem]:
        pk, _ = learner_key(user_id)
        found = LearnerLinkItem.query(pk, LearnerLinkItem.sk.startswith("STUDENT#"))
        return [
            i for i in found if organization_ids is None or i.organization_id in organization_ids
        ]

    def _participations(self, user_id: str, codes: list[str]) -> list[ParticipantItem]:
        found = []
        for code in codes:
            with contextlib.suppress(ParticipantItem.DoesNotExist):
                found.append(ParticipantItem.get(f"CAMPAIGN#{code}", f"PARTICIPANT#{user_id}"))
        return found

    @staticmethod
    def _courses(user_id: str) -> list[CourseItem]:
        return list(CourseItem.gsi1.query(user_courses_key(user_id)))

    @staticmethod
    def _refusals(user_id: str) -> list[CourseRefusalItem]:
        return list(CourseRefusalItem.gsi1.query(user_refusals_key(user_id)))

    def gather(self, user_id: str, codes: list[str]) -> dict[str, list[dict[str, object]]]:
        return {
            PLACEMENT: [_attributes(i) for i in self._placement(user_id)],
            LINKS: [_attributes(i) for i in self._links(user_id, None)],
            CAMPAIGNS: [_attributes(i) for i in self._participations(user_id, codes)],
            COURSES: [_attributes(i) for i in self._courses(user_id)],
            REFUSALS: [_attributes(i) for i in self._refusals(user_id)],
        }

    def certification_courses(self, user_id: str) -> int:
        return len(self._courses(user_id))

    def erase(
        self, user_id: str, organization_ids: set[str] | None, codes: list[str]
    ) -> dict[str, int]:
        """`organization_ids` None: the whole account (placement included); else only what
        ties the account to those schools."""
        doomed: dict[str, list[EngineItem]] = {
            LINKS: list(self._links(user_id, organization_ids)),
            CAMPAIGNS: list(self._participations(user_id, codes)),
            PLACEMENT: list(self._placement(user_id)) if organization_ids is None else [],
            REFUSALS: list(self._refusals(user_id)) if organization_ids is None else [],
        }
        with EngineItem.batch_write() as batch:
            for items in doomed.values():
                for item in items:
                    batch.delete(item)
        return {kind: len(items) for kind, items in doomed.items()}
