"""In-memory implementations of the kernel's ports, for unit tests (their contract suites run
against the AWS adapters too)."""

from __future__ import annotations

import time

from pixcore.errors import NotFound
from pixcore.idempotency import COMPLETED, IN_PROGRESS, Claim, MessageInProgress
from pixcore.messages import Message, consumers_of


class InMemoryPublisher:
    """Records what was published, refusing a type nobody consumes (as the real bus would)."""

    def __init__(self) -> None:
        self.published: list[Message] = []

    def publish(self, *messages: Message) -> None:
        for message in messages:
            if not consumers_of(message.type):
                raise ValueError(f"{message.type} has no consumer in the catalog")
            self.published.append(message)

    def of_type(self, message_type: str | type[Message]) -> list[Message]:
        wanted = message_type if isinstance(message_type, str) else message_type.TYPE
        return [m for m in self.published if m.type == wanted]

    def clear(self) -> None:
        self.published.clear()


class InMemoryDocumentStore:
    def __init__(self, bucket: str = "memory") -> None:
        self.bucket = bucket
        self.objects: dict[str, tuple[bytes, str]] = {}

    def put(self, key: str, body: bytes, content_type: str = "application/octet-stream") -> None:
        self.objects[key] = (bytes(body), content_type)

    def get(self, key: str) -> bytes:
        if key not in self.objects:
            raise NotFound("Document introuvable.", code="DOCUMENT_NOT_FOUND")
        return self.objects[key][0]

    def exists(self, key: str) -> bool:
        return key in self.objects

    def delete(self, key: str) -> None:
        self.objects.pop(key, None)

    def under(self, prefix: str) -> list[str]:
        return sorted(k for k in self.objects if k.startswith(prefix))

    def presigned_get(self, key: str, expires_in: int = 300, filename: str | None = None) -> str:
        return f"memory://{self.bucket}/{key}?expires_in={expires_in}"

    def presigned_put(
        self, key: str, expires_in: int = 900, content_type: str | None = None
    ) -> str:
        return f"memory://{self.bucket}/{key}?upload&expires_in={expires_in}"


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
        if (claim := self.claims.get(message_id)) and claim.status == IN_PROGRESS:
            del self.claims[message_id]
