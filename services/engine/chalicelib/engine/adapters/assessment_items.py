"""How assessments, knowledge and answers are written in DynamoDB items (compact JSON)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any, cast

from pynamodb.attributes import MapAttribute, NumberAttribute, UnicodeAttribute
from pynamodb.expressions.operand import Path

from chalicelib.engine.adapters.tables import EngineItem
from chalicelib.engine.domain.answers import AnswerResult
from chalicelib.engine.domain.assessment import (
    Assessment,
    AssessmentKind,
    AssessmentState,
    GivenAnswer,
    Knowledge,
)
from chalicelib.engine.domain.knowledge import KnowledgeElement, KnowledgeSource, KnowledgeStatus
from chalicelib.engine.ports import AnswerRecord


def learner_key(user_id: str) -> tuple[str, str]:
    return f"USER#{user_id}", "LEARNER"


def snapshot_key(assessment_id: str) -> tuple[str, str]:
    return f"ASSESSMENT#{assessment_id}", "STATE"


class LearnerItem(EngineItem):
    """A learner's state in one item, so an answer is one read and one write: knowledge, the
    challenges ever shown, the assessments started (by slot) and each one's answers so far,
    until it is archived. Its `version` moves on with every write."""

    elements = UnicodeAttribute(default="{}")
    seen = UnicodeAttribute(default="[]")
    active: MapAttribute[str, str] = MapAttribute(
        default=dict
    )  # assessment id → the assessment (JSON)
    slots: MapAttribute[str, str] = MapAttribute(default=dict)  # slot → assessment id
    history: MapAttribute[str, str] = MapAttribute(
        default=dict
    )  # assessment id → its answers, one JSON line each


def entries(attribute: MapAttribute[str, str]) -> dict[str, str]:
    return attribute.as_dict()


def member(attribute: MapAttribute[str, str], key: str) -> Path:
    """`Model.attribute[key]`: the document path of one entry, in update and condition
    expressions (PynamoDB types it as the entry's value)."""
    return cast(Path, attribute[key])


class AssessmentItem(EngineItem):
    """An assessment's snapshot: written when it starts and when it ends, with its owner."""

    user_id = UnicodeAttribute()
    state = UnicodeAttribute()
    data = UnicodeAttribute()


class AnswerItem(EngineItem):
    """Every answer kept with the value given and the knowledge elements it created."""

    user_id = UnicodeAttribute()
    challenge_id = UnicodeAttribute()
    value = UnicodeAttribute()
    result = UnicodeAttribute()
    elapsed_seconds = NumberAttribute(null=True)
    answered_at = UnicodeAttribute()
    knowledge_elements = UnicodeAttribute()


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def assessment_json(a: Assessment) -> str:
    return dumps(
        {
            "id": a.id,
            "user_id": a.user_id,
            "kind": a.kind.value,
            "targets": a.target_skill_ids,
            "created_at": a.created_at.isoformat(),
            "competence": a.competence,
            "campaign_code": a.campaign_code,
            "state": a.state.value,
            "answers": [[g.challenge_id, g.result.value, g.value_hash] for g in a.answers],
            "current": a.current_challenge_id,
            "served_at": a.served_at.timestamp() if a.served_at else None,
        }
    )


def assessment_from_json(text: str) -> Assessment:
    d = json.loads(text)
    return Assessment(
        id=d["id"],
        user_id=d["user_id"],
        kind=AssessmentKind(d["kind"]),
        target_skill_ids=tuple(d["targets"]),
        created_at=datetime.fromisoformat(d["created_at"]),
        competence=d["competence"],
        campaign_code=d["campaign_code"],
        state=AssessmentState(d["state"]),
        answers=tuple(GivenAnswer(c, AnswerResult(r), h) for c, r, h in d["answers"]),
        current_challenge_id=d["current"],
        served_at=datetime.fromtimestamp(d["served_at"], UTC) if d["served_at"] else None,
    )


def snapshot_item(a: Assessment) -> AssessmentItem:
    return AssessmentItem(
        *snapshot_key(a.id),
        user_id=a.user_id,
        state=a.state.value,
        data=assessment_json(a),
        gsi1pk=f"USER#{a.user_id}",
        gsi1sk=f"ASSESSMENT#{a.created_at.isoformat()}",
    )


def _row(e: KnowledgeElement) -> list[Any]:
    return [
        e.status.value[0],
        e.source.value[0],
        e.earned_pix,
        e.answer_id,
        e.tube_id,
        e.competence_code,
    ]


_STATUS = {s.value[0]: s for s in KnowledgeStatus}
_SOURCE = {s.value[0]: s for s in KnowledgeSource}


def elements_json(k: Knowledge) -> str:
    return dumps({skill: _row(e) for skill, e in k.elements.items()})


def knowledge_of(user_id: str, item: LearnerItem | None) -> Knowledge:
    if item is None:
        return Knowledge(user_id)
    elements = {
        skill: KnowledgeElement(
            skill, tube, competence, _STATUS[status], _SOURCE[source], pix, answer_id
        )
        for skill, (status, source, pix, answer_id, tube, competence) in json.loads(
            item.elements
        ).items()
    }
    return Knowledge(user_id, elements, frozenset(json.loads(item.seen)), int(item.version or 0))


def history_row(r: AnswerRecord) -> str:
    """One answer as a line of the history the learner's item holds until the assessment ends."""
    return dumps(
        [
            r.challenge_id,
            r.value,
            r.result,
            r.elapsed_seconds,
            r.answered_at.isoformat(),
            [[e.skill_id, *_row(e)] for e in r.knowledge_elements],
        ]
    )


def last_answered_at(history: str) -> datetime | None:
    """When the last answer of a history was given (an assessment ends with its last answer)."""
    if not history:
        return None
    return datetime.fromisoformat(json.loads(history.rsplit("\n", 1)[-1])[4])


def history_items(assessment: Assessment, history: str) -> list[AnswerItem]:
    """The answer items of a finished assessment, from the lines its learner's item held."""
    pk = snapshot_key(assessment.id)[0]
    items = []
    for line in history.splitlines():
        challenge_id, value, result, elapsed, answered_at, elements = json.loads(line)
        items.append(
            AnswerItem(
                pk,
                f"ANSWER#{challenge_id}",
                user_id=assessment.user_id,
                challenge_id=challenge_id,
                value=dumps(value),
                result=result,
                elapsed_seconds=elapsed,
                answered_at=answered_at,
                knowledge_elements=dumps(elements),
            )
        )
    return items
