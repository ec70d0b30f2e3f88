"""What moto's CloudFormation leaves out of the template's retention: S3 lifecycle rules (and
TTLs, should a moto version skip them) are applied through the APIs after the stack is created,
so the local stack keeps data exactly as long as production does."""

from __future__ import annotations

from typing import Any

from infra.template import build


def _rule(rule: dict[str, Any]) -> dict[str, Any]:
    api: dict[str, Any] = {
        "ID": rule["Id"],
        "Status": rule["Status"],
        "Filter": {"Prefix": rule.get("Prefix", "")},
    }
    if "ExpirationInDays" in rule:
        api["Expiration"] = {"Days": rule["ExpirationInDays"]}
    if "NoncurrentVersionExpiration" in rule:
        api["NoncurrentVersionExpiration"] = rule["NoncurrentVersionExpiration"]
    return api


def apply_retention() -> None:
    from pixcore import aws

    s3, dynamodb = aws.client("s3"), aws.client("dynamodb")
    for res in build()["Resources"].values():
        props = res.get("Properties", {})
        if res["Type"] == "AWS::S3::Bucket" and "LifecycleConfiguration" in props:
            rules = [_rule(r) for r in props["LifecycleConfiguration"]["Rules"]]
            s3.put_bucket_lifecycle_configuration(
                Bucket=props["BucketName"], LifecycleConfiguration={"Rules": rules}
            )
        if res["Type"] == "AWS::DynamoDB::Table" and "TimeToLiveSpecification" in props:
            name = props["TableName"]
            status = dynamodb.describe_time_to_live(TableName=name)["TimeToLiveDescription"]
            if status.get("TimeToLiveStatus") != "ENABLED":
                dynamodb.update_time_to_live(
                    TableName=name, TimeToLiveSpecification=props["TimeToLiveSpecification"]
                )
