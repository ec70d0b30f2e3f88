"""The names of every AWS resource, shared by the template, the services' settings, their IAM
policies and the local stack. A new service, bucket, secret or cross-service read starts here."""

from __future__ import annotations

from dataclasses import dataclass

from pixcore import retention as keep

PREFIX = "pixcert"
MAX_RECEIVES = 5
VISIBILITY_TIMEOUT = 120
INDEXES = ("gsi1", "gsi2")
SESSION_DOCUMENTS_PREFIX = "sessions/"
CLAIM_CHECKS_PREFIX = "claim-checks/"
EXPORTS_PREFIX = "exports/"
# Secrets Manager names (the ARN adds a random 6-character suffix).
TOKEN_KEY_SECRET = "pixcert/token-signing-key"
# PEM bundle (ECDSA P-256 key + certificate chain) signing attestation PDFs, read by jury only;
# the operator puts the CA-issued bundle in it (infra/SECRETS.md), the local stack a self-signed one.
ATTESTATION_KEY_SECRET = "pixcert/attestation-signing-key"
VERIFICATION_URL = "http://localhost:8000/verify/?code={code}"
STAGES = ("local", "dev", "prod")
# Who may call the APIs from a browser and PUT to a presigned upload URL, per stage. Production
# names its frontend's origin: never "*" (a test checks it).
WEB_ORIGINS = {
    # `pixcert up --port` (and the browser tests) may serve the apps on any port.
    "local": ("http://127.0.0.1:*", "http://localhost:*"),
    "dev": ("http://127.0.0.1:8000", "http://localhost:8000"),
    "prod": ("https://pixcert.fr",),
}


@dataclass(frozen=True)
class ObjectRead:
    """Objects of another service's documents bucket a service may read, by key pattern."""

    owner: str
    pattern: str
    why: str


@dataclass(frozen=True)
class Expiry:
    """An S3 lifecycle rule: objects under `prefix` are deleted `days` after they were written
    (PRIVACY.md names the rule of each kind of object)."""

    id: str
    prefix: str
    days: int


@dataclass(frozen=True)
class Service:
    name: str
    documents: bool = False
    expiries: tuple[Expiry, ...] = ()
    secrets: tuple[str, ...] = (TOKEN_KEY_SECRET,)
    reads: tuple[ObjectRead, ...] = ()
    extra_environment: tuple[tuple[str, str], ...] = ()


# The student list orga's `StudentsImported` points to (orga's `students_list_key`).
STUDENT_LISTS = "imports/*.students.jsonl"

# Uploaded student files and what imports derive from them: a successful import deletes its
# upload at once; whatever is left (a failed import, its report, superseded lists) goes after
# the days a school has to read a failed import's report.
ORGA_EXPIRIES = (
    Expiry("import-files", "imports/", keep.FAILED_IMPORT_DAYS),
    Expiry("inbox-files", "inbox/", keep.FAILED_IMPORT_DAYS),
    Expiry("done-files", "done/", keep.FAILED_IMPORT_DAYS),
    Expiry("failed-files", "failed/", keep.FAILED_IMPORT_DAYS),
    Expiry("exports", EXPORTS_PREFIX, keep.EXPORT_DAYS),
)
SESSION_EXPIRIES = (
    Expiry("session-documents-two-years", SESSION_DOCUMENTS_PREFIX, keep.SESSION_DOCUMENTS_DAYS),
)
# Rendered attestation PDFs: no longer than the certificate is valid (jury renders one again
# from its record while the certificate is valid).
ATTESTATIONS_PREFIX = "attestations/"
ATTESTATION_EXPIRIES = (
    Expiry("attestations-three-years", ATTESTATIONS_PREFIX, keep.CERTIFICATE_VALIDITY_DAYS),
)

CATALOGUE = (
    Service("orga", documents=True, expiries=ORGA_EXPIRIES),
    Service(
        "certif",
        documents=True,
        expiries=SESSION_EXPIRIES,
        reads=(ObjectRead("orga", STUDENT_LISTS, "StudentsImported points to the student list"),),
    ),
    # Highest level a competence can reach: 5 in 2020, 6 from 2021 (DOMAIN.md, Profile).
    Service("engine", extra_environment=(("PIXCERT_ENGINE_MAX_LEVEL", "6"),)),
    Service(
        "jury",
        documents=True,
        expiries=SESSION_EXPIRIES + ATTESTATION_EXPIRIES,
        secrets=(TOKEN_KEY_SECRET, ATTESTATION_KEY_SECRET),
        # jury's bootstrap names the attestation key by this variable (a secret's name now).
        extra_environment=(
            ("PIXCERT_JURY_SIGNING_KEY_PARAMETER", ATTESTATION_KEY_SECRET),
            # The public verification page the attestation's QR code opens ({code} filled in).
            ("PIXCERT_JURY_VERIFICATION_URL", VERIFICATION_URL),
        ),
    ),
)
BY_NAME = {s.name: s for s in CATALOGUE}
SERVICES = tuple(s.name for s in CATALOGUE)
DOCUMENT_SERVICES = tuple(s.name for s in CATALOGUE if s.documents)
SECRETS = tuple(dict.fromkeys(secret for s in CATALOGUE for secret in s.secrets))


def main_table(service: str) -> str:
    return f"{PREFIX}-{service}-main"


def processed_table(service: str) -> str:
    return f"{PREFIX}-{service}-processed"


def queue(service: str) -> str:
    return f"{PREFIX}-{service}-messages"


def dead_letter_queue(service: str) -> str:
    return f"{PREFIX}-{service}-messages-dlq"


def documents_bucket(service: str) -> str:
    return f"{PREFIX}-{service}-documents"


def claim_check_bucket() -> str:
    return f"{PREFIX}-message-claims"


def web_bucket() -> str:
    """The browser apps (web/), served by CloudFront (infra/web_hosting.py)."""
    return f"{PREFIX}-web"


def function_prefix(service: str) -> str:
    """Chalice names a service's functions `pixcert-<service>-<stage>[-<handler>]`."""
    return f"{PREFIX}-{service}-"


def secret_variable(secret: str) -> str:
    """`pixcert/token-signing-key` is read from `PIXCERT_TOKEN_SIGNING_KEY_SECRET`."""
    return "PIXCERT_" + secret.removeprefix(f"{PREFIX}/").replace("-", "_").upper() + "_SECRET"


def service_environment(service: str) -> dict[str, str]:
    """The environment a service's Lambda functions run with (also set by the local stack)."""
    spec, upper = BY_NAME[service], service.upper()
    env = {
        f"PIXCERT_{upper}_MAIN_TABLE": main_table(service),
        f"PIXCERT_{upper}_PROCESSED_TABLE": processed_table(service),
        "PIXCERT_CLAIMS_BUCKET": claim_check_bucket(),
    }
    env.update({secret_variable(secret): secret for secret in spec.secrets})
    for consumer in SERVICES:
        env[f"PIXCERT_{consumer.upper()}_QUEUE"] = queue(consumer)
    env.update(dict(spec.extra_environment))
    if spec.documents:
        env[f"PIXCERT_{upper}_DOCUMENTS_BUCKET"] = documents_bucket(service)
    return env
