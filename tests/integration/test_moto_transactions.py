"""The local moto's transactions (infra/local/moto_transactions.py): the same outcomes as moto's
own — all or nothing, cancellation reasons — while copying only the items they touch."""

from __future__ import annotations

import copy
import time

import boto3
import pytest
from botocore.exceptions import ClientError
from moto import mock_aws
from moto.dynamodb import models

from infra.local import moto_transactions

TABLE = "pixcert-transactions-test"


@pytest.fixture
def dynamodb(monkeypatch):
    monkeypatch.setattr(models, "copy", models.copy)
    monkeypatch.setattr(
        models.DynamoDBBackend, "transact_write_items", models.DynamoDBBackend.transact_write_items
    )
    for name in moto_transactions.ATOMIC_OPERATIONS:  # put back after the test
        monkeypatch.setattr(models.DynamoDBBackend, name, getattr(models.DynamoDBBackend, name))
    monkeypatch.setattr(models.DynamoDBBackend, "_pixcert_transactions", False, raising=False)
    moto_transactions.apply()
    with mock_aws():
        client = boto3.client("dynamodb", region_name="eu-west-3")
        client.create_table(
            TableName=TABLE,
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
        yield client


def put(pk: str, **attrs: str) -> dict:
    item = {"pk": {"S": pk}, "sk": {"S": "X"}, **{k: {"S": v} for k, v in attrs.items()}}
    return {
        "Put": {"TableName": TABLE, "Item": item, "ConditionExpression": "attribute_not_exists(pk)"}
    }


def read(client, pk: str) -> dict | None:  # noqa: ANN001
    return client.get_item(TableName=TABLE, Key={"pk": {"S": pk}, "sk": {"S": "X"}}).get("Item")


def test_a_transaction_writes_all_its_items(dynamodb):
    dynamodb.transact_write_items(TransactItems=[put("A", name="Zoé"), put("B", name="Loïc")])
    assert read(dynamodb, "A")["name"] == {"S": "Zoé"} and read(dynamodb, "B") is not None


def test_a_failed_condition_leaves_every_item_as_it_was(dynamodb):
    # GIVEN B exists, and A holds a value
    dynamodb.put_item(TableName=TABLE, Item={"pk": {"S": "A"}, "sk": {"S": "X"}, "n": {"N": "1"}})
    dynamodb.put_item(TableName=TABLE, Item={"pk": {"S": "B"}, "sk": {"S": "X"}})
    update_a = {
        "Update": {
            "TableName": TABLE,
            "Key": {"pk": {"S": "A"}, "sk": {"S": "X"}},
            "UpdateExpression": "SET n = n + :one",
            "ExpressionAttributeValues": {":one": {"N": "1"}},
        }
    }
    # WHEN a transaction updates A, creates C, then fails on B's condition
    with pytest.raises(ClientError) as raised:
        dynamodb.transact_write_items(TransactItems=[update_a, put("C"), put("B")])
    # THEN nothing of it stays, and moto's reasons say which item failed
    assert raised.value.response["Error"]["Code"] == "TransactionCanceledException"
    reasons = [r["Code"] for r in raised.value.response["CancellationReasons"]]
    assert reasons == ["None", "None", "ConditionalCheckFailed"]
    assert read(dynamodb, "A")["n"] == {"N": "1"}
    assert read(dynamodb, "C") is None


def test_two_operations_on_one_item_are_refused_and_undone(dynamodb):
    with pytest.raises(ClientError):
        dynamodb.transact_write_items(TransactItems=[put("D"), put("D")])
    assert read(dynamodb, "D") is None


def test_a_transaction_does_not_copy_the_whole_table(dynamodb, monkeypatch):
    # GIVEN a table of 3,000 items
    for start in range(0, 3000, 25):
        dynamodb.batch_write_item(
            RequestItems={
                TABLE: [
                    {"PutRequest": {"Item": {"pk": {"S": f"S{i}"}, "sk": {"S": "X"}}}}
                    for i in range(start, start + 25)
                ]
            }
        )
    copied = []
    real = copy.deepcopy
    monkeypatch.setattr(copy, "deepcopy", lambda v, memo=None: copied.append(v) or real(v, memo))
    # WHEN a two-item transaction runs
    started = time.perf_counter()
    dynamodb.transact_write_items(TransactItems=[put("E"), put("F")])
    # THEN no table was copied (only the touched items' attributes)
    assert not any(isinstance(v, models.Table) for v in copied)
    assert time.perf_counter() - started < 5
