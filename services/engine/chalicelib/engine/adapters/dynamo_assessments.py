"""Assessments on DynamoDB: a learner's item holds knowledge, started assessments and their
answers so far, so an answer is one GetItem and one conditional PutItem; a completed assessment
stays in it until `archive` writes its snapshot and history out."""

from __future__ import annotations

import threading
from collections import OrderedDict
from contextlib import suppress

from chalicelib.engine.adapters.assessment_items import (
    AssessmentItem,
    LearnerItem,
    assessment_from_json,
    assessment_json,
    dumps,
    elements_json,
    entries,
    history_items,
    history_row,
    knowledge_of,
    last_answered_at,
    learner_key,
    member,
    snapshot_item,
    snapshot_key,
)
from chalicelib.engine.adapters.tables import EngineItem
from chalicelib.engine.domain.assessment import Assessment, Knowledge
from chalicelib.engine.ports import AnswerRecord, PendingCompletion, Slot
from pixcore import retention as keep
from pixcore.dynamo import conditional, put_versioned, save, update_versioned
from pixcore.errors import ConcurrentUpdate, NotFound


def _not_found() -> NotFound:
    return NotFound("Évaluation introuvable.", code="ASSESSMENT_NOT_FOUND")


class DynamoAssessmentStore:
    """Every write of a learner's item is conditional on its version: a lost race is a conflict.

    A learner's item at a given version never changes (every write moves the version on), so
    the items last read are kept by (user, version): the write that follows a read puts the
    whole item (cheaper than an update expression) without reading it again."""

    def __init__(self, remembered: int = 2000) -> None:
        self._read: OrderedDict[tuple[str, int], LearnerItem] = OrderedDict()
        self._remembered = remembered
        self._lock = threading.Lock()

    def _learner(self, user_id: str) -> LearnerItem | None:
        try:
            item = LearnerItem.get(*learner_key(user_id), consistent_read=True)
        except LearnerItem.DoesNotExist:
            return None
        with self._lock:
            self._read[(user_id, int(item.version or 0))] = item
            while len(self._read) > self._remembered:
                self._read.popitem(last=False)
        return item

    def _snapshot(self, assessment_id: str) -> Assessment:
        try:
            item = AssessmentItem.get(*snapshot_key(assessment_id), consistent_read=True)
        except AssessmentItem.DoesNotExist:
            raise _not_found() from None
        return assessment_from_json(item.data)

    def _from(self, item: LearnerItem | None, assessment_id: str) -> Assessment:
        active = entries(item.active).get(assessment_id) if item is not None else None
        return self._snapshot(assessment_id) if active is None else assessment_from_json(active)

    def get(self, assessment_id: str, user_id: str) -> Assessment:
        return self._from(self._learner(user_id), assessment_id)

    def read_slot(self, user_id: str, slot: str) -> Slot:
        item = self._learner(user_id)
        if item is None:
            return Slot(None, 0)
        found = entries(item.slots).get(slot)
        return Slot(self._from(item, found) if found else None, int(item.version or 0))

    def add(self, assessment: Assessment, slot: Slot) -> None:
        """The learner's item first (conditional on the slot's read), then the snapshot of a
        new assessment: a lost race leaves nothing behind, and the retry reuses the id."""
        user_id, started = assessment.user_id, assessment_json(assessment)
        if slot.version == 0:
            item = LearnerItem(*learner_key(user_id))
            item.active[assessment.id] = started
            item.slots[assessment.slot] = assessment.id
            put_versioned(item, 0)
        else:
            update_versioned(
                LearnerItem(*learner_key(user_id)),
                slot.version,
                [
                    member(LearnerItem.active, assessment.id).set(started),
                    member(LearnerItem.slots, assessment.slot).set(assessment.id),
                ],
            )
        save(snapshot_item(assessment), AssessmentItem.pk.does_not_exist())

    def load(self, assessment_id: str, user_id: str) -> tuple[Assessment, Knowledge]:
        item = self._learner(user_id)
        return self._from(item, assessment_id), knowledge_of(user_id, item)

    def knowledge(self, user_id: str) -> Knowledge:
        return knowledge_of(user_id, self._learner(user_id))

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
            item = self._read.pop((knowledge.user_id, knowledge.version), None)
        if item is None:
            item = self._learner(knowledge.user_id)
            if item is None or int(item.version or 0) != knowledge.version:
                raise ConcurrentUpdate()
            with self._lock:
                self._read.pop((knowledge.user_id, knowledge.version), None)
        if answer is not None:
            history = entries(item.history).get(assessment.id)
            row = history_row(answer)
            item.history[assessment.id] = f"{history}\n{row}" if history else row
            item.elements = elements_json(knowledge)
            item.seen = dumps(sorted(knowledge.seen_challenge_ids))
        item.active[assessment.id] = assessment_json(assessment)
        put_versioned(item, knowledge.version)

    def _completed(self, item: LearnerItem | None) -> list[tuple[Assessment, str]]:
        """The completed assessments still in a learner's item, with their history lines."""
        if item is None:
            return []
        histories = entries(item.history)
        found = []
        for value in entries(item.active).values():
            assessment = assessment_from_json(value)
            if assessment.is_completed:
                found.append((assessment, histories.get(assessment.id, "")))
        return found

    def archive(self, assessment_id: str, user_id: str) -> Knowledge | None:
        item = self._learner(user_id)
        for assessment, history in self._completed(item):
            if assessment.id == assessment_id:
                # Idempotent puts of the final snapshot and of answers that never change; the
                # history goes a year after the test ended (PRIVACY.md), the profile stays.
                ended = last_answered_at(history) or assessment.created_at
                with EngineItem.batch_write() as batch:
                    for written in (snapshot_item(assessment), *history_items(assessment, history)):
                        written.expires_at = keep.after(ended, keep.PLACEMENT_HISTORY_DAYS)
                        batch.save(written)
                return knowledge_of(user_id, item)
        return None

    def forget_archived(self, assessment_id: str, user_id: str) -> None:
        with suppress(ConcurrentUpdate), conditional():  # already forgotten by an earlier delivery
            LearnerItem(*learner_key(user_id)).update(
                # The version moves on, so no write prepared from the older item brings it back.
                actions=[
                    LearnerItem.version.add(1),
                    member(LearnerItem.active, assessment_id).remove(),
                    member(LearnerItem.history, assessment_id).remove(),
                ],
                condition=member(LearnerItem.active, assessment_id).exists(),
            )

    def pending_completions(self, user_id: str) -> list[PendingCompletion]:
        return [
            PendingCompletion(assessment.id, last_answered_at(history))
            for assessment, history in self._completed(self._learner(user_id))
        ]
