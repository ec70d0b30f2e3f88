"""AWS clients built lazily, once per container; they honour AWS_ENDPOINT_URL (moto locally).

On Lambda each service runs alone with its role's credentials. The local stack hosts the four
services in one process: with IAM enforcement on, it registers each service's own credentials
(`use_service_credentials`) and runs each service's code `acting_as` it, so every call is signed
as that service and moto can refuse what its policy does not grant.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from typing import Any, NamedTuple

import boto3
from botocore.config import Config

_lock = threading.Lock()
_acting: ContextVar[str | None] = ContextVar("pixcert_acting_service", default=None)


class Keys(NamedTuple):
    access_key_id: str
    secret_access_key: str


_service_keys: dict[str, Keys] = {}


def use_service_credentials(keys: Mapping[str, Keys]) -> None:
    """Sign each service's calls with its own keys (the local stack with IAM enforcement)."""
    _service_keys.clear()
    _service_keys.update(keys)
    reset_clients()


@contextmanager
def acting_as(service: str) -> Iterator[None]:
    token = _acting.set(service)
    try:
        yield
    finally:
        _acting.reset(token)


def acting_keys() -> Keys | None:
    """The keys of the service whose code is running, when the local stack registered some."""
    service = _acting.get()
    return _service_keys.get(service) if service else None


class _Environment(NamedTuple):
    """What a client is built from besides the service's keys: a cached client is reused only
    in the same environment (tests and the local tools switch endpoints and credentials)."""

    region: str
    endpoint: str | None
    key_id: str | None
    secret: str | None


def _environment() -> _Environment:
    return _Environment(
        os.environ.get("AWS_DEFAULT_REGION", "eu-west-3"),
        os.environ.get("AWS_ENDPOINT_URL"),
        os.environ.get("AWS_ACCESS_KEY_ID"),
        os.environ.get("AWS_SECRET_ACCESS_KEY"),
    )


@cache
def _session(keys: Keys | None, environment: _Environment) -> boto3.session.Session:
    region = environment.region
    if keys is None:
        return boto3.session.Session(region_name=region)
    return boto3.session.Session(
        aws_access_key_id=keys.access_key_id,
        aws_secret_access_key=keys.secret_access_key,
        region_name=region,
    )


@cache
def _client(service: str, keys: Keys | None, environment: _Environment) -> Any:
    with _lock:
        config = Config(retries={"max_attempts": 5, "mode": "standard"}, max_pool_connections=50)
        return _session(keys, environment).client(service, config=config)


def client(service: str) -> Any:
    return _client(service, acting_keys(), _environment())


def reset_clients() -> None:
    """Forget cached clients (tests switch endpoints between runs)."""
    _client.cache_clear()
    _session.cache_clear()
