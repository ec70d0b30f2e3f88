"""Orga's composition root: real adapters built from the environment, once per container."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from chalicelib.orga.adapters.dynamo_accounts import (
    DynamoAccountRepository,
    DynamoOrganizationRepository,
)
from chalicelib.orga.adapters.dynamo_campaigns import (
    DynamoCampaignRepository,
    DynamoParticipationRepository,
    DynamoProfileRepository,
)
from chalicelib.orga.adapters.dynamo_imports import DynamoImportRepository, DynamoSchoolDirectory
from chalicelib.orga.adapters.dynamo_results import DynamoResultRepository
from chalicelib.orga.adapters.dynamo_students import DynamoStudentRepository
from chalicelib.orga.adapters.dynamo_throttle import DynamoLoginThrottle
from chalicelib.orga.adapters.s3_import_files import S3ImportFiles
from chalicelib.orga.adapters.tables import bind_tables
from chalicelib.orga.ports import (
    AccountRepository,
    CampaignRepository,
    ImportFiles,
    ImportRepository,
    LoginThrottle,
    OrganizationRepository,
    ParticipationRepository,
    ProfileRepository,
    ResultRepository,
    SchoolDirectory,
    StudentRepository,
)
from pixcore import runtime
from pixcore.auth import TokenService
from pixcore.clock import Clock, SystemClock
from pixcore.consumer import MessageConsumer
from pixcore.ports import Publisher

SERVICE = "orga"


@dataclass
class Orga:
    accounts: AccountRepository
    organizations: OrganizationRepository
    throttle: LoginThrottle
    campaigns: CampaignRepository
    participations: ParticipationRepository
    profiles: ProfileRepository
    results: ResultRepository
    publisher: Publisher
    tokens: TokenService
    clock: Clock
    students: StudentRepository
    imports: ImportRepository
    import_files: ImportFiles
    schools: SchoolDirectory


@cache
def orga() -> Orga:
    rt = runtime.ServiceRuntime(SERVICE)
    bind_tables(rt.main_table)
    files = S3ImportFiles(rt.setting("DOCUMENTS_BUCKET"))
    return Orga(
        accounts=DynamoAccountRepository(),
        organizations=DynamoOrganizationRepository(),
        throttle=DynamoLoginThrottle(),
        campaigns=DynamoCampaignRepository(),
        participations=DynamoParticipationRepository(),
        profiles=DynamoProfileRepository(),
        results=DynamoResultRepository(),
        publisher=rt.publisher(),
        tokens=runtime.tokens(),
        clock=SystemClock(),
        students=DynamoStudentRepository(),
        imports=DynamoImportRepository(files),
        import_files=files,
        schools=DynamoSchoolDirectory(),
    )


@cache
def consumer() -> MessageConsumer:
    from chalicelib.orga import handlers

    orga()
    return runtime.ServiceRuntime(SERVICE).consumer(handlers.handlers(orga()))


def tokens() -> TokenService:
    return runtime.tokens()


def reset() -> None:
    orga.cache_clear()
    consumer.cache_clear()
