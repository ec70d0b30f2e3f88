"""Jury's composition root: real adapters built from the environment, once per container."""

from __future__ import annotations

from functools import cache

from chalicelib.jury.adapters.attestation_pdf import SignedAttestationRenderer
from chalicelib.jury.adapters.dynamo_jury import (
    DynamoCertifications,
    DynamoMembers,
    DynamoSessions,
    DynamoVerificationCodes,
)
from chalicelib.jury.adapters.dynamo_stats import DynamoStats, DynamoThrottle
from chalicelib.jury.adapters.signing import PadesSignatureChecker, SigningMaterial
from chalicelib.jury.adapters.tables import bind_tables
from chalicelib.jury.ports import JurySettings, Ports
from pixcore import runtime
from pixcore.auth import TokenService, ssm_signing_key
from pixcore.clock import SystemClock
from pixcore.consumer import MessageConsumer
from pixcore.settings import setting

SERVICE = "jury"


@cache
def ports() -> Ports:
    rt = runtime.ServiceRuntime(SERVICE)
    bind_tables(rt.main_table)
    parameter = rt.setting("SIGNING_KEY_PARAMETER")
    material = SigningMaterial(lambda: ssm_signing_key(parameter))
    return Ports(
        certifications=DynamoCertifications(),
        sessions=DynamoSessions(),
        codes=DynamoVerificationCodes(),
        members=DynamoMembers(),
        stats=DynamoStats(),
        throttle=DynamoThrottle(),
        documents=rt.documents(),
        renderer=SignedAttestationRenderer(material),
        checker=PadesSignatureChecker(material),
        publisher=rt.publisher(),
        clock=SystemClock(),
        settings=JurySettings(
            verification_url=rt.setting("VERIFICATION_URL"),
            verify_limit=int(setting("PIXCERT_JURY_VERIFY_LIMIT", "20")),
            cursor_secret=runtime.cursor_key,
        ),
        claims=runtime.claims_store(),
    )


@cache
def consumer() -> MessageConsumer:
    from chalicelib.jury.handlers import handlers

    return runtime.ServiceRuntime(SERVICE).consumer(handlers(ports()))


def tokens() -> TokenService:
    return runtime.tokens()


def reset() -> None:
    ports.cache_clear()
    consumer.cache_clear()
