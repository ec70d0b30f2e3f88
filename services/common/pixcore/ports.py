"""The kernel's ports: what use cases may ask of the outside world, free of any AWS import."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from pixcore.messages.base import Message


class Publisher(Protocol):
    def publish(self, *messages: Message) -> None:
        """Sends each message to every service that consumes its type."""


class DocumentStore(Protocol):
    bucket: str

    def put(
        self, key: str, body: bytes, content_type: str = "application/octet-stream"
    ) -> None: ...

    def get(self, key: str) -> bytes:
        """Raises NotFound(DOCUMENT_NOT_FOUND) when there is no such document."""
        ...

    def exists(self, key: str) -> bool: ...

    def delete(self, key: str) -> None: ...

    def under(self, prefix: str) -> list[str]:
        """Every key under a prefix."""
        ...

    def presigned_get(
        self, key: str, expires_in: int = 300, filename: str | None = None
    ) -> str: ...

    def presigned_put(
        self, key: str, expires_in: int = 900, content_type: str | None = None
    ) -> str: ...


class ProcessedMessages(Protocol):
    def claim(self, message_id: str, lease_seconds: int) -> bool:
        """Reserves the message; False when it was already completed; MessageInProgress while
        another delivery holds an unexpired lease."""
        ...

    def complete(self, message_id: str) -> None: ...

    def release(self, message_id: str) -> None: ...
