"""Engine's composition root: real adapters built from the environment, once per container."""

from __future__ import annotations

import os
from functools import cache
from typing import Any

from chalicelib.engine.adapters.dynamo_assessments import DynamoAssessmentStore
from chalicelib.engine.adapters.dynamo_campaigns import DynamoCampaignDirectory
from chalicelib.engine.adapters.dynamo_courses import DynamoCourseStore
from chalicelib.engine.adapters.dynamo_learners import DynamoLearnerLinks
from chalicelib.engine.adapters.dynamo_privacy import DynamoLearnerData
from chalicelib.engine.adapters.tables import bind_tables
from chalicelib.engine.content_files import read_content
from chalicelib.engine.domain.content import LearningContent
from chalicelib.engine.domain.course_clock import course_duration
from chalicelib.engine.handlers import handlers
from chalicelib.engine.ports import Ports
from chalicelib.engine.use_cases.profiles import referential
from pixcore import runtime
from pixcore.auth import TokenService
from pixcore.clock import SystemClock
from pixcore.consumer import MessageConsumer
from pixcore.referential import DEFAULT_MAX_LEVEL

SERVICE = "engine"


@cache
def content() -> LearningContent:
    """Loaded and indexed on first use, then kept for the life of the container."""
    return read_content()


@cache
def ports() -> Ports:
    rt = runtime.ServiceRuntime(SERVICE)
    bind_tables(rt.main_table)
    return Ports(
        learners=DynamoLearnerLinks(),
        assessments=DynamoAssessmentStore(),
        campaigns=DynamoCampaignDirectory(),
        publisher=rt.publisher(),
        clock=SystemClock(),
        content=content(),
        max_level=int(os.environ.get("PIXCERT_ENGINE_MAX_LEVEL") or DEFAULT_MAX_LEVEL),
        courses=DynamoCourseStore(),
        # Only a stage named `local` explicitly may shorten the test.
        test_duration=course_duration(
            os.environ.get("PIXCERT_STAGE", ""),
            os.environ.get("PIXCERT_ENGINE_TEST_DURATION_SECONDS"),
        ),
        learner_data=DynamoLearnerData(),
        claims=runtime.claims_store(),
    )


@cache
def referential_document() -> dict[str, Any]:
    return referential(content())


@cache
def consumer() -> MessageConsumer:
    return runtime.ServiceRuntime(SERVICE).consumer(handlers(ports()))


def tokens() -> TokenService:
    return runtime.tokens()


def reset() -> None:
    ports.cache_clear()
    consumer.cache_clear()
