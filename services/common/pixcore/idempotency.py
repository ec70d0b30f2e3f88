"""Idempotent consumption: a message's effect happens once, however often it is delivered."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Protocol

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


class ProcessedMessages(Protocol):
    def claim(self, message_id: str, lease_seconds: int) -> bool:
        """Reserve the message; False when it was already completed."""
        ...

    def complete(self, message_id: str) -> None: ...

    def release(self, message_id: str) -> None: ...


class InMemoryProcessedMessages:
    def __init__(self) -> None:
        self.claims: dict[str, Claim] = {}

    def claim(self, message_id: str, lease_seconds: int) -> bool:
        existing = self.claims.get(message_id)
        now = time.time()
        if existing and existing.status == COMPLETED:
            return False
        if existing and existing.lease_until > now:
            raise MessageInProgress()
        self.claims[message_id] = Claim(message_id, IN_PROGRESS, now + lease_seconds)
        return True

    def complete(self, message_id: str) -> None:
        self.claims[message_id] = Claim(message_id, COMPLETED, float("inf"))

    def release(self, message_id: str) -> None:
        self.claims.pop(message_id, None)
