"""Jury's composition root: real adapters built from the environment, once per container."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from chalicelib.jury.adapters.dynamo_schools import DynamoSchoolRepository
from chalicelib.jury.adapters.tables import bind_tables
from chalicelib.jury.ports import SchoolRepository
from pixcore import runtime
from pixcore.auth import TokenService
from pixcore.consumer import MessageConsumer
from pixcore.ports import DocumentStore, Publisher

SERVICE = "jury"


@dataclass
class Jury:
    schools: SchoolRepository
    publisher: Publisher
    claims: DocumentStore | None = None


@cache
def jury() -> Jury:
    rt = runtime.ServiceRuntime(SERVICE)
    bind_tables(rt.main_table)
    return Jury(
        schools=DynamoSchoolRepository(), publisher=rt.publisher(), claims=runtime.claims_store()
    )


@cache
def consumer() -> MessageConsumer:
    from chalicelib.jury.handlers import handlers

    return runtime.ServiceRuntime(SERVICE).consumer(handlers(jury()))


def tokens() -> TokenService:
    return runtime.tokens()


def reset() -> None:
    jury.cache_clear()
    consumer.cache_clear()
