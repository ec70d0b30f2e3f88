"""Finalisation drafts and attempt counters in certif's table."""

from __future__ import annotations

from datetime import datetime

from pynamodb.attributes import NumberAttribute, UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.exceptions import DoesNotExist

from chalicelib.certif.adapters.codec import finalization_from_json, finalization_json
from chalicelib.certif.adapters.tables import CertifItem
from chalicelib.certif.domain.finalization import Finalization
from chalicelib.certif.domain.throttling import FORGET_AFTER, FailureRecord
from pixcore.dynamo import put_versioned


class FinalizationItem(CertifItem):
    data = UnicodeAttribute()


class ThrottleItem(CertifItem):
    failures = NumberAttribute(default=0)
    last_failure_at = UTCDateTimeAttribute(null=True)


class DynamoFinalizationRepository:
    def get(self, session_id: str) -> Finalization:
        try:
            item = FinalizationItem.get(
                f"SESSION#{session_id}", "FINALIZATION", consistent_read=True
            )
        except DoesNotExist:
            return Finalization(session_id)
        return finalization_from_json(session_id, item.data, int(item.version or 0))

    def save(self, finalization: Finalization) -> Finalization:
        item = FinalizationItem(
            f"SESSION#{finalization.session_id}",
            "FINALIZATION",
            data=finalization_json(finalization),
        )
        version = put_versioned(item, finalization.version)
        finalization.version = version
        return finalization


class DynamoAttemptThrottle:
    def failures(self, key: str) -> FailureRecord | None:
        try:
            item = ThrottleItem.get(f"THROTTLE#{key}", "THROTTLE")
        except DoesNotExist:
            return None
        return FailureRecord(int(item.failures), item.last_failure_at)

    def record_failure(self, key: str, at: datetime) -> None:
        ThrottleItem(f"THROTTLE#{key}", "THROTTLE").update(
            actions=[
                ThrottleItem.failures.add(1),
                ThrottleItem.last_failure_at.set(at),
                ThrottleItem.expires_at.set(int((at + FORGET_AFTER).timestamp())),
            ]
        )

    def reset(self, key: str) -> None:
        ThrottleItem(f"THROTTLE#{key}", "THROTTLE").delete()
