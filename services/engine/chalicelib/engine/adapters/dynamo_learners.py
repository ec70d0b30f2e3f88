"""Which school student each account is (read model fed by orga's reconciliations)."""

from __future__ import annotations

from contextlib import suppress
from datetime import datetime

from pynamodb.attributes import NumberAttribute, UnicodeAttribute

from chalicelib.engine.adapters.tables import EngineItem
from pixcore.dynamo import save
from pixcore.errors import ConcurrentUpdate


class LearnerLinkItem(EngineItem):
    organization_id = UnicodeAttribute()
    student_id = UnicodeAttribute()
    linked_at = NumberAttribute(null=True)


class DynamoLearnerLinks:
    def link(self, user_id: str, organization_id: str, student_id: str, at: datetime) -> None:
        item = LearnerLinkItem(
            f"USER#{user_id}",
            f"STUDENT#{organization_id}",
            organization_id=organization_id,
            student_id=student_id,
            linked_at=at.timestamp(),
        )
        newer_or_first = LearnerLinkItem.pk.does_not_exist() | (
            LearnerLinkItem.linked_at <= at.timestamp()
        )
        with suppress(ConcurrentUpdate):  # a later link is already there: it stays
            save(item, newer_or_first)

    def students_of(self, user_id: str) -> dict[str, str]:
        return {
            i.organization_id: i.student_id
            for i in LearnerLinkItem.query(
                f"USER#{user_id}", LearnerLinkItem.sk.startswith("STUDENT#")
            )
        }
