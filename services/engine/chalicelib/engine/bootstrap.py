"""Engine's composition root: real adapters built from the environment, once per container."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from typing import Any

from chalicelib.engine.adapters.content_file import read_content
from chalicelib.engine.adapters.dynamo_assessments import DynamoAssessmentStore
from chalicelib.engine.adapters.dynamo_learners import DynamoLearnerLinks
from chalicelib.engine.adapters.tables import bind_tables
from chalicelib.engine.domain.content import LearningContent
from chalicelib.engine.ports import AssessmentStore, LearnerLinks
from chalicelib.engine.use_cases.profiles import referential
from pixcore import runtime
from pixcore.auth import TokenService
from pixcore.clock import Clock, SystemClock
from pixcore.consumer import MessageConsumer
from pixcore.ports import Publisher
from pixcore.referential import DEFAULT_MAX_LEVEL

SERVICE = "engine"


@dataclass
class Engine:
    learners: LearnerLinks
    assessments: AssessmentStore
    publisher: Publisher
    clock: Clock
    max_level: int


@cache
def engine() -> Engine:
    rt = runtime.ServiceRuntime(SERVICE)
    bind_tables(rt.main_table)
    return Engine(
        learners=DynamoLearnerLinks(),
        assessments=DynamoAssessmentStore(),
        publisher=rt.publisher(),
        clock=SystemClock(),
        max_level=int(os.environ.get("PIXCERT_ENGINE_MAX_LEVEL") or DEFAULT_MAX_LEVEL),
    )


@cache
def content() -> LearningContent:
    """Loaded and indexed on first use, then kept for the life of the container."""
    return read_content()


@cache
def referential_document() -> dict[str, Any]:
    return referential(content())


@cache
def consumer() -> MessageConsumer:
    from chalicelib.engine.handlers import handlers

    return runtime.ServiceRuntime(SERVICE).consumer(handlers(engine()))


def tokens() -> TokenService:
    return runtime.tokens()


def reset() -> None:
    engine.cache_clear()
    consumer.cache_clear()
