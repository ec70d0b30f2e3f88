"""Engine's composition root: real adapters built from the environment, once per container."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from pixcore import runtime
from pixcore.auth import TokenService
from pixcore.bus import Publisher
from pixcore.consumer import MessageConsumer

from chalicelib.engine.adapters.dynamo_learners import DynamoLearnerLinks
from chalicelib.engine.adapters.tables import bind_tables
from chalicelib.engine.ports import LearnerLinks

SERVICE = "engine"


@dataclass
class Engine:
    learners: LearnerLinks
    publisher: Publisher


@cache
def engine() -> Engine:
    rt = runtime.ServiceRuntime(SERVICE)
    bind_tables(rt.main_table)
    return Engine(learners=DynamoLearnerLinks(), publisher=rt.publisher())


@cache
def consumer() -> MessageConsumer:
    from chalicelib.engine.handlers import handlers

    return runtime.ServiceRuntime(SERVICE).consumer(handlers(engine()))


def tokens() -> TokenService:
    return runtime.tokens()


def reset() -> None:
    engine.cache_clear()
    consumer.cache_clear()
