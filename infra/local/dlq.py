"""Dead letters: list what failed five times, and send it back to its queue."""

from __future__ import annotations

from typing import Any

import boto3

from infra import resources


def _urls(sqs: Any, service: str) -> tuple[str, str]:
    return (
        sqs.get_queue_url(QueueName=resources.queue(service))["QueueUrl"],
        sqs.get_queue_url(QueueName=resources.dead_letter_queue(service))["QueueUrl"],
    )


def list_dead_letters(
    service: str | None = None, peek_seconds: int = 1
) -> dict[str, list[dict[str, Any]]]:
    """Peek at the dead-letter queue of `service` (or of every service); messages stay there
    (they reappear after the peek)."""
    sqs = boto3.client("sqs")
    found: dict[str, list[dict[str, Any]]] = {}
    for name in [service] if service else resources.SERVICES:
        _, dlq = _urls(sqs, name)
        messages = sqs.receive_message(
            QueueUrl=dlq,
            MaxNumberOfMessages=10,
            VisibilityTimeout=peek_seconds,
            MessageAttributeNames=["All"],
        ).get("Messages", [])
        found[name] = [{"message_id": m["MessageId"], "body": m["Body"][:300]} for m in messages]
    return found


def replay(service: str | None = None) -> int:
    """Move every dead letter back to its service's queue; returns how many moved."""
    sqs = boto3.client("sqs")
    moved = 0
    for name in [service] if service else resources.SERVICES:
        queue, dlq = _urls(sqs, name)
        while True:
            messages = sqs.receive_message(
                QueueUrl=dlq,
                MaxNumberOfMessages=10,
                VisibilityTimeout=30,
                MessageAttributeNames=["All"],
            ).get("Messages", [])
            if not messages:
                break
            for m in messages:
                sqs.send_message(
                    QueueUrl=queue,
                    MessageBody=m["Body"],
                    MessageAttributes=m.get("MessageAttributes", {}),
                )
                sqs.delete_message(QueueUrl=dlq, ReceiptHandle=m["ReceiptHandle"])
                moved += 1
    return moved
