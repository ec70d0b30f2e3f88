"""Shortcuts for two of moto's per-request costs on the local stack, same answers byte for byte.

- moto lists a response class's methods with `inspect.getmembers` on every request, and turns
  the action's name into snake case character by character: both are computed once.
- moto serializes a DynamoDB answer member by member through botocore's shapes, trying several
  attribute aliases for each of the ten members of every attribute value: an item's attributes
  are already in their wire form ({"S": "…"}, {"M": {…}}), so plain ones are copied as they are.
  Anything else (binary values, unexpected types) still goes through moto's serializer.

`tests/unit/local/test_moto_speedups.py` compares both ways on items of every attribute type.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import moto.core.responses as moto_responses
from moto.core.serialize import BaseJSONSerializer

_SCALARS = {"S": str, "N": str, "BOOL": bool, "NULL": bool}
_original_structure = BaseJSONSerializer._serialize_type_structure
_original_method_names = moto_responses.method_names_from_class
_original_snake_case = moto_responses.camelcase_to_underscores


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


def install() -> None:
    BaseJSONSerializer._serialize_type_structure = _serialize_type_structure  # type: ignore[method-assign]
    moto_responses.method_names_from_class = functools.cache(_original_method_names)  # type: ignore[assignment]
    moto_responses.camelcase_to_underscores = functools.lru_cache(1024)(_original_snake_case)  # type: ignore[assignment]


def uninstall() -> None:
    BaseJSONSerializer._serialize_type_structure = _original_structure  # type: ignore[method-assign]
    moto_responses.method_names_from_class = _original_method_names
    moto_responses.camelcase_to_underscores = _original_snake_case


@contextmanager
def installed() -> Iterator[None]:
    install()
    try:
        yield
    finally:
        uninstall()
