"""Shortcuts for six of moto's per-request costs on the local stack, same answers byte for byte.

- moto lists a response class's methods with `inspect.getmembers` on every request, and turns
  the action's name into snake case character by character: both are computed once.
- moto serializes a DynamoDB answer member by member through botocore's shapes, trying several
  attribute aliases for each of the ten members of every attribute value: an item's attributes
  are already in their wire form ({"S": "…"}, {"M": {…}}), so plain ones are copied as they are.
  Anything else (binary values, unexpected types) still goes through moto's serializer.
- moto answers a DynamoDB Query by sorting every item of the table, then keeping those of the
  partition (0.3 s a Query at 60,000 items, against 1.5 ms a GetItem): a season's orga table
  holds tens of thousands of students, and every sign-up, login and list queries it. During a
  Query, the table's items are the partition's own (moto keeps them by hash key) for a Query of
  the table, and every item unsorted for a Query of an index; moto sorts what it keeps either
  way (by range key, or by the index's keys then the table's: a total order), so the items, their
  order and the pages are moto's own.
- moto looks for an XML `<RequestId>` in every answer with a regular expression (lookbehind,
  lookahead) run over the whole body, JSON ones included: 10 % of the moto process in the
  placement answers, whose learner items are tens of KB. A body without `<RequestId>` cannot
  match, so it is left as it is; the rest of moto's step (status, request id header) runs.
- moto's SQS checks each message it receives against the queue's retention period by computing
  every attribute of the queue (its message counts walk all its messages): the period is read
  off the queue instead.
- moto builds each item it stores attribute by attribute into a dict that, on every insert,
  sums the size of everything already in it (every string encoded again) to enforce the 400 KB
  limit: quadratic in the attributes, 8 % of moto on certification answers (43 % of its PutItem) (a course item of
  13 attributes, 10 KB). A new item's attributes are added once each and never change while it
  is built, so the same sums are kept as a running total: the same check after each attribute,
  the same `ItemSizeTooLarge` at the same attribute; later changes to a stored item (UpdateItem)
  still go through moto's own check.

`tests/unit/local/test_moto_speedups.py` compares both ways on items of every attribute type.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import moto.core.responses as moto_responses
from moto.core.responses import BaseResponse
from moto.core.serialize import BaseJSONSerializer
from moto.dynamodb.models import dynamo_type
from moto.dynamodb.models.table import Table
from moto.sqs import models as sqs_models

_SCALARS = {"S": str, "N": str, "BOOL": bool, "NULL": bool}
_original_structure = BaseJSONSerializer._serialize_type_structure
_original_method_names = moto_responses.method_names_from_class
_original_snake_case = moto_responses.camelcase_to_underscores
_original_query = Table.query
_original_all_items = Table.all_items
_original_enrich = BaseResponse.__dict__["_enrich_response"]
_original_retention_check = sqs_models.SQSBackend.is_message_valid_based_on_retention_period
_original_item_init = dynamo_type.Item.__init__
ITEM_SIZE_LIMIT = 405000  # moto's (LimitedSizeDict): between DynamoDB's measured 409 and 410 KB
_querying = threading.local()
_INDEX_NAME = 7  # Table.query's positional parameters after self: hash_key … index_name


def plain_attribute_value(value: Any) -> bool:
    """An attribute value moto's serializer would copy unchanged: one member, no binary."""
    if not isinstance(value, dict) or len(value) != 1:
        return False
    ((kind, inner),) = value.items()
    if kind in _SCALARS:
        return type(inner) is _SCALARS[kind]
    if kind in ("SS", "NS"):
        return isinstance(inner, list) and all(type(v) is str for v in inner)
    if kind == "M":
        return isinstance(inner, dict) and all(
            type(k) is str and plain_attribute_value(v) for k, v in inner.items()
        )
    if kind == "L":
        return isinstance(inner, list) and all(plain_attribute_value(v) for v in inner)
    return False


def _serialize_type_structure(
    self: BaseJSONSerializer, serialized: Any, value: Any, shape: Any, key: str
) -> None:
    if key and shape.name == "AttributeValue" and plain_attribute_value(value):
        serialized[self.get_serialized_name(shape, key)] = value
        return
    _original_structure(self, serialized, value, shape, key)


def _query(self: Table, *args: Any, **kwargs: Any) -> Any:
    index_name = kwargs.get("index_name", args[_INDEX_NAME] if len(args) > _INDEX_NAME else None)
    hash_key = kwargs.get("hash_key", args[0] if args else None)
    _querying.table, _querying.partition = self, None if index_name else hash_key
    try:
        return _original_query(self, *args, **kwargs)
    finally:
        _querying.table = _querying.partition = None


def _all_items(self: Table) -> list[Any]:
    if getattr(_querying, "table", None) is not self:
        return _original_all_items(self)
    if _querying.partition is None:  # an index's Query: moto sorts what matches itself
        buckets = self.items.values()
    else:
        bucket = self.items.get(_querying.partition)
        buckets = [] if bucket is None else [bucket]
    if not self.range_key_attr:
        return list(buckets)
    return [item for bucket in buckets for item in bucket.values()]


def _enrich_response(headers: dict[str, str], body: Any) -> tuple[dict[str, str], Any]:
    if isinstance(body, str) and "<RequestId>" not in body:
        headers, _ = _original_enrich.__func__(headers, "")
        return headers, body
    return _original_enrich.__func__(headers, body)


def _retained(self: Any, queue_name: str, message: Any) -> bool:
    """moto's rule (kept until sent + the queue's retention period), without the attributes."""
    retention_period = self.get_queue(queue_name).message_retention_period
    return retention_period + message.sent_timestamp / 1000 > sqs_models.unix_time()


def _item_init(self: Any, hash_key: Any, range_key: Any, attrs: dict[str, Any]) -> None:
    """moto's `Item.__init__` with LimitedSizeDict's check as a running total."""
    self.hash_key = hash_key
    self.range_key = range_key
    built = dynamo_type.LimitedSizeDict()
    total = 0
    for key, value in attrs.items():
        typed = dynamo_type.DynamoType(value)
        total += dynamo_type.bytesize(key) + typed.size()
        if total > ITEM_SIZE_LIMIT:
            raise dynamo_type.ItemSizeTooLarge
        dict.__setitem__(built, key, typed)
    self.attrs = built


def install() -> None:
    Table.query = _query  # type: ignore[method-assign]
    Table.all_items = _all_items  # type: ignore[method-assign]
    BaseJSONSerializer._serialize_type_structure = _serialize_type_structure  # type: ignore[method-assign]
    moto_responses.method_names_from_class = functools.cache(_original_method_names)  # type: ignore[assignment]
    moto_responses.camelcase_to_underscores = functools.lru_cache(1024)(_original_snake_case)  # type: ignore[assignment]
    BaseResponse._enrich_response = staticmethod(_enrich_response)  # type: ignore[method-assign,assignment]
    sqs_models.SQSBackend.is_message_valid_based_on_retention_period = _retained  # type: ignore[method-assign]
    dynamo_type.Item.__init__ = _item_init  # type: ignore[method-assign]


def uninstall() -> None:
    Table.query = _original_query  # type: ignore[method-assign]
    Table.all_items = _original_all_items  # type: ignore[method-assign]
    BaseJSONSerializer._serialize_type_structure = _original_structure  # type: ignore[method-assign]
    moto_responses.method_names_from_class = _original_method_names
    moto_responses.camelcase_to_underscores = _original_snake_case
    BaseResponse._enrich_response = _original_enrich  # type: ignore[method-assign]
    sqs_models.SQSBackend.is_message_valid_based_on_retention_period = _original_retention_check  # type: ignore[method-assign]
    dynamo_type.Item.__init__ = _original_item_init  # type: ignore[method-assign]


@contextmanager
def installed() -> Iterator[None]:
    install()
    try:
        yield
    finally:
        uninstall()
