"""A service's adapters built from its environment, once per container."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from pixcore.auth import TokenService, token_service_from_env
from pixcore.aws import client
from pixcore.bus import SqsPublisher
from pixcore.consumer import Handlers, MessageConsumer
from pixcore.dynamo import DynamoProcessedMessages, processed_message_model
from pixcore.settings import setting
from pixcore.storage import S3DocumentStore

VISIBILITY_TIMEOUT_SECONDS = 120  # infra/resources.py's, which the kernel cannot import


@cache
def queue_url(service: str) -> str:
    name = setting(f"PIXCERT_{service.upper()}_QUEUE")
    return client("sqs").get_queue_url(QueueName=name)["QueueUrl"]


@cache
def document_store(bucket: str) -> S3DocumentStore:
    return S3DocumentStore(bucket)


def claims_store() -> S3DocumentStore:
    return document_store(setting("PIXCERT_CLAIMS_BUCKET"))


class ServiceRuntime:
    """Everything a service needs from AWS, named from `PIXCERT_<SERVICE>_*` variables."""

    def __init__(self, service: str) -> None:
        self.service = service
        self._prefix = f"PIXCERT_{service.upper()}_"

    def setting(self, name: str) -> str:
        return setting(self._prefix + name)

    @property
    def main_table(self) -> str:
        return self.setting("MAIN_TABLE")

    def documents(self) -> S3DocumentStore:
        return document_store(self.setting("DOCUMENTS_BUCKET"))

    def publisher(self) -> SqsPublisher:
        return SqsPublisher(queue_url, claims_store())

    def consumer(self, handlers: Handlers) -> MessageConsumer:
        model = processed_message_model(self.setting("PROCESSED_TABLE"))
        # The claim lease matches the queue's visibility timeout (the local stack shortens both).
        lease = int(setting("PIXCERT_MESSAGE_LEASE_SECONDS", str(VISIBILITY_TIMEOUT_SECONDS)))
        return MessageConsumer(
            self.service, handlers, DynamoProcessedMessages(model), document_store, lease
        )


@cache
def tokens() -> TokenService:
    return token_service_from_env()


def reset() -> None:
    """Forget cached adapters (tests rebuild the environment between runs)."""
    from pixcore import secrets

    for cached in (queue_url, document_store, tokens, cursor_key):
        cached.cache_clear()
    secrets.reset()  # (AWS clients stay: pixcore.aws keys them by endpoint and credentials)


TokensGetter = Callable[[], TokenService]


@cache
def cursor_key() -> bytes:
    """The secret pagination cursors are signed with, derived from the token signing key."""
    from pixcore.auth import signing_key
    from pixcore.cursors import cursor_secret

    return cursor_secret(signing_key().current)
