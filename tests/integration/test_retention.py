"""Retention enforced by the platform (PRIVACY.md): each S3 lifecycle rule and DynamoDB TTL of
the template, and the local stack applying them."""

from __future__ import annotations

import boto3

from infra import resources
from infra.template import build
from pixcore import retention as keep


def _rules(bucket: str) -> dict[str, dict]:
    for res in build()["Resources"].values():
        if res["Type"] == "AWS::S3::Bucket" and res["Properties"]["BucketName"] == bucket:
            return {r["Id"]: r for r in res["Properties"]["LifecycleConfiguration"]["Rules"]}
    raise AssertionError(bucket)


def _expiry(bucket: str, rule: str) -> tuple[str, int]:
    found = _rules(bucket)[rule]
    assert found["Status"] == "Enabled"
    return found.get("Prefix", ""), found["ExpirationInDays"]


def test_uploaded_import_files_and_their_reports_go_after_thirty_days():
    orga = resources.documents_bucket("orga")
    assert _expiry(orga, "import-files") == ("imports/", 30)
    for rule, prefix in (("inbox-files", "inbox/"), ("done-files", "done/")):
        assert _expiry(orga, rule) == (prefix, 30)
    assert _expiry(orga, "failed-files") == ("failed/", 30)


def test_a_learners_export_archive_goes_after_seven_days():
    assert _expiry(resources.documents_bucket("orga"), "exports") == ("exports/", 7)


def test_attendance_sheets_and_session_reports_are_kept_two_years_then_deleted():
    for service in ("certif", "jury"):
        bucket = resources.documents_bucket(service)
        assert _expiry(bucket, "session-documents-two-years") == ("sessions/", 730)


def test_claim_checks_outlive_the_dead_letter_queue_and_no_longer():
    dlq = next(
        res
        for res in build()["Resources"].values()
        if res["Type"] == "AWS::SQS::Queue" and "RedrivePolicy" not in res["Properties"]
    )
    dlq_days = dlq["Properties"]["MessageRetentionPeriod"] // keep.DAY
    _, days = _expiry(resources.claim_check_bucket(), "claims-expire")
    assert days == dlq_days == 14


def test_replaced_versions_are_kept_thirty_days_only():
    for bucket in (*map(resources.documents_bucket, resources.DOCUMENT_SERVICES),):
        rule = _rules(bucket)["old-versions"]
        assert rule["NoncurrentVersionExpiration"]["NoncurrentDays"] == keep.OLD_VERSION_DAYS


def test_every_table_expires_items_by_their_expires_at_attribute():
    tables = [
        res["Properties"]
        for res in build()["Resources"].values()
        if res["Type"] == "AWS::DynamoDB::Table"
    ]
    assert len(tables) == 2 * len(resources.SERVICES)
    for table in tables:
        assert table["TimeToLiveSpecification"] == {"AttributeName": "expires_at", "Enabled": True}


def test_the_local_stack_applies_lifecycle_rules_and_ttls(aws):
    s3, dynamodb = boto3.client("s3"), boto3.client("dynamodb")
    for bucket in (
        *map(resources.documents_bucket, resources.DOCUMENT_SERVICES),
        resources.claim_check_bucket(),
    ):
        applied = s3.get_bucket_lifecycle_configuration(Bucket=bucket)["Rules"]
        assert {r["ID"] for r in applied} == set(_rules(bucket)), bucket
    for service in resources.SERVICES:
        for table in (resources.main_table(service), resources.processed_table(service)):
            ttl = dynamodb.describe_time_to_live(TableName=table)["TimeToLiveDescription"]
            assert ttl["TimeToLiveStatus"] == "ENABLED", table
            assert ttl["AttributeName"] == "expires_at"
