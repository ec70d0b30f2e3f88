"""Writes infra/template.yaml: every table, queue + dead-letter queue, bucket and parameter."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

from infra import resources as r

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


def _bucket(name: str, rules: list[dict[str, Any]]) -> dict[str, Any]:
    return {
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
                {
                    "Id": "session-documents-two-years",
                    "Status": "Enabled",
                    "Prefix": r.SESSION_DOCUMENTS_PREFIX,
                    "ExpirationInDays": 730,
                },
                {
                    "Id": "old-versions",
                    "Status": "Enabled",
                    "NoncurrentVersionExpiration": {"NoncurrentDays": 30},
                },
            ],
        )
        out[bucket] = {"Value": {"Ref": bucket}}
    res["MessageClaimsBucket"] = _bucket(
        r.claim_check_bucket(),
        [{"Id": "claims-expire", "Status": "Enabled", "ExpirationInDays": 14}],
    )
    out["MessageClaimsBucket"] = {"Value": {"Ref": "MessageClaimsBucket"}}
    res["TokenSigningKey"] = {
        "Type": "AWS::SSM::Parameter",
        "Properties": {
            "Name": r.TOKEN_KEY_PARAMETER,
            "Type": "String",
            "Value": {"Ref": "TokenSigningKeyValue"},
            "Description": "HS256 key signing pixcert access tokens; rotate by updating the stack.",
        },
    }
    out["TokenSigningKeyParameter"] = {"Value": {"Ref": "TokenSigningKey"}}
    res["AttestationSigningKey"] = {
        "Type": "AWS::SSM::Parameter",
        "Properties": {
            "Name": r.ATTESTATION_KEY_PARAMETER,
            "Type": "String",
            "Value": {"Ref": "AttestationSigningKeyValue"},
            "Description": "PEM key and certificate chain signing attestation PDFs (jury).",
        },
    }
    out["AttestationSigningKeyParameter"] = {"Value": {"Ref": "AttestationSigningKey"}}
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": "pixcert: tables, queues, buckets and parameters of the four services.",
        "Parameters": {
            "Stage": {
                "Type": "String",
                "AllowedValues": ["local", "dev", "prod"],
                "Default": "dev",
                "Description": "One stage per AWS account; resources carry it as a tag.",
            },
            "TokenSigningKeyValue": {
                "Type": "String",
                "NoEcho": True,
                "MinLength": 32,
                "Description": "Secret used to sign access tokens.",
            },
            "AttestationSigningKeyValue": {
                "Type": "String",
                "NoEcho": True,
                "MinLength": 200,
                "Description": "PEM private key (ECDSA P-256) then its certificate chain.",
            },
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
    sys.stdout.write(f"wrote {TEMPLATE_PATH} and the services' .chalice/config.json\n")
