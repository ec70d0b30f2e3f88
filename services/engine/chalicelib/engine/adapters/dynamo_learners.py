"""Which school student each account is (read model fed by orga's reconciliations)."""

from __future__ import annotations

from pynamodb.attributes import UnicodeAttribute

from chalicelib.engine.adapters.tables import EngineItem


class LearnerLinkItem(EngineItem):
    organization_id = UnicodeAttribute()
    student_id = UnicodeAttribute()


class DynamoLearnerLinks:
    def link(self, user_id: str, organization_id: str, student_id: str) -> None:
        LearnerLinkItem(
            f"USER#{user_id}",
            f"STUDENT#{organization_id}",
            organization_id=organization_id,
            student_id=student_id,
        ).save()

    def students_of(self, user_id: str) -> dict[str, str]:
        return {
            i.organization_id: i.student_id
            for i in LearnerLinkItem.query(
                f"USER#{user_id}", LearnerLinkItem.sk.startswith("STUDENT#")
            )
        }
