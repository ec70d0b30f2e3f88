"""Publishing messages: a direct send to each consuming service's queue, with a claim check."""

from __future__ import annotations

import json
from collections.abc import Callable

from pixcore.aws import client
from pixcore.messages import Message, consumers_of
from pixcore.ports import DocumentStore

SQS_BODY_LIMIT = 256 * 1024
CLAIM_CHECK_THRESHOLD = 200 * 1024


def encode(message: Message, claims: DocumentStore | None) -> str:
    """The SQS body: the message itself, or a pointer to it in S3 when it is too big for a queue."""
    body = message.to_json()
    if len(body.encode()) <= CLAIM_CHECK_THRESHOLD:
        return body
    if claims is None:
        raise ValueError(f"message {message.type} is too large and no claim-check store is set")
    key = f"claim-checks/{message.type}/{message.message_id}.json"
    claims.put(key, body.encode(), "application/json")
    return json.dumps(
        {
            "type": message.type,
            "message_id": message.message_id,
            "claim_check": {"bucket": claims.bucket, "key": key},
        }
    )


class SqsPublisher:
    """Sends each message to the queue of every service that consumes its type."""

    def __init__(
        self, queue_url: Callable[[str], str], claims: DocumentStore | None = None
    ) -> None:
        self.queue_url = queue_url
        self.claims = claims

    def publish(self, *messages: Message) -> None:
        batches: dict[str, list[dict[str, object]]] = {}
        for message in messages:
            body = encode(message, self.claims)
            for service in consumers_of(message.type):
                entries = batches.setdefault(self.queue_url(service), [])
                entries.append(
                    {
                        "Id": str(len(entries)),
                        "MessageBody": body,
                        "MessageAttributes": {
                            "type": {"DataType": "String", "StringValue": message.type}
                        },
                    }
                )
        sqs = client("sqs")
        for url, entries in batches.items():
            for start in range(0, len(entries), 10):
                response = sqs.send_message_batch(QueueUrl=url, Entries=entries[start : start + 10])
                if response.get("Failed"):
                    raise RuntimeError(
                        f"SQS refused {len(response['Failed'])} message(s) for {url}"
                    )
