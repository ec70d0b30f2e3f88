"""moto's DynamoDB transactions, made affordable for a season: moto snapshots the *whole table*
(`copy.deepcopy`) once per item of every TransactWriteItems, so that it can roll back — seconds
per transaction once a table holds tens of thousands of students, and a 500 ("dictionary
changed size during iteration") when another request writes the table during the copy. Here a
transaction snapshots only the items it touches, and every item operation runs one at a time
(as DynamoDB applies each atomically); what moto decides (conditions, errors, cancellation
reasons) is moto's own code, unchanged.

Applied by infra/local/moto_main.py in the moto process (and by its tests in process).
"""

from __future__ import annotations

import copy
import threading
import types
from typing import Any

_lock = threading.RLock()
_skip_table_copy = threading.local()


def _deepcopy(value: Any, memo: Any = None) -> Any:
    """moto's module calls `copy.deepcopy(table)` for its snapshot: inside a patched
    transaction that copy is skipped (the touched items were saved instead)."""
    from moto.dynamodb.models.table import Table

    if getattr(_skip_table_copy, "on", False) and isinstance(value, Table):
        return value
    return copy.deepcopy(value, memo)


def _touched(backend: Any, transact_items: list[dict[str, Any]]) -> list[tuple[str, dict, Any]]:
    """(table, key, the item's attributes before, or None) for every item of the transaction."""
    saved = []
    for entry in transact_items:
        _, op = next(iter(entry.items()))
        name = op.get("TableName")
        if name not in backend.tables:
            continue
        table = backend.tables[name]
        if "Key" in op:
            key = dict(op["Key"])
        else:
            key = {table.hash_key_attr: op["Item"][table.hash_key_attr]}
            if table.range_key_attr is not None:
                key[table.range_key_attr] = op["Item"][table.range_key_attr]
        current = backend.get_item(name, key)
        before = copy.deepcopy(current.to_json()["Attributes"]) if current else None
        saved.append((name, key, before))
    return saved


def _restore(backend: Any, saved: list[tuple[str, dict, Any]]) -> None:
    for name, key, before in reversed(saved):
        if before is None:
            if backend.get_item(name, key) is not None:
                backend.delete_item(name, key)
        else:
            backend.put_item(name, before)


def apply() -> None:
    """Patch moto's DynamoDB backend (idempotent)."""
    from moto.dynamodb import models

    backend_class = models.DynamoDBBackend
    if getattr(backend_class, "_pixcert_transactions", False):
        return
    original = backend_class.transact_write_items
    models.copy = types.SimpleNamespace(deepcopy=_deepcopy, copy=copy.copy)  # type: ignore[attr-defined]

    def transact_write_items(self: Any, transact_items: list[dict[str, Any]]) -> None:
        with _lock:
            try:
                saved = _touched(self, transact_items)
            except Exception:  # noqa: BLE001 - a malformed request: moto's own path answers it
                return original(self, transact_items)
            _skip_table_copy.on = True
            try:
                return original(self, transact_items)
            except Exception:
                _skip_table_copy.on = False
                _restore(self, saved)
                raise
            finally:
                _skip_table_copy.on = False

    backend_class.transact_write_items = transact_write_items
    for name in ATOMIC_OPERATIONS:
        setattr(backend_class, name, _one_at_a_time(getattr(backend_class, name)))
    backend_class._pixcert_transactions = True


# DynamoDB applies each request atomically; moto's threaded server does not (a condition is
# checked, then the item written, and a query iterates a table's items while another request
# adds one: « dictionary changed size during iteration », a 500). Its item operations take the
# transactions' lock, one at a time.
ATOMIC_OPERATIONS = (
    "get_item",
    "put_item",
    "update_item",
    "delete_item",
    "query",
    "scan",
    "batch_get_item",
    "batch_write_item",
    "transact_get_items",
)


def _one_at_a_time(operation: Any) -> Any:
    def run(self: Any, *args: Any, **kwargs: Any) -> Any:
        with _lock:
            return operation(self, *args, **kwargs)

    run.__name__ = getattr(operation, "__name__", "operation")
    run.__doc__ = operation.__doc__
    return run
