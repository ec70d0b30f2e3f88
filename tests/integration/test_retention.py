"""Retention enforced by the platform (PRIVACY.md): each S3 lifecycle rule and DynamoDB TTL of
the template, and the local stack applying them."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

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


def test_a_failed_import_is_forgotten_thirty_days_after_it_ended(apps):
    from chalicelib.orga.adapters.dynamo_imports import DynamoImportRepository, ImportItem
    from chalicelib.orga.adapters.s3_import_files import S3ImportFiles
    from chalicelib.orga.domain.imports import FileKind, Import, ImportSource, ImportStatus

    ended = datetime(2026, 9, 14, 8, 0, tzinfo=UTC)
    repository = DynamoImportRepository(S3ImportFiles(resources.documents_bucket("orga")))
    for import_id, status in (("failed", ImportStatus.FAILED), ("done", ImportStatus.DONE)):
        record = Import(
            import_id,
            "org-1",
            ImportStatus.RUNNING,
            FileKind.SIECLE,
            ImportSource.UPLOAD,
            f"imports/org-1/{import_id}",
            ended - timedelta(minutes=1),
        )
        repository.add(record)
        record.finished_at = ended
        assert repository.transition(record, status, ImportStatus.RUNNING)
    failed = ImportItem.get("ORG#org-1", "IMPORT#failed")
    assert failed.expires_at == int((ended + timedelta(days=30)).timestamp())
    assert ImportItem.get("ORG#org-1", "IMPORT#done").expires_at is None


def test_a_student_who_left_is_forgotten_when_that_school_year_ends():
    from chalicelib.orga.adapters.student_items import to_item
    from chalicelib.orga.domain.students import Student

    left = Student(
        id="s-1",
        organization_id="org-1",
        ine="123456789AB",
        last_name="Lefèvre",
        first_name="Maëlle",
        birthdate=date(2012, 3, 4),
        division="4e B",
        active=False,
        updated_at=datetime(2027, 2, 1, 9, tzinfo=UTC),
    )
    september = datetime(2027, 8, 31, 22, 0, tzinfo=UTC)  # 1 September 00:00 in Paris
    assert to_item(left, None).expires_at == int(september.timestamp())
    assert to_item(left, "gen-1").expires_at is None  # still in the school's list


def test_the_school_year_ends_on_the_31st_of_august_paris_time():
    paris_midnight = datetime(2027, 8, 31, 22, 0, tzinfo=UTC)  # 1 September 00:00 in Paris
    assert keep.end_of_school_year(date(2027, 6, 30)) == int(paris_midnight.timestamp())
    assert keep.end_of_school_year(date(2026, 9, 2)) == int(paris_midnight.timestamp())
    assert keep.end_of_school_year(date(2027, 9, 1)) > int(paris_midnight.timestamp())
