"""A small IAM evaluator: is an action on a resource allowed by an identity policy, and which
IAM actions and resource ARNs an AWS API call needs (what moto does not check for DynamoDB and
Secrets Manager: it evaluates their calls against resource `*`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any, NamedTuple


class Need(NamedTuple):
    action: str
    resource: str


@cache
def _pattern(text: str, case_sensitive: bool) -> re.Pattern[str]:
    regex = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in text)
    return re.compile(f"^{regex}$", 0 if case_sensitive else re.IGNORECASE)


def _listed(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def allowed(policy: dict[str, Any], action: str, resource: str) -> bool:
    """IAM's rules for one identity policy: an explicit Deny wins, else some Allow must match
    (actions case-insensitively, resources case-sensitively, `*` and `?` as wildcards)."""
    verdict = False
    for statement in _listed(policy["Statement"]):
        actions = _listed(statement.get("Action", []))
        resources = _listed(statement.get("Resource", []))
        if not any(_pattern(a, False).match(action) for a in actions):
            continue
        if not any(_pattern(r, True).match(resource) for r in resources):
            continue
        if statement["Effect"] == "Deny":
            return False
        verdict = True
    return verdict


# DynamoDB operations that are not themselves IAM actions: each item needs its own action.
_TRANSACT_ITEMS = {
    "Put": "PutItem",
    "Update": "UpdateItem",
    "Delete": "DeleteItem",
    "ConditionCheck": "ConditionCheckItem",
    "Get": "GetItem",
}
# SQS batch operations are authorised as their single-message action.
_SQS_ACTIONS = {
    "SendMessageBatch": "SendMessage",
    "DeleteMessageBatch": "DeleteMessage",
    "ChangeMessageVisibilityBatch": "ChangeMessageVisibility",
}
# S3 API operations and the IAM action each needs.
_S3_OBJECT_ACTIONS = {
    "GetObject": "GetObject",
    "HeadObject": "GetObject",
    "PutObject": "PutObject",
    "CreateMultipartUpload": "PutObject",
    "UploadPart": "PutObject",
    "CompleteMultipartUpload": "PutObject",
    "AbortMultipartUpload": "AbortMultipartUpload",
    "DeleteObject": "DeleteObject",
}
_S3_BUCKET_ACTIONS = {"ListObjectsV2": "ListBucket", "ListObjects": "ListBucket"}


def needs(
    service: str, operation: str, params: dict[str, Any], region: str, account: str
) -> Iterator[Need]:
    """The (action, resource ARN) pairs IAM checks for one API call."""
    prefix = f"arn:aws:{service}:{region}:{account}"
    if service == "dynamodb":
        yield from _dynamodb(operation, params, prefix)
    elif service == "sqs":
        name = params.get("QueueName") or str(params.get("QueueUrl", "")).rsplit("/", 1)[-1]
        yield Need(
            f"sqs:{_SQS_ACTIONS.get(operation, operation)}",
            f"arn:aws:sqs:{region}:{account}:{name}",
        )
    elif service == "s3":
        bucket = params.get("Bucket", "")
        if operation == "CopyObject":
            source = params["CopySource"]
            if isinstance(source, dict):
                source = f"{source['Bucket']}/{source['Key']}"
            yield Need("s3:GetObject", f"arn:aws:s3:::{str(source).lstrip('/')}")
            yield Need("s3:PutObject", f"arn:aws:s3:::{bucket}/{params['Key']}")
        elif operation in _S3_OBJECT_ACTIONS:
            yield Need(
                f"s3:{_S3_OBJECT_ACTIONS[operation]}", f"arn:aws:s3:::{bucket}/{params['Key']}"
            )
        else:
            yield Need(
                f"s3:{_S3_BUCKET_ACTIONS.get(operation, operation)}", f"arn:aws:s3:::{bucket}"
            )
    elif service == "secretsmanager":
        secret = str(params.get("SecretId", ""))
        yield Need(
            f"secretsmanager:{operation}",
            secret if secret.startswith("arn:") else f"{prefix}:secret:{secret}",
        )
    else:
        yield Need(f"{service}:{operation}", "*")


def _dynamodb(operation: str, params: dict[str, Any], prefix: str) -> Iterator[Need]:
    def table(name: str, index: str | None = None) -> str:
        return f"{prefix}:table/{name}" + (f"/index/{index}" if index else "")

    if operation in ("TransactWriteItems", "TransactGetItems"):
        for item in params["TransactItems"]:
            for kind, body in item.items():
                yield Need(f"dynamodb:{_TRANSACT_ITEMS[kind]}", table(body["TableName"]))
    elif operation in ("BatchWriteItem", "BatchGetItem"):
        for name in params["RequestItems"]:
            yield Need(f"dynamodb:{operation}", table(name))
    else:
        yield Need(f"dynamodb:{operation}", table(params["TableName"], params.get("IndexName")))


def secret_matches(need: Need, policy: dict[str, Any]) -> bool:
    """A secret named without its ARN is checked as AWS does: against its full ARN, whose last
    7 characters are `-` and a random suffix."""
    if need.resource.count(":") == 6 and not re.search(r"-[A-Za-z0-9]{6}$", need.resource):
        return allowed(policy, need.action, need.resource + "-AbCdEf")
    return allowed(policy, need.action, need.resource)


def check(policy: dict[str, Any], need: Need) -> bool:
    if need.action.startswith("secretsmanager:"):
        return secret_matches(need, policy)
    return allowed(policy, need.action, need.resource)
