"""Assessments on DynamoDB: a learner's item holds knowledge, started assessments and their
answers so far, so an answer is one GetItem and one conditional PutItem; a completed assessment
stays in it until `archive` writes its snapshot and history out."""

from __future__ import annotations

import threading
from collections import OrderedDict
from contextlib import suppress
from typing import Any

from botocore.exceptions import ClientError
from pynamodb.connection import Connection
from pynamodb.exceptions import PynamoDBException

from chalicelib.engine.adapters.assessment_items import (
    AssessmentItem,
    assessment_from_json,
    assessment_json,
    dumps,
    elements_json,
    history_items,
    history_row,
    knowledge_from_raw,
    last_answered_at,
    learner_key,
    snapshot_item,
    snapshot_key,
)
from chalicelib.engine.domain.assessment import Assessment, Knowledge
from chalicelib.engine.ports import AnswerRecord, PendingCompletion
from pixcore.errors import ConcurrentUpdate, NotFound

BATCH_SIZE = 25  # DynamoDB's limit per BatchWriteItem


def _not_found() -> NotFound:
    return NotFound("Évaluation introuvable.", code="ASSESSMENT_NOT_FOUND")


class DynamoAssessmentStore:
    """Every write of a learner's item is conditional on its version: a lost race is a conflict.

    The items last read are remembered by (user, version), so a write can put the whole item
    (cheaper than an update expression) without reading it again."""

    def __init__(self, remembered: int = 2000) -> None:
        self._read: OrderedDict[tuple[str, int], dict[str, Any]] = OrderedDict()
        self._remembered = remembered
        self._lock = threading.Lock()
        self._local = threading.local()

    def _call(self, operation: str, **kwargs: Any) -> dict[str, Any]:
        # The models' own connection: one botocore client per container, kept alive.
        connection: Connection = AssessmentItem._get_connection().connection
        if operation != "BatchWriteItem":
            kwargs["TableName"] = AssessmentItem.Meta.table_name
        try:
            return connection.dispatch(operation, kwargs)
        except (PynamoDBException, ClientError) as error:
            # `dispatch` lets botocore's error through (PynamoDB wraps it only in its own calls).
            code = getattr(error, "cause_response_code", None) or getattr(
                error, "response", {}
            ).get("Error", {}).get("Code")
            if code == "ConditionalCheckFailedException":
                raise ConcurrentUpdate() from error
            raise

    def _learner(self, user_id: str) -> dict[str, Any] | None:
        raw = self._call("GetItem", Key=learner_key(user_id), ConsistentRead=True).get("Item")
        if raw is not None:
            with self._lock:
                self._read[(user_id, int(raw["version"]["N"]))] = raw
                while len(self._read) > self._remembered:
                    self._read.popitem(last=False)
        return raw

    def _snapshot(self, assessment_id: str) -> Assessment:
        try:
            item = AssessmentItem.get(*snapshot_key(assessment_id), consistent_read=True)
        except AssessmentItem.DoesNotExist:
            raise _not_found() from None
        return assessment_from_json(item.data, 0)

    def _from(self, raw: dict[str, Any] | None, assessment_id: str) -> Assessment:
        active = (raw or {}).get("active", {}).get("M", {}).get(assessment_id)
        if active is None or raw is None:
            return self._snapshot(assessment_id)
        return assessment_from_json(active["S"], int(raw["version"]["N"]))

    def get(self, assessment_id: str, user_id: str) -> Assessment:
        return self._from(self._learner(user_id), assessment_id)

    def started_in(self, user_id: str, slot: str) -> Assessment | None:
        raw = self._learner(user_id)
        # `add` usually follows in the same request: it reuses this read (its write is
        # conditional on the version read, so a stale item only costs a retry).
        self._local.last = (user_id, raw)
        found = (raw or {}).get("slots", {}).get("M", {}).get(slot)
        return self._from(raw, found["S"]) if found else None

    def add(self, assessment: Assessment, replacing: str | None = None) -> None:
        last, self._local.last = getattr(self._local, "last", None), None
        if last is not None and last[0] == assessment.user_id:
            raw = last[1]
        else:
            raw = self._learner(assessment.user_id)
        slots = (raw or {}).get("slots", {}).get("M", {})
        if slots.get(assessment.slot, {}).get("S") != replacing:
            raise ConcurrentUpdate()
        snapshot_item(assessment).save()
        if raw is None:
            self._call(
                "PutItem",
                ConditionExpression="attribute_not_exists(pk)",
                Item={
                    **learner_key(assessment.user_id),
                    "elements": {"S": "{}"},
                    "seen": {"S": "[]"},
                    "active": {"M": {assessment.id: {"S": assessment_json(assessment)}}},
                    "slots": {"M": {assessment.slot: {"S": assessment.id}}},
                    "version": {"N": "1"},
                },
            )
            return
        self._update(
            assessment.user_id,
            int(raw["version"]["N"]),
            "SET version = version + :one, active.#a = :a, slots.#s = :id",
            {"#a": assessment.id, "#s": assessment.slot},
            {":a": {"S": assessment_json(assessment)}, ":id": {"S": assessment.id}},
        )

    def load(self, assessment_id: str, user_id: str) -> tuple[Assessment, Knowledge]:
        raw = self._learner(user_id)
        return self._from(raw, assessment_id), knowledge_from_raw(user_id, raw)

    def knowledge(self, user_id: str) -> Knowledge:
        return knowledge_from_raw(user_id, self._learner(user_id))

    def save(self, assessment: Assessment, knowledge: Knowledge) -> None:
        self._write(assessment, knowledge, None)

    def record_answer(
        self, assessment: Assessment, knowledge: Knowledge, answer: AnswerRecord
    ) -> None:
        self._write(assessment, knowledge, answer)

    def _write(
        self, assessment: Assessment, knowledge: Knowledge, answer: AnswerRecord | None
    ) -> None:
        """One conditional PutItem of the learner's item; the answers wait in it, with the
        assessment, until the assessment is archived."""
        if not knowledge.version:  # a learner's item exists once they started an assessment
            raise _not_found()
        with self._lock:
            raw = self._read.pop((knowledge.user_id, knowledge.version), None)
        if raw is None:
            raw = self._learner(knowledge.user_id)
            if raw is None or int(raw["version"]["N"]) != knowledge.version:
                raise ConcurrentUpdate()
        item = {**raw, "version": {"N": str(knowledge.version + 1)}}
        active = dict(raw.get("active", {}).get("M", {}))
        histories = dict(raw.get("history", {}).get("M", {}))
        history = histories.pop(assessment.id, {}).get("S", "")
        if answer is not None:
            history = f"{history}\n{history_row(answer)}" if history else history_row(answer)
            item["elements"] = {"S": elements_json(knowledge)}
            item["seen"] = {"S": dumps(sorted(knowledge.seen_challenge_ids))}
        active[assessment.id] = {"S": assessment_json(assessment)}
        if history:
            histories[assessment.id] = {"S": history}
        item["active"] = {"M": active}
        item["history"] = {"M": histories}
        self._call(
            "PutItem",
            Item=item,
            ConditionExpression="version = :v",
            ExpressionAttributeValues={":v": {"N": str(knowledge.version)}},
        )

    def _completed(self, raw: dict[str, Any] | None) -> list[tuple[Assessment, str]]:
        """The completed assessments still in a learner's item, with their history lines."""
        histories = (raw or {}).get("history", {}).get("M", {})
        found = []
        for value in (raw or {}).get("active", {}).get("M", {}).values():
            assessment = assessment_from_json(value["S"], 0)
            if assessment.is_completed:
                found.append((assessment, histories.get(assessment.id, {}).get("S", "")))
        return found

    def archive(self, assessment_id: str, user_id: str) -> Knowledge | None:
        raw = self._learner(user_id)
        for assessment, history in self._completed(raw):
            if assessment.id == assessment_id:
                self._put_all(
                    [snapshot_item(assessment).serialize(), *history_items(assessment, history)]
                )
                return knowledge_from_raw(user_id, raw)
        return None

    def forget_archived(self, assessment_id: str, user_id: str) -> None:
        with suppress(ConcurrentUpdate):  # already forgotten by an earlier delivery
            self._call(
                "UpdateItem",
                Key=learner_key(user_id),
                # The version moves on, so no write prepared from the older item brings it back.
                UpdateExpression="SET version = version + :one REMOVE active.#a, history.#a",
                ConditionExpression="attribute_exists(active.#a)",
                ExpressionAttributeNames={"#a": assessment_id},
                ExpressionAttributeValues={":one": {"N": "1"}},
            )

    def pending_completions(self, user_id: str) -> list[PendingCompletion]:
        return [
            PendingCompletion(assessment.id, last_answered_at(history))
            for assessment, history in self._completed(self._learner(user_id))
        ]

    def _put_all(self, items: list[dict[str, Any]]) -> None:
        table = AssessmentItem.Meta.table_name
        for start in range(0, len(items), BATCH_SIZE):  # one batch for an evaluation (≤ 21)
            pending: dict[str, Any] | None = {
                table: [
                    {"PutRequest": {"Item": item}} for item in items[start : start + BATCH_SIZE]
                ]
            }
            while pending:  # unprocessed items only under throttling
                pending = self._call("BatchWriteItem", RequestItems=pending).get("UnprocessedItems")

    def _update(
        self,
        user_id: str,
        version: int,
        expression: str,
        names: dict[str, str],
        values: dict[str, Any],
    ) -> None:
        self._call(
            "UpdateItem",
            Key=learner_key(user_id),
            UpdateExpression=expression,
            ConditionExpression="version = :v",
            ExpressionAttributeNames=names,
            ExpressionAttributeValues={**values, ":v": {"N": str(version)}, ":one": {"N": "1"}},
        )
