"""AWS clients built lazily, once per container; they honour AWS_ENDPOINT_URL (moto locally)."""

from __future__ import annotations

import os
import threading
from functools import cache
from typing import Any

import boto3
from botocore.config import Config

_lock = threading.Lock()


@cache
def _session() -> boto3.session.Session:
    return boto3.session.Session(region_name=os.environ.get("AWS_DEFAULT_REGION", "eu-west-3"))


@cache
def client(service: str) -> Any:
    with _lock:
        config = Config(retries={"max_attempts": 5, "mode": "standard"}, max_pool_connections=50)
        return _session().client(service, config=config)


def reset_clients() -> None:
    """Forget cached clients (tests switch endpoints between runs)."""
    client.cache_clear()
    _session.cache_clear()
