"""Kernel adapters on moto: S3 documents, SQS publishing with claim checks, the SSM signing key."""

from __future__ import annotations

import urllib.parse

import pytest

from pixcore import runtime
from pixcore.consumer import resolve_body
from pixcore.errors import NotFound
from pixcore.messages import CATALOG, parse_message
from pixcore.messages.catalog import StudentsImported
from tests.integration.conftest import drain


def test_s3_document_store_round_trip_and_presigned_urls(aws):
    store = runtime.document_store("pixcert-certif-documents")
    store.put("sessions/1/pv.pdf", b"%PDF-1.7 fake", "application/pdf")
    assert store.get("sessions/1/pv.pdf") == b"%PDF-1.7 fake"
    assert store.exists("sessions/1/pv.pdf") and not store.exists("sessions/1/pv")
    url = urllib.parse.urlsplit(store.presigned_get("sessions/1/pv.pdf", filename="pv.pdf"))
    assert url.path.endswith("/sessions/1/pv.pdf") and "Signature" in url.query
    store.delete("sessions/1/pv.pdf")
    with pytest.raises(NotFound):
        store.get("sessions/1/pv.pdf")


def test_a_large_message_crosses_sqs_by_claim_check(aws):
    message = StudentsImported(
        organization_id="o",
        import_id="i",
        students_bucket="b",
        students_key="k",
        active_count=0,
        disabled_student_ids=[f"student-{i:06d}" for i in range(20_000)],
    )
    runtime.ServiceRuntime("orga").publisher().publish(message)
    [body] = drain("certif")
    assert "claim_check" in body
    import json

    full = resolve_body(json.dumps(body), runtime.document_store)
    assert parse_message(full, CATALOG) == message


def test_the_signing_key_comes_from_ssm(aws):
    from pixcore.principal import Principal

    tokens = runtime.tokens()
    assert tokens.verify(tokens.issue(Principal("u1"))).user_id == "u1"
