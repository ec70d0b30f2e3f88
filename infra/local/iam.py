"""IAM enforcement on the local stack: one moto IAM user per service holding its policy.

moto evaluates policies (`/moto-api/reset-auth`), with two differences from AWS that the users'
policies adapt to, and nothing else: moto checks each API operation by its own name
(`sqs:SendMessageBatch`, `dynamodb:TransactWriteItems`) where AWS checks the single action, and
it evaluates DynamoDB, Secrets Manager and `sqs:GetQueueUrl` calls against resource `*` — a
policy naming ARNs would refuse every such call. For those the users hold the same actions on
`*`; their resources are checked on the recorded calls instead (infra/local/aws_calls.py).
"""

from __future__ import annotations

import copy
import json
import os
import urllib.request
from pathlib import Path
from typing import Any

from infra import iam
from infra import resources as r
from pixcore.aws import Keys

ACCOUNT = "123456789012"
STACK_USER = "pixcert-local-stack"
UNMATCHED_RESOURCES = ("dynamodb:", "secretsmanager:", "sqs:GetQueueUrl")
MOTO_OPERATIONS = {
    "sqs:SendMessage": ["sqs:SendMessageBatch"],
    "sqs:DeleteMessage": ["sqs:DeleteMessageBatch"],
    "sqs:ChangeMessageVisibility": ["sqs:ChangeMessageVisibilityBatch"],
    "dynamodb:PutItem": ["dynamodb:TransactWriteItems"],
    "dynamodb:UpdateItem": ["dynamodb:TransactWriteItems"],
    "dynamodb:DeleteItem": ["dynamodb:TransactWriteItems"],
    "dynamodb:GetItem": ["dynamodb:TransactGetItems"],
}


def user_name(service: str) -> str:
    return f"pixcert-{service}"


def policy_for(service: str, region: str) -> dict[str, Any]:
    """The service's generated policy with its ARNs filled in, as it is deployed."""
    return iam.resolve(iam.policy(service), region, ACCOUNT)


def moto_policy(policy: dict[str, Any]) -> dict[str, Any]:
    """The same grants in the terms moto evaluates (see the module docstring)."""
    statements = []
    for statement in copy.deepcopy(policy)["Statement"]:
        actions = list(statement["Action"])
        for action in statement["Action"]:
            actions += [a for a in MOTO_OPERATIONS.get(action, []) if a not in actions]
        unmatched = [a for a in actions if a.startswith(UNMATCHED_RESOURCES)]
        matched = [a for a in actions if a not in unmatched]
        if matched:
            statements.append({**statement, "Action": matched})
        if unmatched:
            statements.append(
                {
                    **statement,
                    "Sid": f"{statement['Sid']}Anywhere",
                    "Action": unmatched,
                    "Resource": "*",
                }
            )
    return {**policy, "Statement": statements}


def create_users(region: str) -> tuple[Keys, dict[str, Keys]]:
    """The stack's own user (it deploys, pumps queues, replays dead letters) and one user per
    service with exactly that service's policy; returns their keys."""
    import boto3

    client = boto3.client("iam")

    def user(name: str, document: dict[str, Any]) -> Keys:
        client.create_user(UserName=name)
        client.put_user_policy(
            UserName=name, PolicyName=f"{name}-policy", PolicyDocument=json.dumps(document)
        )
        key = client.create_access_key(UserName=name)["AccessKey"]
        return Keys(key["AccessKeyId"], key["SecretAccessKey"])

    everything = {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}],
    }
    stack = user(STACK_USER, everything)
    services = {s: user(user_name(s), moto_policy(policy_for(s, region))) for s in r.SERVICES}
    return stack, services


KEYS_VARIABLE = "PIXCERT_IAM_KEYS"  # the services' keys, for the process hosting the apps
CALLS_VARIABLE = "PIXCERT_AWS_CALLS"  # where that process records every AWS call


def enable(moto_url: str, region: str, calls: Path | None = None) -> dict[str, str]:
    """Create the users and switch enforcement on; returns the environment of the process that
    hosts the apps: the stack's own keys as default credentials, the services' keys apart."""
    stack, services = create_users(region)
    enforce(moto_url)
    env = {
        "AWS_ACCESS_KEY_ID": stack.access_key_id,
        "AWS_SECRET_ACCESS_KEY": stack.secret_access_key,
        KEYS_VARIABLE: json.dumps({s: list(k) for s, k in services.items()}),
    }
    if calls is not None:
        env[CALLS_VARIABLE] = str(calls)
    return env


def sign_as_services() -> dict[str, Keys]:
    """In the process hosting the apps, before they load: each app signs with its service's keys
    (`pixcore.aws.acting_as`, set around every entry point by infra/local/apps.py), and every
    AWS call is recorded when the environment names a file for it."""
    import boto3

    from infra.local.aws_calls import CallRecorder
    from pixcore.aws import use_service_credentials

    keys = {s: Keys(*k) for s, k in json.loads(os.environ[KEYS_VARIABLE]).items()}
    os.environ.pop("AWS_SESSION_TOKEN", None)
    boto3.setup_default_session()  # forget credentials resolved before the switch
    if os.environ.get(CALLS_VARIABLE):
        signers = {k.access_key_id: service for service, k in keys.items()}
        region = os.environ.get("AWS_DEFAULT_REGION", "eu-west-3")
        CallRecorder(Path(os.environ[CALLS_VARIABLE]), signers, region, ACCOUNT).install()
    use_service_credentials(keys)
    return keys


def enforce(moto_url: str) -> None:
    """From now on moto authenticates every request and evaluates its caller's policies."""
    request = urllib.request.Request(
        f"{moto_url}/moto-api/reset-auth",
        data=b"0",
        method="POST",
        headers={"Content-Type": "text/plain"},
    )
    urllib.request.urlopen(request, timeout=5).close()
