"""Certif's composition root: real adapters built from the environment, once per container."""

from __future__ import annotations

import os
from functools import cache

from chalicelib.certif.adapters.dynamo_centers import DynamoCenterRepository
from chalicelib.certif.adapters.dynamo_finalization import (
    DynamoAttemptThrottle,
    DynamoFinalizationRepository,
)
from chalicelib.certif.adapters.dynamo_privacy import DynamoLearnerData
from chalicelib.certif.adapters.dynamo_sessions import (
    DynamoCandidateRepository,
    DynamoSessionRepository,
)
from chalicelib.certif.adapters.dynamo_students import DynamoStudentDirectory
from chalicelib.certif.adapters.pdf_documents import Fpdf2DocumentRenderer
from chalicelib.certif.adapters.s3_student_lists import S3StudentLists
from chalicelib.certif.adapters.tables import bind_tables
from chalicelib.certif.domain.calendar import CalendarPolicy, CalendarSettings
from chalicelib.certif.ports import Ports
from pixcore import runtime
from pixcore.auth import TokenService
from pixcore.clock import SystemClock
from pixcore.consumer import MessageConsumer
from pixcore.settings import stage

SERVICE = "certif"


def calendar_settings() -> CalendarSettings:
    """`PIXCERT_CERTIF_CALENDAR_POLICY`: `refuse` or `warn` outside the calendar — refuse by
    default, warn on the local stage (its demo runs on any day of the year);
    `PIXCERT_CERTIF_COLLEGE_DEROGATION=1` extends collèges to 20 May."""
    default = "warn" if stage() == "local" else "refuse"
    policy = CalendarPolicy(os.environ.get("PIXCERT_CERTIF_CALENDAR_POLICY", default))
    derogation = os.environ.get("PIXCERT_CERTIF_COLLEGE_DEROGATION", "") in ("1", "true")
    return CalendarSettings(policy=policy, college_derogation=derogation)


@cache
def ports() -> Ports:
    rt = runtime.ServiceRuntime(SERVICE)
    bind_tables(rt.main_table)
    sessions = DynamoSessionRepository()
    return Ports(
        centers=DynamoCenterRepository(),
        students=DynamoStudentDirectory(),
        sessions=sessions,
        candidates=DynamoCandidateRepository(),
        finalizations=DynamoFinalizationRepository(),
        throttle=DynamoAttemptThrottle(),
        student_lists=S3StudentLists(),
        renderer=Fpdf2DocumentRenderer(),
        documents=rt.documents(),
        publisher=rt.publisher(),
        clock=SystemClock(),
        tokens=runtime.tokens(),
        calendar=calendar_settings(),
        cursor_secret=runtime.cursor_key,
        learner_data=DynamoLearnerData(),
        claims=runtime.claims_store(),
    )


@cache
def consumer() -> MessageConsumer:
    from chalicelib.certif.handlers import handlers

    return runtime.ServiceRuntime(SERVICE).consumer(handlers(ports()))


def tokens() -> TokenService:
    return runtime.tokens()


def reset() -> None:
    ports.cache_clear()
    consumer.cache_clear()
