"""Failed-login counters in orga's table, incremented atomically, forgotten by TTL."""

from __future__ import annotations

from datetime import datetime

from pynamodb.attributes import NumberAttribute, UTCDateTimeAttribute
from pynamodb.exceptions import DoesNotExist

from chalicelib.orga.adapters.tables import OrgaItem
from chalicelib.orga.domain.throttling import FORGET_AFTER, FailureRecord


class ThrottleItem(OrgaItem):
    failures = NumberAttribute(default=0)
    last_failure_at = UTCDateTimeAttribute(null=True)


class DynamoLoginThrottle:
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
