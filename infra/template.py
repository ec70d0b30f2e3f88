"""Writes infra/template.yaml: every table, queue + dead-letter queue, bucket and secret."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

from infra import privacy, web_hosting
from infra import resources as r
from pixcore import retention as keep

TEMPLATE_PATH = Path(__file__).with_name("template.yaml")


def _camel(*parts: str) -> str:
    return "".join(p[:1].upper() + p[1:] for part in parts for p in part.split("-"))


def _table(name: str, keys: list[tuple[str, str]], gsis: int) -> dict[str, Any]:
    attributes = {k for k, _ in keys}
    indexes = []
    for i in range(1, gsis + 1):
        attributes |= {f"gsi{i}pk", f"gsi{i}sk"}
        indexes.append(
            {
                "IndexName": f"gsi{i}",
                "KeySchema": [
                    {"AttributeName": f"gsi{i}pk", "KeyType": "HASH"},
                    {"AttributeName": f"gsi{i}sk", "KeyType": "RANGE"},
                ],
                "Projection": {"ProjectionType": "ALL"},
            }
        )
    props: dict[str, Any] = {
        "TableName": name,
        "BillingMode": "PAY_PER_REQUEST",
        "AttributeDefinitions": [
            {"AttributeName": a, "AttributeType": "S"} for a in sorted(attributes)
        ],
        "KeySchema": [{"AttributeName": k, "KeyType": t} for k, t in keys],
        "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": True},
        "SSESpecification": {"SSEEnabled": True},
        "TimeToLiveSpecification": {"AttributeName": "expires_at", "Enabled": True},
        "Tags": [{"Key": "stage", "Value": {"Ref": "Stage"}}],
    }
    if indexes:
        props["GlobalSecondaryIndexes"] = indexes
    return {
        "Type": "AWS::DynamoDB::Table",
        "DeletionPolicy": "Retain",
        "UpdateReplacePolicy": "Retain",
        "Properties": props,
    }


def _bucket(name: str, rules: list[dict[str, Any]], cors: bool = False) -> dict[str, Any]:
    bucket: dict[str, Any] = {
        "Type": "AWS::S3::Bucket",
        "DeletionPolicy": "Retain",
        "UpdateReplacePolicy": "Retain",
        "Properties": {
            "BucketName": name,
            "VersioningConfiguration": {"Status": "Enabled"},
            "BucketEncryption": {
                "ServerSideEncryptionConfiguration": [
                    {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}
                ]
            },
            "PublicAccessBlockConfiguration": {
                "BlockPublicAcls": True,
                "BlockPublicPolicy": True,
                "IgnorePublicAcls": True,
                "RestrictPublicBuckets": True,
            },
            "LifecycleConfiguration": {"Rules": rules},
        },
    }
    if cors:
        # A browser PUTs big files to a presigned URL and may fetch presigned downloads.
        bucket["Properties"]["CorsConfiguration"] = {
            "CorsRules": [
                {
                    "Id": "presigned-from-the-web-apps",
                    "AllowedMethods": ["PUT", "GET", "HEAD"],
                    "AllowedOrigins": {
                        "Fn::FindInMap": ["StageSettings", {"Ref": "Stage"}, "WebOrigins"]
                    },
                    "AllowedHeaders": ["content-type", "content-md5"],
                    "ExposedHeaders": ["ETag"],
                    "MaxAge": 600,
                }
            ]
        }
    return bucket


def _secret(name: str) -> dict[str, Any]:
    return {
        "Type": "AWS::SecretsManager::Secret",
        "DeletionPolicy": "Retain",
        "UpdateReplacePolicy": "Retain",
        "Properties": {
            "Name": name,
            "Description": "pixcert signing key; rotation: infra/SECRETS.md.",
            "GenerateSecretString": {"PasswordLength": 64, "ExcludePunctuation": True},
            "Tags": [{"Key": "stage", "Value": {"Ref": "Stage"}}],
        },
    }


def build() -> dict[str, Any]:
    res: dict[str, Any] = {}
    out: dict[str, Any] = {}
    for svc in r.SERVICES:
        main, processed = _camel(svc, "main-table"), _camel(svc, "processed-table")
        res[main] = _table(r.main_table(svc), [("pk", "HASH"), ("sk", "RANGE")], gsis=2)
        res[processed] = _table(r.processed_table(svc), [("message_id", "HASH")], gsis=0)
        dlq, queue = _camel(svc, "dead-letter-queue"), _camel(svc, "queue")
        res[dlq] = {
            "Type": "AWS::SQS::Queue",
            "Properties": {
                "QueueName": r.dead_letter_queue(svc),
                "MessageRetentionPeriod": 1209600,
                "SqsManagedSseEnabled": True,
            },
        }
        res[queue] = {
            "Type": "AWS::SQS::Queue",
            "Properties": {
                "QueueName": r.queue(svc),
                "VisibilityTimeout": r.VISIBILITY_TIMEOUT,
                "SqsManagedSseEnabled": True,
                "RedrivePolicy": {
                    "deadLetterTargetArn": {"Fn::GetAtt": [dlq, "Arn"]},
                    "maxReceiveCount": r.MAX_RECEIVES,
                },
            },
        }
        out[main] = {"Value": {"Ref": main}}
        out[processed] = {"Value": {"Ref": processed}}
        out[_camel(svc, "queue-url")] = {"Value": {"Ref": queue}}
        out[_camel(svc, "dead-letter-queue-url")] = {"Value": {"Ref": dlq}}
    for svc in r.DOCUMENT_SERVICES:
        bucket = _camel(svc, "documents-bucket")
        res[bucket] = _bucket(
            r.documents_bucket(svc),
            [
                *(
                    {
                        "Id": e.id,
                        "Status": "Enabled",
                        "Prefix": e.prefix,
                        "ExpirationInDays": e.days,
                    }
                    for e in r.BY_NAME[svc].expiries
                ),
                {
                    "Id": "old-versions",
                    "Status": "Enabled",
                    "NoncurrentVersionExpiration": {"NoncurrentDays": keep.OLD_VERSION_DAYS},
                },
            ],
            cors=True,
        )
        out[bucket] = {"Value": {"Ref": bucket}}
    res["MessageClaimsBucket"] = _bucket(
        r.claim_check_bucket(),
        [
            {
                "Id": "claims-expire",
                "Status": "Enabled",
                "ExpirationInDays": keep.CLAIM_CHECK_DAYS,
            },
            {
                "Id": "old-versions",
                "Status": "Enabled",
                "NoncurrentVersionExpiration": {"NoncurrentDays": keep.OLD_VERSION_DAYS},
            },
        ],
    )
    out["MessageClaimsBucket"] = {"Value": {"Ref": "MessageClaimsBucket"}}
    for secret in r.SECRETS:
        logical = _camel(secret.removeprefix(f"{r.PREFIX}/"), "secret")
        res[logical] = _secret(secret)
        out[logical] = {"Value": {"Ref": logical}}
    res.update(web_hosting.resources(_bucket))
    out.update(web_hosting.outputs())
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": "pixcert: tables, queues, buckets and secrets of the four services.",
        "Mappings": {
            "StageSettings": {
                stage: {"WebOrigins": list(r.WEB_ORIGINS[stage])} for stage in r.STAGES
            }
        },
        "Parameters": {
            "Stage": {
                "Type": "String",
                "AllowedValues": ["local", "dev", "prod"],
                "Default": "dev",
                "Description": "One stage per AWS account; resources carry it as a tag.",
            },
            **web_hosting.parameters(),
        },
        "Resources": res,
        "Outputs": out,
    }


def render() -> str:
    header = (
        "# Generated by `python -m infra.template` from infra/resources.py; do not edit by hand.\n"
    )
    return header + yaml.safe_dump(build(), sort_keys=False, allow_unicode=True, width=100)


if __name__ == "__main__":
    from infra.chalice_config import write_all

    TEMPLATE_PATH.write_text(render())
    write_all()
    privacy.PRIVACY_PATH.write_text(privacy.render())
    sys.stdout.write(f"wrote {TEMPLATE_PATH}, the services' .chalice/config.json and PRIVACY.md\n")
