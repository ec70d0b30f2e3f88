"""Assessments and knowledge on DynamoDB: one BatchGetItem to read, one transaction to answer."""

from __future__ import annotations

from typing import Any

from chalicelib.engine.adapters.assessment_items import (
    AnswerItem,
    AssessmentItem,
    KnowledgeItem,
    SlotItem,
    answer_item,
    assessment_item,
    assessment_key,
    assessment_of,
    knowledge_item,
    knowledge_key,
    knowledge_of,
    slot_key,
)
from chalicelib.engine.domain.assessment import Assessment, Knowledge
from chalicelib.engine.exceptions import AnswerAlreadyRecordedError
from chalicelib.engine.ports import AnswerRecord
from pixcore.dynamo import is_condition_failure, save
from pixcore.errors import ConcurrentUpdate, NotFound
from pynamodb.connection import Connection
from pynamodb.exceptions import TransactWriteError
from pynamodb.transactions import TransactWrite


def _not_found() -> NotFound:
    return NotFound("Évaluation introuvable.", code="ASSESSMENT_NOT_FOUND")


def _raw_key(key: tuple[str, str]) -> dict[str, Any]:
    return {"pk": {"S": key[0]}, "sk": {"S": key[1]}}


class DynamoAssessmentStore:
    def _connection(self) -> Connection:
        # The models' own connection: one botocore client per container, kept alive.
        return AssessmentItem._get_connection().connection

    def get(self, assessment_id: str) -> Assessment:
        try:
            return assessment_of(AssessmentItem.get(*assessment_key(assessment_id),
                                                    consistent_read=True))
        except AssessmentItem.DoesNotExist:
            raise _not_found() from None

    def started_in(self, user_id: str, slot: str) -> Assessment | None:
        try:
            pointer = SlotItem.get(*slot_key(user_id, slot), consistent_read=True)
        except SlotItem.DoesNotExist:
            return None
        return self.get(pointer.assessment_id)

    def add(self, assessment: Assessment, replacing: str | None = None) -> None:
        pointer = SlotItem(*slot_key(assessment.user_id, assessment.slot),
                           assessment_id=assessment.id)
        free = (SlotItem.pk.does_not_exist() if replacing is None
                else SlotItem.assessment_id == replacing)
        self._transact([(assessment_item(assessment), AssessmentItem.pk.does_not_exist()),
                        (pointer, free)])

    def load(self, assessment_id: str, user_id: str) -> tuple[Assessment, Knowledge]:
        table = AssessmentItem.Meta.table_name
        wanted = [assessment_key(assessment_id), knowledge_key(user_id)]
        request = {table: {"Keys": [_raw_key(k) for k in wanted], "ConsistentRead": True}}
        found: dict[tuple[str, str], dict[str, Any]] = {}
        while request:
            response = self._connection().dispatch("BatchGetItem", {"RequestItems": request})
            for raw in response.get("Responses", {}).get(table, []):
                found[(raw["pk"]["S"], raw["sk"]["S"])] = raw
            request = response.get("UnprocessedKeys") or {}
        raw_assessment = found.get(wanted[0])
        if raw_assessment is None:
            raise _not_found()
        raw_knowledge = found.get(wanted[1])
        knowledge = KnowledgeItem.from_raw_data(raw_knowledge) if raw_knowledge else None
        return assessment_of(AssessmentItem.from_raw_data(raw_assessment)), \
            knowledge_of(user_id, knowledge)

    def knowledge(self, user_id: str) -> Knowledge:
        try:
            item = KnowledgeItem.get(*knowledge_key(user_id), consistent_read=True)
        except KnowledgeItem.DoesNotExist:
            item = None
        return knowledge_of(user_id, item)

    def save(self, assessment: Assessment) -> None:
        save(assessment_item(assessment), AssessmentItem.version == assessment.version)

    def record_answer(self, assessment: Assessment, knowledge: Knowledge,
                      answer: AnswerRecord) -> None:
        known = (KnowledgeItem.version == knowledge.version if knowledge.version
                 else KnowledgeItem.pk.does_not_exist())
        self._transact([(answer_item(answer), AnswerItem.pk.does_not_exist()),
                        (assessment_item(assessment), AssessmentItem.version == assessment.version),
                        (knowledge_item(knowledge), known)])

    def _transact(self, puts: list[tuple[Any, Any]]) -> None:
        """Conditional puts in one TransactWriteItems; the first failed condition says why."""
        try:
            with TransactWrite(connection=self._connection()) as transaction:
                for item, condition in puts:
                    transaction.save(item, condition=condition)
        except TransactWriteError as error:
            if not is_condition_failure(error):
                raise
            reasons = getattr(error, "cancellation_reasons", None) or []
            first = reasons[0] if reasons else None
            if isinstance(puts[0][0], AnswerItem) and first is not None \
                    and first.code == "ConditionalCheckFailed":
                raise AnswerAlreadyRecordedError() from error
            raise ConcurrentUpdate() from error
