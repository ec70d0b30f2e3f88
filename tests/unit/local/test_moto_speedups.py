"""The local moto's shortcuts answer exactly what moto answers without them."""

from __future__ import annotations

import boto3
import pytest
from moto import mock_aws

from infra.local import moto_speedups
from infra.local.moto_main import dispatch_key

ITEM = {
    "pk": {"S": "LEARNER#élève-1"},
    "sk": {"S": "STATE"},
    "version": {"N": "12"},
    "empty": {"S": ""},
    "flag": {"BOOL": False},
    "nothing": {"NULL": True},
    "names": {"SS": ["Çağla", "Nguyễn"]},
    "scores": {"NS": ["1", "2.5"]},
    "blob": {"B": b"\x00\x01binary"},
    "blobs": {"BS": [b"a", b"b"]},
    "nested": {
        "M": {
            "list": {"L": [{"S": "x"}, {"N": "3"}, {"M": {}}, {"L": []}, {"B": b"z"}]},
            "deep": {"M": {"a": {"M": {"b": {"BOOL": True}}}}},
        }
    },
}


def _raw_answers() -> list[bytes]:
    bodies: list[bytes] = []
    ddb = boto3.client("dynamodb", region_name="eu-west-3")
    ddb.meta.events.register(
        "before-parse.dynamodb.*", lambda response_dict, **_: bodies.append(response_dict["body"])
    )
    ddb.create_table(
        TableName="t",
        KeySchema=[
            {"AttributeName": "pk", "KeyType": "HASH"},
            {"AttributeName": "sk", "KeyType": "RANGE"},
        ],
        AttributeDefinitions=[
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "S"},
        ],
        BillingMode="PAY_PER_REQUEST",
    )
    bodies.clear()
    key = {"pk": ITEM["pk"], "sk": ITEM["sk"]}
    ddb.put_item(TableName="t", Item=ITEM)
    ddb.put_item(TableName="t", Item=ITEM, ReturnValues="ALL_OLD")
    ddb.get_item(TableName="t", Key=key, ConsistentRead=True)
    ddb.update_item(
        TableName="t",
        Key=key,
        UpdateExpression="SET version = version + :one",
        ExpressionAttributeValues={":one": {"N": "1"}},
        ReturnValues="ALL_NEW",
    )
    ddb.query(
        TableName="t",
        KeyConditionExpression="pk = :pk",
        ExpressionAttributeValues={":pk": ITEM["pk"]},
    )
    ddb.scan(TableName="t")
    ddb.batch_get_item(RequestItems={"t": {"Keys": [key]}})
    with pytest.raises(ddb.exceptions.ConditionalCheckFailedException):
        ddb.put_item(
            TableName="t",
            Item=ITEM,
            ConditionExpression="attribute_not_exists(pk)",
            ReturnValuesOnConditionCheckFailure="ALL_OLD",
        )
    return bodies


def test_dynamodb_answers_are_the_same_with_and_without_the_shortcuts():
    with mock_aws():
        plain = _raw_answers()
    with mock_aws(), moto_speedups.installed():
        fast = _raw_answers()
    assert len(plain) == 8 and fast == plain


def _query_answers() -> list[dict]:
    """Queries of a table and of an index: partitions of several items, key conditions, filters,
    pages (Limit + ExclusiveStartKey), both directions, a missing partition, a hash-only table."""
    ddb = boto3.client("dynamodb", region_name="eu-west-3")
    keys = [("pk", "HASH"), ("sk", "RANGE")]
    ddb.create_table(
        TableName="t",
        KeySchema=[{"AttributeName": a, "KeyType": k} for a, k in keys],
        AttributeDefinitions=[
            {"AttributeName": a, "AttributeType": "S"} for a in ("pk", "sk", "g1pk", "g1sk")
        ],
        GlobalSecondaryIndexes=[
            {
                "IndexName": "gsi1",
                "KeySchema": [
                    {"AttributeName": "g1pk", "KeyType": "HASH"},
                    {"AttributeName": "g1sk", "KeyType": "RANGE"},
                ],
                "Projection": {"ProjectionType": "ALL"},
            }
        ],
        BillingMode="PAY_PER_REQUEST",
    )
    ddb.create_table(
        TableName="h",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    for n in (7, 3, 11, 0, 5, 9, 1, 4, 10, 2, 8, 6):  # written out of order
        item = {"pk": {"S": f"ORG#{n % 3}"}, "sk": {"S": f"STUDENT#{n:02d}"}}
        item |= {"g1pk": {"S": f"NAME#{n % 2}"}, "g1sk": {"S": f"{n % 4}"}, "n": {"N": str(n)}}
        ddb.put_item(TableName="t", Item=item)
        ddb.put_item(TableName="h", Item={"pk": {"S": f"K#{n}"}, "n": {"N": str(n)}})
    asked = [
        {"KeyConditionExpression": "pk = :p", "ExpressionAttributeValues": {":p": {"S": "ORG#1"}}},
        {
            "KeyConditionExpression": "pk = :p AND begins_with(sk, :s)",
            "ExpressionAttributeValues": {":p": {"S": "ORG#2"}, ":s": {"S": "STUDENT#0"}},
            "ScanIndexForward": False,
        },
        {
            "KeyConditionExpression": "pk = :p",
            "FilterExpression": "n > :n",
            "ExpressionAttributeValues": {":p": {"S": "ORG#0"}, ":n": {"N": "4"}},
        },
        {"KeyConditionExpression": "pk = :p", "ExpressionAttributeValues": {":p": {"S": "NONE"}}},
        {
            "IndexName": "gsi1",
            "KeyConditionExpression": "g1pk = :p",
            "ExpressionAttributeValues": {":p": {"S": "NAME#1"}},
        },
        {
            "IndexName": "gsi1",
            "KeyConditionExpression": "g1pk = :p AND g1sk = :s",
            "ExpressionAttributeValues": {":p": {"S": "NAME#0"}, ":s": {"S": "2"}},
            "ScanIndexForward": False,
        },
    ]
    answers = []
    for query in asked:
        for limit in (None, 2):
            page: dict = {"LastEvaluatedKey": None}
            start = None
            while True:
                extra = {"Limit": limit} if limit else {}
                extra |= {"ExclusiveStartKey": start} if start else {}
                page = ddb.query(TableName="t", **query, **extra)
                answers.append({k: page.get(k) for k in ("Items", "Count", "LastEvaluatedKey")})
                start = page.get("LastEvaluatedKey")
                if not start:
                    break
    hashed = ddb.query(
        TableName="h",
        KeyConditionExpression="pk = :p",
        ExpressionAttributeValues={":p": {"S": "K#4"}},
    )
    answers.append({"Items": hashed["Items"]})
    answers.append({"Items": ddb.scan(TableName="t")["Items"]})
    return answers


def test_queries_answer_the_same_items_in_the_same_order_and_pages_with_the_shortcut():
    with mock_aws():
        plain = _query_answers()
    with mock_aws(), moto_speedups.installed():
        fast = _query_answers()
    assert fast == plain
    assert len(plain) >= 20 and plain[0]["Count"] == 4
    assert [i["sk"]["S"] for i in plain[0]["Items"]] == [f"STUDENT#{n:02d}" for n in (1, 4, 7, 10)]


def test_only_plain_attribute_values_take_the_shortcut():
    assert moto_speedups.plain_attribute_value(ITEM["nested"]["M"]["deep"])
    assert not moto_speedups.plain_attribute_value(ITEM["nested"])  # holds a binary value
    assert not moto_speedups.plain_attribute_value({"B": "YQ=="})
    assert not moto_speedups.plain_attribute_value({"S": 1})
    assert not moto_speedups.plain_attribute_value({"S": "a", "N": "1"})


def test_the_backend_of_a_signed_request_is_remembered_by_service_region_and_api():
    def signed(service: str, **extra: str) -> dict[str, str]:
        scope = f"testing/20260101/eu-west-3/{service}/aws4_request"
        auth = f"AWS4-HMAC-SHA256 Credential={scope}, SignedHeaders=host, Signature=abc"
        return {"HTTP_AUTHORIZATION": auth, "PATH_INFO": "/", **extra}

    target = {"HTTP_X_AMZ_TARGET": "DynamoDB_20120810.GetItem"}
    assert dispatch_key(signed("dynamodb", **target)) == (
        "dynamodb",
        "eu-west-3",
        "DynamoDB_20120810",
    )
    assert dispatch_key(signed("sqs")) == ("sqs", "eu-west-3", "")
    assert dispatch_key(signed("s3", PATH_INFO="/v20180820/x")) == ("s3", "eu-west-3", "control")
    assert dispatch_key(signed("sagemaker")) is None  # depends on the path: moto decides
    assert dispatch_key({"PATH_INFO": "/moto-api/"}) is None
    assert dispatch_key({"PATH_INFO": "/"}) is None


@pytest.mark.parametrize(
    "body",
    [
        '{"Item": {"pk": {"S": "<Request>"}}}',
        "<Response><RequestId>to-be-replaced</RequestId><Rest/></Response>",
        "",
        b"<RequestId>bytes are left as moto leaves them</RequestId>",
        {"not": "a string"},
    ],
)
def test_answers_are_enriched_as_moto_enriches_them(body):
    from moto.core.responses import BaseResponse
    from moto.moto_api._internal import mock_random

    def enriched() -> tuple[dict, object]:
        mock_random.seed(7)
        return BaseResponse._enrich_response({"status": 200}, body)

    plain = enriched()
    with moto_speedups.installed():
        fast = enriched()
    assert fast == plain
    assert plain[0]["status"] == "200" and len(plain[0]["x-amzn-requestid"]) == 52
    if isinstance(body, str) and "<RequestId>" in body:
        assert plain[1] != body  # the XML one does get the request id


def _received_under_retention(sqs_models) -> list[list[str]]:  # noqa: ANN001
    sqs = boto3.client("sqs", region_name="eu-west-3")
    url = sqs.create_queue(QueueName="q", Attributes={"MessageRetentionPeriod": "60"})["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody="kept")
    seen = [[m["Body"] for m in sqs.receive_message(QueueUrl=url).get("Messages", [])]]
    sqs.send_message(QueueUrl=url, MessageBody="expired")
    real = sqs_models.unix_time
    sqs_models.unix_time = lambda *a: real(*a) + 3600  # an hour on: past the period
    try:
        seen.append([m["Body"] for m in sqs.receive_message(QueueUrl=url).get("Messages", [])])
    finally:
        sqs_models.unix_time = real
    return seen


def test_sqs_keeps_and_drops_messages_by_their_retention_period_as_moto_does():
    from moto.sqs import models as sqs_models

    with mock_aws():
        plain = _received_under_retention(sqs_models)
    with mock_aws(), moto_speedups.installed():
        fast = _received_under_retention(sqs_models)
    assert fast == plain == [["kept"], []]


def _items_built(dynamo_type) -> list:  # noqa: ANN001
    """moto's items around the 400 KB limit: what each holds and its size, or the refusal."""
    hash_key = dynamo_type.DynamoType({"S": "h"})
    nested = {"M": {"é": {"L": [{"N": "1.5"}, {"S": "été"}, {"BOOL": True}]}, "z": {"NULL": True}}}
    cases = [
        {"s": {"S": "Zoé"}, "n": {"N": "42"}, "m": nested, "ss": {"SS": ["a", "b"]}},
        {"b": {"B": b"\x00\x01"}, "ns": {"NS": ["1", "2"]}, "t": {"BOOL": False}},
        {"a": {"S": "x" * (405000 - 1)}},  # exactly at moto's limit: kept
        {"a": {"S": "x" * 405000}},  # one byte over: refused
        {"a": {"S": "é" * 202499}, "b": {"S": "x"}},  # 2 bytes each: over at the second
        {"first": {"S": "x" * 300000}, "second": {"S": "y" * 200000}, "third": {"S": "z"}},
    ]
    built = []
    for attrs in cases:
        try:
            item = dynamo_type.Item(hash_key, None, attrs)
        except dynamo_type.ItemSizeTooLarge as refused:
            built.append(("refused", refused.message))
            continue
        built.append((item.to_json(), item.size(), type(item.attrs).__name__))
    return built


def test_items_are_built_and_refused_past_the_size_limit_as_moto_does():
    from moto.dynamodb.models import dynamo_type

    plain = _items_built(dynamo_type)
    with moto_speedups.installed():
        fast = _items_built(dynamo_type)
    assert fast == plain
    assert [entry[0] == "refused" for entry in plain] == [False, False, False, True, True, True]
