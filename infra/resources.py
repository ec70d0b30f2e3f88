"""The names of every AWS resource, shared by the template, the services' settings and the local stack."""

from __future__ import annotations

SERVICES = ("orga", "certif", "engine", "jury")
DOCUMENT_SERVICES = ("orga", "certif", "jury")
PREFIX = "pixcert"
MAX_RECEIVES = 5
VISIBILITY_TIMEOUT = 120
TOKEN_KEY_PARAMETER = "/pixcert/token-signing-key"
# PEM bundle (ECDSA P-256 key + certificate chain) signing attestation PDFs, read by jury only.
ATTESTATION_KEY_PARAMETER = "/pixcert/attestation-signing-key"
VERIFICATION_URL = "http://localhost:8000/verify/?code={code}"
SESSION_DOCUMENTS_PREFIX = "sessions/"


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


def service_environment(service: str) -> dict[str, str]:
    """The environment a service's Lambda functions run with (also set by the local stack)."""
    upper = service.upper()
    env = {
        f"PIXCERT_{upper}_MAIN_TABLE": main_table(service),
        f"PIXCERT_{upper}_PROCESSED_TABLE": processed_table(service),
        "PIXCERT_CLAIMS_BUCKET": claim_check_bucket(),
        "PIXCERT_TOKEN_KEY_PARAMETER": TOKEN_KEY_PARAMETER,
    }
    for consumer in SERVICES:
        env[f"PIXCERT_{consumer.upper()}_QUEUE"] = queue(consumer)
    if service == "engine":
        # Highest level a competence can reach: 5 in 2020, 6 from 2021 (DOMAIN.md, Profile).
        env["PIXCERT_ENGINE_MAX_LEVEL"] = "6"
    if service == "jury":
        env["PIXCERT_JURY_SIGNING_KEY_PARAMETER"] = ATTESTATION_KEY_PARAMETER
        # The public verification page the attestation's QR code opens ({code} is filled in).
        env["PIXCERT_JURY_VERIFICATION_URL"] = VERIFICATION_URL
    if service in DOCUMENT_SERVICES:
        env[f"PIXCERT_{upper}_DOCUMENTS_BUCKET"] = documents_bucket(service)
    return env
