"""Least privilege, proven on the running stack: moto enforces each service's IAM policy, and
every AWS call a service made during the journey is checked against that policy here (moto does
not match DynamoDB or Secrets Manager resources)."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from botocore.exceptions import ClientError

from infra.local.aws_calls import read_calls
from infra.local.iam import policy_for
from infra.policy_check import Need, check
from infra.resources import SERVICES, documents_bucket, main_table, queue
from tests.contract.test_message_routing import NOT_YET_HANDLED
from tests.workflow.test_local_stack import LATE_BUCKET

pytestmark = [pytest.mark.workflow, pytest.mark.xdist_group("demo-stack")]
REGION, ACCOUNT = "eu-west-3", "123456789012"


def table_arn(service: str) -> str:
    return f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/{main_table(service)}"


def test_every_call_a_service_made_during_the_journey_is_granted_by_its_own_policy(journey, stack):
    calls = [
        c
        for c in read_calls(stack.calls_path)
        if c["signer"] in SERVICES and f":::{LATE_BUCKET}" not in c["resource"]
    ]
    by_signer = Counter(c["signer"] for c in calls)
    assert set(by_signer) == set(SERVICES), by_signer
    refused = [
        c
        for c in calls
        if not check(policy_for(c["signer"], REGION), Need(c["action"], c["resource"]))
    ]
    assert refused == []
    # The checks bite: orga's calls would not pass under certif's policy.
    orga = [c for c in calls if c["signer"] == "orga" and c["action"].startswith("dynamodb:")]
    assert orga and not any(
        check(policy_for("certif", REGION), Need(c["action"], c["resource"])) for c in orga
    )


def test_no_service_code_ran_with_the_stacks_own_credentials(journey, stack):
    escaped = [c for c in read_calls(stack.calls_path) if c["escaped_from"]]
    assert escaped == []


def test_certif_cannot_read_orgas_table_documents_or_queue(journey, stack):
    ddb = stack.aws("dynamodb", signer="certif")
    key = {"pk": {"S": "ORG#none"}, "sk": {"S": "ORG"}}
    # GIVEN certif's own credentials: its table answers
    ddb.get_item(TableName=main_table("certif"), Key=key)
    # THEN its policy refuses orga's table (moto passes DynamoDB calls whatever the table:
    # the resource check is ours, the same one the journey's calls went through)
    certif = policy_for("certif", REGION)
    assert check(certif, Need("dynamodb:GetItem", table_arn("certif")))
    assert not check(certif, Need("dynamodb:GetItem", table_arn("orga")))
    assert not check(certif, Need("dynamodb:Query", table_arn("orga") + "/index/gsi1"))
    # AND moto itself refuses orga's documents (except student lists) and orga's queue
    s3 = stack.aws("s3", signer="certif")
    with pytest.raises(ClientError) as denied:
        s3.get_object(Bucket=documents_bucket("orga"), Key="imports/any/upload")
    assert denied.value.response["Error"]["Code"] == "AccessDenied"
    sqs = stack.aws("sqs", signer="certif")
    orga_queue = stack.aws("sqs").get_queue_url(QueueName=queue("orga"))["QueueUrl"]
    with pytest.raises(ClientError) as refused:
        sqs.receive_message(QueueUrl=orga_queue, WaitTimeSeconds=0)
    assert "AccessDenied" in str(refused.value)


def test_a_service_cannot_do_what_its_policy_does_not_grant(stack):
    # No service may delete a table, even its own: moto refuses the action itself.
    with pytest.raises(ClientError) as denied:
        stack.aws("dynamodb", signer="orga").delete_table(TableName=main_table("orga"))
    assert "AccessDenied" in str(denied.value)


def test_only_the_known_missing_handlers_leave_unhandled_warnings(journey, stack):
    unhandled, handled = set(), 0
    for line in stack.log_path.read_text(encoding="utf-8").splitlines():
        if '"message.unhandled"' in line:
            entry = json.loads(line)
            unhandled.add((entry["service"], entry["type"]))
        handled += '"message.handled"' in line
    assert handled > 0  # the services' log is the one read here
    assert unhandled <= NOT_YET_HANDLED
