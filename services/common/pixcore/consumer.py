"""Consuming SQS batches: parse, deduplicate, dispatch; drop permanent errors, retry the rest."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from pixcore.errors import PixError
from pixcore.logs import get_logger
from pixcore.messages import CATALOG, Message, parse_message
from pixcore.ports import DocumentStore, ProcessedMessages

# Each handler takes the message class it is registered for; what it returns is unused.
Handler = Callable[[Any], object]
Handlers = Mapping[type[Message], Handler]
log = get_logger("consumer")


def resolve_body(body: str, claims: Callable[[str], DocumentStore] | None) -> str:
    """Follow a claim check to the full message stored in S3."""
    if '"claim_check"' not in body[:400]:
        return body
    pointer = json.loads(body)["claim_check"]
    if claims is None:
        raise RuntimeError("claim-checked message but no store to read it from")
    return claims(pointer["bucket"]).get(pointer["key"]).decode()


class MessageConsumer:
    """Handles one SQS record at a time (batch size 1) with an explicit partial-failure policy."""

    def __init__(
        self,
        service: str,
        handlers: Handlers,
        processed: ProcessedMessages,
        claims: Callable[[str], DocumentStore] | None = None,
        lease_seconds: int = 120,
    ) -> None:
        self.service = service
        self.handlers = {cls.TYPE: handler for cls, handler in handlers.items()}
        self.processed = processed
        self.claims = claims
        self.lease_seconds = lease_seconds

    def handle_body(self, body: str) -> str:
        try:
            message = parse_message(resolve_body(body, self.claims), CATALOG)
        except PixError as error:
            log.error("message.unreadable", service=self.service, code=error.code)
            return "dropped"
        handler = self.handlers.get(message.type)
        if handler is None:
            log.warning("message.unhandled", service=self.service, type=message.type)
            return "ignored"
        if not self.processed.claim(message.message_id, self.lease_seconds):
            log.info("message.duplicate", service=self.service, message_id=message.message_id)
            return "duplicate"
        try:
            handler(message)
        except PixError as error:
            # A business refusal will not change on retry: record it and move on.
            self.processed.complete(message.message_id)
            log.error(
                "message.rejected",
                service=self.service,
                type=message.type,
                message_id=message.message_id,
                code=error.code,
            )
            return "rejected"
        except Exception:
            self.processed.release(message.message_id)
            raise
        self.processed.complete(message.message_id)
        log.info(
            "message.handled",
            service=self.service,
            type=message.type,
            message_id=message.message_id,
        )
        return "handled"

    def handle_event(self, event: Any) -> list[str]:
        """Entry point for a Chalice SQS event (or a raw Lambda event dict)."""
        if isinstance(event, dict):
            return [self.handle_body(record["body"]) for record in event["Records"]]
        return [self.handle_body(record.body) for record in event]
