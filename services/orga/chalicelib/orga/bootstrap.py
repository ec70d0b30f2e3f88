"""Orga's composition root: real adapters built from the environment, once per container."""

from __future__ import annotations

from functools import cache

from chalicelib.orga import handlers
from chalicelib.orga.adapters.dynamo_accounts import (
    DynamoAccountRepository,
    DynamoOrganizationRepository,
)
from chalicelib.orga.adapters.dynamo_campaigns import (
    DynamoCampaignRepository,
    DynamoParticipationRepository,
    DynamoProfileRepository,
)
from chalicelib.orga.adapters.dynamo_erasures import DynamoErasures
from chalicelib.orga.adapters.dynamo_exports import DynamoExports
from chalicelib.orga.adapters.dynamo_imports import DynamoImportRepository, DynamoSchoolDirectory
from chalicelib.orga.adapters.dynamo_privacy import DynamoLearnerRecords
from chalicelib.orga.adapters.dynamo_results import DynamoResultRepository
from chalicelib.orga.adapters.dynamo_students import DynamoStudentRepository
from chalicelib.orga.adapters.dynamo_throttle import DynamoLoginThrottle
from chalicelib.orga.adapters.s3_import_files import S3ImportFiles
from chalicelib.orga.adapters.skills_file import ShippedSkills
from chalicelib.orga.adapters.student_files import StoredStudentFiles
from chalicelib.orga.adapters.tables import bind_tables
from chalicelib.orga.ports import Ports
from pixcore import runtime
from pixcore.auth import TokenService
from pixcore.clock import SystemClock
from pixcore.consumer import MessageConsumer

SERVICE = "orga"


@cache
def ports() -> Ports:
    rt = runtime.ServiceRuntime(SERVICE)
    bind_tables(rt.main_table)
    files = S3ImportFiles(rt.setting("DOCUMENTS_BUCKET"))
    return Ports(
        accounts=DynamoAccountRepository(),
        organizations=DynamoOrganizationRepository(),
        throttle=DynamoLoginThrottle(),
        campaigns=DynamoCampaignRepository(),
        participations=DynamoParticipationRepository(),
        profiles=DynamoProfileRepository(),
        results=DynamoResultRepository(),
        students=DynamoStudentRepository(),
        imports=DynamoImportRepository(files),
        import_files=files,
        student_files=StoredStudentFiles(files),
        schools=DynamoSchoolDirectory(),
        publisher=rt.publisher(),
        skills=ShippedSkills(),
        tokens=runtime.tokens(),
        clock=SystemClock(),
        cursor_secret=runtime.cursor_key,
        learners=DynamoLearnerRecords(files),
        erasures=DynamoErasures(),
        exports=DynamoExports(files),
        claims=runtime.claims_store(),
    )


@cache
def consumer() -> MessageConsumer:
    return runtime.ServiceRuntime(SERVICE).consumer(handlers.handlers(ports()))


def tokens() -> TokenService:
    return runtime.tokens()


def reset() -> None:
    ports.cache_clear()
    consumer.cache_clear()
