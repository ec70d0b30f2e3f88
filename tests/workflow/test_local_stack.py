"""The embedded stack as a client sees it: four services, real queues, retries and dead letters."""

from __future__ import annotations

import json
import time

import pytest

from pixcore.messages.catalog import OrganizationRegistered

pytestmark = [pytest.mark.workflow, pytest.mark.xdist_group("demo-stack")]
# Where the dead-letter test's poison message points; it grants certif that bucket at the end.
LATE_BUCKET = "pixcert-late-bucket"


def wait_for(predicate, timeout: float = 30.0, what: str = "condition"):  # noqa: ANN001, ANN201
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def test_every_service_answers_and_serves_its_openapi(stack):
    client = stack.client()
    for service in ("orga", "certif", "engine", "jury"):
        assert client.get(f"/{service}/health").json()["status"] == "ok"
        assert client.get(f"/{service}/openapi.json").json()["openapi"] == "3.1.0"
    assert client.get("/nowhere/health").status == 404
    preflight = client.request("OPTIONS", "/orga/auth/token")
    assert preflight.status == 200


def test_a_message_crosses_from_orga_to_certif_through_the_queues(stack):
    jury = stack.jury()
    school = jury.post(
        "/orga/organizations",
        {
            "uai": "0920002C",
            "name": "Lycée Marie-Curie",
            "type": "LYCEE",
            "sector": "PRIVATE",
            "academie": "Versailles",
            "is_certification_center": True,
        },
    ).json()
    center = wait_for(
        lambda: jury.get(f"/certif/centers/{school['id']}").status == 200,
        what="certif to know the centre",
    )
    assert center


def test_a_message_that_always_fails_lands_in_the_dead_letter_queue_and_replay_brings_it_back(
    stack,
):
    sqs, s3 = stack.aws("sqs"), stack.aws("s3")
    queue = sqs.get_queue_url(QueueName="pixcert-certif-messages")["QueueUrl"]
    dlq = sqs.get_queue_url(QueueName="pixcert-certif-messages-dlq")["QueueUrl"]
    message = OrganizationRegistered(
        organization_id="org-dlq",
        uai="0330003Z",
        name="Collège Montaigne",
        organization_type="COLLEGE",
        sector="PUBLIC",
        academie="Bordeaux",
        is_certification_center=True,
    )
    # A claim check pointing at storage that is not there yet: every attempt fails.
    poison = json.dumps(
        {
            "type": message.type,
            "message_id": message.message_id,
            "claim_check": {"bucket": LATE_BUCKET, "key": "m.json"},
        }
    )
    logged_before = len(stack.log_path.read_text(encoding="utf-8"))
    sqs.send_message(QueueUrl=queue, MessageBody=poison)

    def dead_letters() -> int:
        attrs = sqs.get_queue_attributes(
            QueueUrl=dlq, AttributeNames=["ApproximateNumberOfMessages"]
        )
        return int(attrs["Attributes"]["ApproximateNumberOfMessages"])

    wait_for(lambda: dead_letters() == 1, timeout=60, what="the dead letter")
    failures = [
        line
        for line in stack.log_path.read_text(encoding="utf-8")[logged_before:].splitlines()
        if "pump.handler_failed" in line and "pixcert-certif-messages" in line
    ]
    assert len(failures) == 5  # five receives, then the redrive policy moved it
    listed = stack.pixcert("dlq", "list")
    assert listed.returncode == 0 and "certif: 1 dead letter(s)" in listed.stdout

    s3.create_bucket(
        Bucket=LATE_BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-3"}
    )
    s3.put_object(Bucket=LATE_BUCKET, Key="m.json", Body=message.to_json().encode())
    # certif's IAM user may read only its claim checks: the fix grants it that bucket too.
    stack.aws("iam").put_user_policy(
        UserName="pixcert-certif",
        PolicyName="late-bucket",
        PolicyDocument=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Action": "s3:GetObject",
                        "Resource": f"arn:aws:s3:::{LATE_BUCKET}/*",
                    }
                ],
            }
        ),
    )
    time.sleep(1.5)  # let the peek of `dlq list` expire
    replayed = stack.pixcert("dlq", "replay", "--service", "certif")
    assert replayed.returncode == 0 and "replayed 1 message(s)" in replayed.stdout, replayed.stderr

    jury = stack.jury()
    wait_for(lambda: jury.get("/certif/centers/org-dlq").status == 200, what="the replayed message")
    assert dead_letters() == 0
    handled = [
        line
        for line in stack.log_path.read_text(encoding="utf-8")[logged_before:].splitlines()
        if '"message.handled"' in line and message.message_id in line
    ]
    assert len(handled) == 1
