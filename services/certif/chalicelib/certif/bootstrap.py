"""Certif's composition root: real adapters built from the environment, once per container."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from chalicelib.certif.adapters.dynamo_centers import DynamoCenterRepository
from chalicelib.certif.adapters.tables import bind_tables
from chalicelib.certif.ports import CenterRepository
from pixcore import runtime
from pixcore.auth import TokenService
from pixcore.consumer import MessageConsumer
from pixcore.ports import Publisher

SERVICE = "certif"


@dataclass
class Certif:
    centers: CenterRepository
    publisher: Publisher


@cache
def certif() -> Certif:
    rt = runtime.ServiceRuntime(SERVICE)
    bind_tables(rt.main_table)
    return Certif(centers=DynamoCenterRepository(), publisher=rt.publisher())


@cache
def consumer() -> MessageConsumer:
    from chalicelib.certif.handlers import handlers

    return runtime.ServiceRuntime(SERVICE).consumer(handlers(certif()))


def tokens() -> TokenService:
    return runtime.tokens()


def reset() -> None:
    certif.cache_clear()
    consumer.cache_clear()
