"""Idempotent consumption: a message's effect happens once, however often it is delivered."""

from __future__ import annotations

from dataclasses import dataclass

from pixcore.errors import Conflict

COMPLETED = "COMPLETED"
IN_PROGRESS = "IN_PROGRESS"
RETENTION_SECONDS = 7 * 24 * 3600


class MessageInProgress(Conflict):
    """Another delivery of the same message is being handled; retry later."""

    default_code = "MESSAGE_IN_PROGRESS"


@dataclass
class Claim:
    message_id: str
    status: str
    lease_until: float
