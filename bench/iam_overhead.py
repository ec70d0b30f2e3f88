"""What moto's IAM enforcement (`pixcert up --iam`) costs per AWS call.

One moto server in its own process; the same GetItem and GetQueueAttributes calls (neither grows
moto's state, whose SQS slows with queue depth), signed by a service's
IAM user, timed with enforcement off (the floor) and on, alternating rounds in the same run so
both see the same background load. Prints each round and the ratio of medians.

    .venv/bin/python bench/iam_overhead.py [--calls 300] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
import urllib.request

import boto3

from infra.local.iam import ACCOUNT, create_users, enforce
from infra.local.moto_server import MotoServer, deploy_template
from infra.resources import main_table, queue

REGION = "eu-west-3"


def set_enforcement(moto_url: str, on: bool) -> None:
    if on:
        enforce(moto_url)
        return
    request = urllib.request.Request(
        f"{moto_url}/moto-api/reset-auth",
        data=b"inf",
        method="POST",
        headers={"Content-Type": "text/plain"},
    )
    urllib.request.urlopen(request, timeout=5).close()


def timed(calls: int, client, sqs, queue_url: str) -> float:  # noqa: ANN001
    key = {"pk": {"S": "ORG#bench"}, "sk": {"S": "ORG"}}
    started = time.perf_counter()
    for n in range(calls):
        if n % 2:
            client.get_item(TableName=main_table("orga"), Key=key)
        else:
            sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])
    return (time.perf_counter() - started) / calls * 1000


def refused(ddb) -> bool:  # noqa: ANN001
    """orga's policy does not grant DescribeTable: refused exactly when enforcement is on."""
    try:
        ddb.describe_table(TableName=main_table("orga"))
    except ddb.exceptions.ClientError as error:
        return "AccessDenied" in str(error)
    return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=300, help="calls per round")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of each kind")
    args = parser.parse_args()
    moto = MotoServer()
    moto.start()
    moto.point_here()
    try:
        deploy_template()
        _, services = create_users(REGION)
        keys = services["orga"]
        session = boto3.session.Session(
            aws_access_key_id=keys.access_key_id,
            aws_secret_access_key=keys.secret_access_key,
            region_name=REGION,
        )
        ddb, sqs = session.client("dynamodb"), session.client("sqs")
        url = f"{moto.url}/{ACCOUNT}/{queue('orga')}"
        floor, enforced = [], []
        for _ in range(args.rounds):
            for on, into in ((False, floor), (True, enforced)):
                set_enforcement(moto.url, on)
                assert refused(ddb) is on, "enforcement is not what this round measures"
                timed(20, ddb, sqs, url)  # warm
                into.append(timed(args.calls, ddb, sqs, url))
        set_enforcement(moto.url, False)
        print(json.dumps({"floor_ms": floor, "enforced_ms": enforced}))
        ratio = statistics.median(enforced) / statistics.median(floor)
        print(
            f"per call (GetItem and GetQueueAttributes alternating): floor "
            f"{statistics.median(floor):.2f} ms, with IAM {statistics.median(enforced):.2f} ms, "
            f"ratio {ratio:.2f}"
        )
    finally:
        moto.stop()


if __name__ == "__main__":
    main()
