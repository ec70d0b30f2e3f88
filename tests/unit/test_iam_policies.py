"""Each service's generated IAM policy names only its own resources, and the evaluator that checks
recorded calls against it applies IAM's rules."""

from __future__ import annotations

import json
from fnmatch import fnmatchcase

import pytest

from infra import iam
from infra import resources as r
from infra.local.iam import moto_policy, policy_for
from infra.policy_check import Need, allowed, check, needs

REGION, ACCOUNT = "eu-west-3", "123456789012"


def arns(service: str) -> list[str]:
    return [
        res
        for statement in policy_for(service, REGION)["Statement"]
        for res in statement["Resource"]
    ]


@pytest.mark.parametrize("service", r.SERVICES)
def test_a_policy_names_only_its_own_tables_queue_and_bucket(service):
    text = json.dumps(arns(service))
    for other in set(r.SERVICES) - {service}:
        assert r.main_table(other) not in text and r.processed_table(other) not in text
        receive = next(
            s for s in policy_for(service, REGION)["Statement"] if s["Sid"] == "OwnQueue"
        )
        assert receive["Resource"] == [f"arn:aws:sqs:{REGION}:{ACCOUNT}:{r.queue(service)}"]
    assert all(res != "*" and not res.endswith(":*:*") for res in arns(service))
    for statement in policy_for(service, REGION)["Statement"]:
        assert all("*" not in action for action in statement["Action"]), statement


def test_a_service_sends_only_to_the_consumers_of_what_it_publishes():
    # certif publishes CertificationStartRequested, CertificationEndRequested (→ engine),
    # SessionUpdated (→ jury), SessionFinalized (→ engine, jury) and its answers to erasures
    # and exports (→ orga).
    assert iam.send_targets("certif") == ["engine", "jury", "orga"]
    assert iam.send_targets("orga") == ["certif", "engine", "jury", "orga"]
    certif = policy_for("certif", REGION)
    assert check(
        certif, Need("sqs:SendMessage", f"arn:aws:sqs:{REGION}:{ACCOUNT}:pixcert-jury-messages")
    )
    assert not check(
        certif, Need("sqs:SendMessage", f"arn:aws:sqs:{REGION}:{ACCOUNT}:pixcert-certif-messages")
    )


def test_claim_checks_are_written_by_their_producer_and_read_by_their_consumers():
    key = lambda t: f"arn:aws:s3:::{r.claim_check_bucket()}/claim-checks/{t}/m.json"  # noqa: E731
    assert check(policy_for("orga", REGION), Need("s3:PutObject", key("StudentsImported")))
    assert check(policy_for("certif", REGION), Need("s3:GetObject", key("StudentsImported")))
    assert not check(policy_for("certif", REGION), Need("s3:PutObject", key("StudentsImported")))
    assert not check(policy_for("engine", REGION), Need("s3:GetObject", key("StudentsImported")))


def test_certif_reads_only_the_student_lists_of_orgas_bucket():
    from chalicelib.orga.domain.imports import students_list_key, upload_key

    certif, bucket = policy_for("certif", REGION), r.documents_bucket("orga")
    read = lambda key: check(certif, Need("s3:GetObject", f"arn:aws:s3:::{bucket}/{key}"))  # noqa: E731
    assert read(students_list_key("org-1", "imp-1"))
    assert not read(upload_key("org-1", "imp-1"))  # the school's raw file
    assert not read("imports/org-1/students.digest.jsonl")  # orga's own digest
    assert not read("inbox/0750001U/ElevesSansAdresses.xml")
    assert not check(
        certif, Need("s3:PutObject", f"arn:aws:s3:::{bucket}/{students_list_key('o', 'i')}")
    )
    assert fnmatchcase(students_list_key("o", "i"), r.STUDENT_LISTS)


def test_every_service_reads_the_token_signing_key_and_nothing_else_secret():
    for service in r.SERVICES:
        policy = policy_for(service, REGION)
        token = f"arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:{r.TOKEN_KEY_SECRET}"
        assert check(policy, Need("secretsmanager:GetSecretValue", token))
        assert check(policy, Need("secretsmanager:GetSecretValue", token + "-Ab12Cd"))
        assert not check(policy, Need("secretsmanager:GetSecretValue", token + "-old-Ab12Cd"))
        assert not check(policy, Need("secretsmanager:PutSecretValue", token))


def test_the_evaluator_follows_iams_rules():
    policy = {
        "Statement": [
            {"Effect": "Allow", "Action": ["s3:Get*"], "Resource": ["arn:aws:s3:::b/in/*"]},
            {"Effect": "Deny", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/in/secret"},
            {"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:r:a:q?"},
        ]
    }
    assert allowed(policy, "s3:getobject", "arn:aws:s3:::b/in/x/y")  # actions ignore case
    assert not allowed(policy, "s3:GetObject", "arn:aws:s3:::b/IN/x")  # resources do not
    assert not allowed(policy, "s3:GetObject", "arn:aws:s3:::b/in/secret")  # Deny wins
    assert not allowed(policy, "s3:PutObject", "arn:aws:s3:::b/in/x")
    assert allowed(policy, "sqs:SendMessage", "arn:aws:sqs:r:a:q1")
    assert not allowed(policy, "sqs:SendMessage", "arn:aws:sqs:r:a:q12")


def test_a_call_needs_its_iam_actions_on_each_resource_it_touches():
    transact = {
        "TransactItems": [
            {"Put": {"TableName": "t1"}},
            {"ConditionCheck": {"TableName": "t2"}},
        ]
    }
    assert list(needs("dynamodb", "TransactWriteItems", transact, "r", "a")) == [
        Need("dynamodb:PutItem", "arn:aws:dynamodb:r:a:table/t1"),
        Need("dynamodb:ConditionCheckItem", "arn:aws:dynamodb:r:a:table/t2"),
    ]
    query = {"TableName": "t", "IndexName": "gsi1"}
    assert list(needs("dynamodb", "Query", query, "r", "a")) == [
        Need("dynamodb:Query", "arn:aws:dynamodb:r:a:table/t/index/gsi1")
    ]
    batch = {"QueueUrl": "http://host/123/q"}
    assert list(needs("sqs", "SendMessageBatch", batch, "r", "a")) == [
        Need("sqs:SendMessage", "arn:aws:sqs:r:a:q")
    ]
    assert list(needs("s3", "HeadObject", {"Bucket": "b", "Key": "k"}, "r", "a")) == [
        Need("s3:GetObject", "arn:aws:s3:::b/k")
    ]
    assert list(needs("s3", "ListObjectsV2", {"Bucket": "b"}, "r", "a")) == [
        Need("s3:ListBucket", "arn:aws:s3:::b")
    ]


def test_moto_users_hold_the_same_grants_in_motos_terms():
    policy = policy_for("engine", REGION)
    adapted = moto_policy(policy)
    granted = {a for s in policy["Statement"] for a in s["Action"]}
    assert granted <= {a for s in adapted["Statement"] for a in s["Action"]}
    for statement in adapted["Statement"]:
        if statement["Resource"] == "*":  # only what moto evaluates against `*`
            assert all(
                a.startswith(("dynamodb:", "secretsmanager:", "sqs:GetQueueUrl"))
                for a in statement["Action"]
            )
        else:
            assert statement["Resource"] == next(
                s["Resource"] for s in policy["Statement"] if s["Sid"] == statement["Sid"]
            )


def test_only_jury_reads_the_attestation_signing_key():
    name = f"arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:{r.ATTESTATION_KEY_SECRET}-Ab12Cd"
    readers = [
        s
        for s in r.SERVICES
        if check(policy_for(s, REGION), Need("secretsmanager:GetSecretValue", name))
    ]
    assert readers == ["jury"]
