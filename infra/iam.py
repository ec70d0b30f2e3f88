"""Each service's least-privilege IAM policy, generated from infra/resources.py and the catalog.

A service may touch its own tables (and their indexes), receive from its own queue, send to the
queues of the services that consume what it publishes, write the claim checks of the messages it
publishes and read those of the messages it consumes, use its documents bucket, read its secrets,
plus the cross-service reads resources.py declares (certif reads orga's student lists).
ARNs are `Fn::Sub` strings: CloudFormation fills in the partition, region and account.
"""

from __future__ import annotations

from typing import Any

from infra import resources as r
from pixcore.messages.catalog import CONSUMERS, PRODUCERS

TABLE_ACTIONS = [
    "dynamodb:BatchGetItem",
    "dynamodb:BatchWriteItem",
    "dynamodb:DeleteItem",
    "dynamodb:GetItem",
    "dynamodb:PutItem",
    "dynamodb:Query",
    "dynamodb:UpdateItem",
]
PROCESSED_ACTIONS = [
    "dynamodb:DeleteItem",
    "dynamodb:GetItem",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
]
# What Lambda's event source mapping does with the function's role.
RECEIVE_ACTIONS = [
    "sqs:ChangeMessageVisibility",
    "sqs:DeleteMessage",
    "sqs:GetQueueAttributes",
    "sqs:ReceiveMessage",
]
SEND_ACTIONS = ["sqs:GetQueueUrl", "sqs:SendMessage"]
OBJECT_ACTIONS = ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"]
LOG_ACTIONS = ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"]


def _arn(service: str, resource: str) -> dict[str, str]:
    return {
        "Fn::Sub": f"arn:${{AWS::Partition}}:{service}:${{AWS::Region}}:${{AWS::AccountId}}:{resource}"
    }


def _s3(path: str) -> dict[str, str]:
    return {"Fn::Sub": f"arn:${{AWS::Partition}}:s3:::{path}"}


def table_arns(service: str) -> list[dict[str, str]]:
    main = r.main_table(service)
    return [_arn("dynamodb", f"table/{main}")] + [
        _arn("dynamodb", f"table/{main}/index/{index}") for index in r.INDEXES
    ]


def published(service: str) -> list[str]:
    return sorted(t for t, producer in PRODUCERS.items() if producer == service)


def consumed(service: str) -> list[str]:
    return sorted(t for t, consumers in CONSUMERS.items() if service in consumers)


def send_targets(service: str) -> list[str]:
    """The services whose queues receive what `service` publishes (the catalog's CONSUMERS)."""
    return sorted({c for t in published(service) for c in CONSUMERS.get(t, ())})


def _statement(sid: str, actions: list[str], resources: list[Any]) -> dict[str, Any]:
    return {"Sid": sid, "Effect": "Allow", "Action": sorted(actions), "Resource": resources}


def policy(service: str) -> dict[str, Any]:
    spec = r.BY_NAME[service]
    claims = r.claim_check_bucket()
    functions = r.function_prefix(service)
    statements = [
        _statement(
            "Logs",
            LOG_ACTIONS,
            [
                _arn("logs", f"log-group:/aws/lambda/{functions}*"),
                _arn("logs", f"log-group:/aws/lambda/{functions}*:log-stream:*"),
            ],
        ),
        _statement("OwnTable", TABLE_ACTIONS, table_arns(service)),
        _statement(
            "ProcessedMessages",
            PROCESSED_ACTIONS,
            [_arn("dynamodb", f"table/{r.processed_table(service)}")],
        ),
        _statement("OwnQueue", RECEIVE_ACTIONS, [_arn("sqs", r.queue(service))]),
    ]
    targets = send_targets(service)
    if targets:
        statements.append(
            _statement(
                "PublishToConsumers", SEND_ACTIONS, [_arn("sqs", r.queue(t)) for t in targets]
            )
        )
        # Written when a message is too big; read, rewritten or deleted again by an erasure.
        statements.append(
            _statement(
                "WriteClaimChecks",
                ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"],
                [_s3(f"{claims}/{r.CLAIM_CHECKS_PREFIX}{t}/*") for t in published(service)],
            )
        )
        statements.append(_statement("ListClaimChecks", ["s3:ListBucket"], [_s3(claims)]))
    if consumed(service):
        statements.append(
            _statement(
                "ReadClaimChecks",
                ["s3:GetObject"],
                [_s3(f"{claims}/{r.CLAIM_CHECKS_PREFIX}{t}/*") for t in consumed(service)],
            )
        )
    if spec.documents:
        bucket = r.documents_bucket(service)
        statements.append(_statement("Documents", OBJECT_ACTIONS, [_s3(f"{bucket}/*")]))
        statements.append(_statement("ListDocuments", ["s3:ListBucket"], [_s3(bucket)]))
    for n, read in enumerate(spec.reads, start=1):
        statements.append(
            _statement(
                f"Read{read.owner.capitalize()}Documents{n}",
                ["s3:GetObject"],
                [_s3(f"{r.documents_bucket(read.owner)}/{read.pattern}")],
            )
        )
    statements.append(
        _statement(
            "Secrets",
            ["secretsmanager:GetSecretValue"],
            [_arn("secretsmanager", f"secret:{name}-??????") for name in spec.secrets],
        )
    )
    return {"Version": "2012-10-17", "Statement": statements}


def resolve(value: Any, region: str, account: str, partition: str = "aws") -> Any:
    """A policy with its `Fn::Sub` ARNs filled in, as CloudFormation would."""
    if isinstance(value, dict) and set(value) == {"Fn::Sub"}:
        text = value["Fn::Sub"]
        for name, actual in (("Partition", partition), ("Region", region), ("AccountId", account)):
            text = text.replace(f"${{AWS::{name}}}", actual)
        return text
    if isinstance(value, dict):
        return {k: resolve(v, region, account, partition) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve(v, region, account, partition) for v in value]
    return value
