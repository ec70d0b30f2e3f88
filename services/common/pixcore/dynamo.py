"""PynamoDB glue: table binding from settings, conditional writes, processed-message claims."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from typing import Any, TypeVar

from pynamodb.attributes import NumberAttribute, UnicodeAttribute
from pynamodb.connection import Connection
from pynamodb.connection.table import TableConnection
from pynamodb.exceptions import (
    DeleteError,
    PutError,
    TableError,
    TransactWriteError,
    UpdateError,
)
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

from pixcore.aws import acting_keys
from pixcore.errors import ConcurrentUpdate
from pixcore.idempotency import COMPLETED, IN_PROGRESS, RETENTION_SECONDS, MessageInProgress

M = TypeVar("M", bound=type[Model])


class Gsi1(GlobalSecondaryIndex):
    class Meta:
        index_name = "gsi1"
        projection = AllProjection()

    gsi1pk = UnicodeAttribute(hash_key=True)
    gsi1sk = UnicodeAttribute(range_key=True)


class Gsi2(GlobalSecondaryIndex):
    class Meta:
        index_name = "gsi2"
        projection = AllProjection()

    gsi2pk = UnicodeAttribute(hash_key=True)
    gsi2sk = UnicodeAttribute(range_key=True)


_meta_lock = threading.Lock()


class SharedConnection:
    """Model mixin: the model classes of a container send through one PynamoDB connection per
    set of settings and credentials, so one botocore client (~20 ms to build, more under load)
    instead of one per item kind, each built on the kind's first use — every cold Lambda paid
    it for each kind it touched, and the local stack's consumers in the middle of a benchmark.
    PynamoDB keeps a table's schema per connection: each table's is added once."""

    @classmethod
    def _get_connection(cls) -> TableConnection:
        table: TableConnection = super()._get_connection()  # type: ignore[misc]
        if getattr(table, "_pixcert_shared", False):
            return table
        meta = cls.Meta  # type: ignore[attr-defined]
        if getattr(meta, "extra_headers", None):
            return table
        shared = _shared_connection(
            meta.region,
            meta.host,
            meta.connect_timeout_seconds,
            meta.read_timeout_seconds,
            meta.max_retry_attempts,
            meta.max_pool_connections,
            meta.aws_access_key_id,
            meta.aws_secret_access_key,
            meta.aws_session_token,
            os.environ.get("AWS_ENDPOINT_URL"),
        )
        with _meta_lock:
            try:
                shared.get_meta_table(table.table_name)
            except TableError:
                shared.add_meta_table(table.get_meta_table())
        table.connection = shared
        table._pixcert_shared = True  # type: ignore[attr-defined]
        return table


@cache
def _shared_connection(
    region: str | None,
    host: str | None,
    connect_timeout: float | None,
    read_timeout: float | None,
    max_retry_attempts: int | None,
    max_pool_connections: int | None,
    key_id: str | None,
    secret: str | None,
    token: str | None,
    endpoint: str | None,
) -> Connection:
    del endpoint  # in the key only: botocore reads AWS_ENDPOINT_URL when it builds the client
    return Connection(
        region=region,
        host=host,
        connect_timeout_seconds=connect_timeout,
        read_timeout_seconds=read_timeout,
        max_retry_attempts=max_retry_attempts,
        max_pool_connections=max_pool_connections,
        aws_access_key_id=key_id,
        aws_secret_access_key=secret,
        aws_session_token=token,
    )


class TableItem(SharedConnection, Model):
    """An item of a service's single table: pk/sk, two overloaded indexes, an optional TTL."""

    class Meta:
        table_name = "unbound"

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    gsi1pk = UnicodeAttribute(null=True)
    gsi1sk = UnicodeAttribute(null=True)
    gsi2pk = UnicodeAttribute(null=True)
    gsi2sk = UnicodeAttribute(null=True)
    expires_at = NumberAttribute(null=True)
    # Aggregates written by several actors carry a version (see `put_versioned`).
    version = NumberAttribute(null=True)
    gsi1 = Gsi1()
    gsi2 = Gsi2()


def _family(model: type[Model]) -> list[type[Model]]:
    family = [model]
    for sub in model.__subclasses__():
        family.extend(_family(sub))
    return family


def _credentials() -> dict[str, Any]:
    """The running service's own keys when the local stack set some (`pixcore.aws`); on Lambda
    none: PynamoDB then uses the function's role like every other client."""
    keys = acting_keys()
    return {
        "aws_access_key_id": keys.access_key_id if keys else None,
        "aws_secret_access_key": keys.secret_access_key if keys else None,
    }


def bind(model: M, table_name: str) -> M:
    """Point a model and its subclasses at a table (names come from the environment)."""
    model.Meta.table_name = table_name
    model.Meta.region = os.environ.get("AWS_DEFAULT_REGION", "eu-west-3")
    for name, value in _credentials().items():
        setattr(model.Meta, name, value)
    for member in _family(model):
        member._connection = None
    return model


def connection() -> Connection:
    """One connection (and so one botocore client, ~20 ms to build) per container and set of
    credentials, for the transactions: not a new one per transaction."""
    keys = _credentials()
    return _connection(
        os.environ.get("AWS_DEFAULT_REGION", "eu-west-3"),
        keys["aws_access_key_id"],
        keys["aws_secret_access_key"],
        os.environ.get("AWS_ENDPOINT_URL"),
    )


@cache
def _connection(
    region: str, key_id: str | None, secret: str | None, endpoint: str | None
) -> Connection:
    del endpoint  # in the key only: botocore reads AWS_ENDPOINT_URL when it builds the client
    return Connection(region=region, aws_access_key_id=key_id, aws_secret_access_key=secret)


def is_condition_failure(error: Exception) -> bool:
    cause = getattr(error, "cause_response_code", None)
    if cause == "ConditionalCheckFailedException":
        return True
    if isinstance(error, TransactWriteError):
        reasons = getattr(error, "cancellation_reasons", None) or []
        return any(r is not None and r.code == "ConditionalCheckFailed" for r in reasons)
    return False


@contextmanager
def conditional(conflict: Exception | None = None) -> Iterator[None]:
    """Around a conditional write: a failed condition becomes a domain conflict (never a silent
    overwrite); any other error goes through unchanged."""
    try:
        yield
    except (PutError, UpdateError, DeleteError, TransactWriteError) as error:
        if is_condition_failure(error):
            raise (conflict or ConcurrentUpdate()) from error
        raise


def written(write: Callable[[], object]) -> bool:
    """Runs one conditional write: False when its condition failed (a fact older than the one
    stored, a claim already held), which is an outcome and not an error; any other error goes
    through unchanged."""
    try:
        write()
    except (PutError, UpdateError, DeleteError, TransactWriteError) as error:
        if is_condition_failure(error):
            return False
        raise
    return True


def save(item: Model, condition: Any = None, conflict: Exception | None = None) -> None:
    """Conditional put; a lost race becomes `conflict` (ConcurrentUpdate by default)."""
    with conditional(conflict):
        item.save(condition=condition)


def put_versioned(item: TableItem, expected: int, conflict: Exception | None = None) -> int:
    """Writes `item` as version `expected + 1` only if the stored one is still at `expected`
    (0: it must not exist yet). Returns the new version."""
    model = type(item)
    condition = model.pk.does_not_exist() if expected == 0 else model.version == expected
    item.version = expected + 1
    save(item, condition, conflict)
    return expected + 1


def update_versioned(
    item: TableItem,
    expected: int,
    actions: Sequence[Any],
    conflict: Exception | None = None,
    condition: Any = None,
) -> int:
    """UpdateItem of some attributes of a versioned aggregate, on the same terms as
    `put_versioned`; `condition` adds a rule of the caller's (a state it must be in)."""
    model = type(item)
    check = model.version == expected
    if condition is not None:
        check = check & condition
    with conditional(conflict):
        item.update(actions=[*actions, model.version.set(expected + 1)], condition=check)
    return expected + 1


class ProcessedMessageModel(SharedConnection, Model):
    class Meta:
        table_name = "unbound"

    message_id = UnicodeAttribute(hash_key=True)
    status = UnicodeAttribute()
    lease_until = NumberAttribute()
    expires_at = NumberAttribute()


def processed_message_model(table_name: str) -> type[ProcessedMessageModel]:
    """One model class per service table, so four services can live in one process."""
    meta = type(
        "Meta",
        (),
        {
            "table_name": table_name,
            "region": os.environ.get("AWS_DEFAULT_REGION", "eu-west-3"),
            **_credentials(),
        },
    )
    return type(
        f"ProcessedMessage_{abs(hash(table_name))}", (ProcessedMessageModel,), {"Meta": meta}
    )


class DynamoProcessedMessages:
    """A conditional put claims a message; an expired lease can be taken over."""

    def __init__(self, model: type[ProcessedMessageModel]) -> None:
        self.model = model

    def claim(self, message_id: str, lease_seconds: int) -> bool:
        now = time.time()
        item = self.model(
            message_id,
            status=IN_PROGRESS,
            lease_until=now + lease_seconds,
            expires_at=int(now + RETENTION_SECONDS),
        )
        free = self.model.message_id.does_not_exist() | (
            (self.model.status == IN_PROGRESS) & (self.model.lease_until < now)
        )
        if written(lambda: item.save(condition=free)):
            return True
        existing = self.model.get(message_id, consistent_read=True)
        if existing.status == COMPLETED:
            return False
        raise MessageInProgress()

    def complete(self, message_id: str) -> None:
        self.model(message_id).update(actions=[self.model.status.set(COMPLETED)])

    def release(self, message_id: str) -> None:
        written(lambda: self.model(message_id).delete(condition=self.model.status == IN_PROGRESS))
