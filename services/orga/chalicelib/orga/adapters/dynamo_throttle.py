"""Throttle keys in orga's table: recent failures as JSON, versioned, forgotten by TTL."""

from __future__ import annotations

import json
from datetime import datetime

from pynamodb.attributes import UnicodeAttribute
from pynamodb.exceptions import DoesNotExist

from chalicelib.orga.adapters.tables import OrgaItem
from chalicelib.orga.domain.throttling import Attempts
from pixcore.dynamo import put_versioned


class ThrottleItem(OrgaItem):
    """pk THROTTLE#<key>, sk THROTTLE: {"times": [...], "logins": [...]}, version, expires_at."""

    recent = UnicodeAttribute()


class DynamoLoginThrottle:
    def attempts(self, key: str) -> Attempts:
        try:
            item = ThrottleItem.get(f"THROTTLE#{key}", "THROTTLE", consistent_read=True)
        except DoesNotExist:
            return Attempts()
        data = json.loads(item.recent)
        return Attempts(
            tuple(datetime.fromisoformat(t) for t in data["times"]),
            tuple(data.get("logins", [])),
            int(item.version or 0),
        )

    def save(self, key: str, attempts: Attempts, forget_at: datetime) -> None:
        data = {"times": [t.isoformat() for t in attempts.times], "logins": list(attempts.logins)}
        item = ThrottleItem(
            f"THROTTLE#{key}",
            "THROTTLE",
            recent=json.dumps(data),
            expires_at=int(forget_at.timestamp()),
        )
        put_versioned(item, attempts.version)

    def clear(self, key: str) -> None:
        ThrottleItem(f"THROTTLE#{key}", "THROTTLE").delete()
