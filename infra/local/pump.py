"""Queue pumps and schedules: the apps' SQS and scheduled handlers invoked with Lambda's semantics."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from types import ModuleType
from typing import Any

import boto3
from chalice.app import ScheduledEventConfig, SQSEventConfig

from pixcore.idempotency import MessageInProgress
from pixcore.logs import get_logger

log = get_logger("local.pump")
RETRY_DELAY_SECONDS = 1
RECEIVE_BATCH = 10
# The queues' visibility timeout and the consumers' claim lease on the local stack (120 s in the
# cloud, where a Lambda's timeout bounds a handler): a message received by an apps process that
# died is handled again 20 s later, not two minutes. No local handler runs that long.
LOCAL_VISIBILITY_SECONDS = 20


def sqs_event(messages: list[dict[str, Any]], queue_arn: str) -> dict[str, Any]:
    """The event Lambda hands to a function subscribed to a queue."""
    return {
        "Records": [
            {
                "messageId": m["MessageId"],
                "receiptHandle": m["ReceiptHandle"],
                "body": m["Body"],
                "attributes": m.get("Attributes", {}),
                "messageAttributes": m.get("MessageAttributes", {}),
                "md5OfBody": m.get("MD5OfBody", ""),
                "eventSource": "aws:sqs",
                "eventSourceARN": queue_arn,
                "awsRegion": "eu-west-3",
            }
            for m in messages
        ]
    }


def scheduled_event(rule: str) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "detail-type": "Scheduled Event",
        "source": "aws.events",
        "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "resources": [rule],
        "detail": {},
        "region": "eu-west-3",
        "account": "123456789012",
        "version": "0",
    }


class _Context:
    function_name = "local"
    memory_limit_in_mb = 1024
    aws_request_id = "local"

    def get_remaining_time_in_millis(self) -> int:
        return 30_000


class QueuePump(threading.Thread):
    """Lambda's event source mapping for one queue: each message goes to the handler in an event
    of `batch_size` records (1 here) and is deleted on success; on failure it comes back after a
    short delay, and after 5 receives the queue's redrive policy moves it to its DLQ.

    It receives up to 10 messages per call and deletes them in one call (two SQS requests per
    ten messages instead of two per message); each handler call still gets its own event.
    Messages are received for `LOCAL_VISIBILITY_SECONDS`, the consumers' claim lease here: a
    message held by an apps process that died comes back when its claim has expired."""

    def __init__(
        self,
        queue_name: str,
        handler: Callable[..., Any],
        batch_size: int,
        stop: threading.Event,
        on_idle: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(name=f"pump-{queue_name}", daemon=True)
        self.queue_name = queue_name
        self.handler = handler
        self.batch_size = batch_size
        self.stop = stop
        self.handled = 0
        self.failed = 0
        self.busy = False

    def run(self) -> None:
        sqs = boto3.client("sqs")
        url = sqs.get_queue_url(QueueName=self.queue_name)["QueueUrl"]
        arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"][
            "QueueArn"
        ]
        while not self.stop.is_set():
            try:
                messages = sqs.receive_message(
                    QueueUrl=url,
                    MaxNumberOfMessages=RECEIVE_BATCH,
                    WaitTimeSeconds=1,
                    VisibilityTimeout=LOCAL_VISIBILITY_SECONDS,
                    AttributeNames=["All"],
                    MessageAttributeNames=["All"],
                ).get("Messages", [])
            except Exception:  # the server is going away at shutdown
                if self.stop.is_set():
                    return
                time.sleep(0.5)
                continue
            if not messages:
                continue
            self.busy = True
            try:
                done = []
                for start in range(0, len(messages), self.batch_size):
                    batch = messages[start : start + self.batch_size]
                    if self._invoke(sqs, url, arn, batch):
                        done.extend(batch)
                if done:
                    sqs.delete_message_batch(
                        QueueUrl=url,
                        Entries=[
                            {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]}
                            for i, m in enumerate(done)
                        ],
                    )
            finally:
                self.busy = False

    def _invoke(self, sqs: Any, url: str, arn: str, batch: list[dict[str, Any]]) -> bool:
        try:
            self.handler(sqs_event(batch, arn), _Context())
        except Exception as error:
            self.failed += 1
            log.warning(
                "pump.handler_failed",
                queue=self.queue_name,
                error=type(error).__name__,
                exc_info=True,
            )
            # A message another delivery holds (a copy, or one a killed process was handling)
            # comes back when that claim's lease is over, as SQS's visibility timeout brings it
            # back in the cloud; a quick retry would only use up its receives.
            held = isinstance(error, MessageInProgress)
            delay = LOCAL_VISIBILITY_SECONDS if held else RETRY_DELAY_SECONDS
            for m in batch:
                sqs.change_message_visibility(
                    QueueUrl=url, ReceiptHandle=m["ReceiptHandle"], VisibilityTimeout=delay
                )
            return False
        self.handled += len(batch)
        return True


class Scheduler(threading.Thread):
    """Fires every scheduled handler on a short local period instead of its cloud schedule."""

    def __init__(
        self, jobs: list[tuple[str, Callable[..., Any]]], period: float, stop: threading.Event
    ) -> None:
        super().__init__(name="scheduler", daemon=True)
        self.jobs = jobs
        self.period = period
        self.stop = stop

    def run(self) -> None:
        while not self.stop.wait(self.period):
            for name, handler in self.jobs:
                try:
                    handler(scheduled_event(name), _Context())
                except Exception:
                    log.error("schedule.failed", job=name, exc_info=True)


def event_handlers(
    apps: dict[str, ModuleType],
) -> tuple[list[tuple[str, int, Callable[..., Any]]], list[tuple[str, Callable[..., Any]]]]:
    queues, schedules = [], []
    for module in apps.values():
        for source in module.app.event_sources:
            handler = getattr(module, source.handler_string.split(".", 1)[1])
            if isinstance(source, SQSEventConfig):
                queues.append((source.queue, source.batch_size, handler))
            elif isinstance(source, ScheduledEventConfig):
                schedules.append((source.name, handler))
    return queues, schedules
