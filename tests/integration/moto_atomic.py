"""DynamoDB applies each request to an item atomically; moto's in-process backend does not (it
checks a condition, then writes, and a thread may run in between). One lock around its item
operations gives tests that race threads DynamoDB's guarantee."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Any

from moto.dynamodb.models import DynamoDBBackend

OPERATIONS = (
    "get_item",
    "put_item",
    "update_item",
    "delete_item",
    "query",
    "scan",
    "batch_get_item",
    "transact_write_items",
    "transact_get_items",
)
_LOCK = threading.RLock()


def _locked(operation: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(operation)
    def run(*args: Any, **kwargs: Any) -> Any:
        with _LOCK:
            return operation(*args, **kwargs)

    return run


def atomic_dynamodb(monkeypatch: Any) -> None:
    """Patches moto's DynamoDB backend for the duration of a test (pytest's monkeypatch)."""
    for name in OPERATIONS:
        monkeypatch.setattr(DynamoDBBackend, name, _locked(getattr(DynamoDBBackend, name)))
