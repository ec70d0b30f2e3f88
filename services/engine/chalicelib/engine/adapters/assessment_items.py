"""How assessments, knowledge and answers are written in DynamoDB items (compact JSON)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from pynamodb.attributes import NumberAttribute, UnicodeAttribute

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


def learner_key(user_id: str) -> dict[str, Any]:
    return {"pk": {"S": f"USER#{user_id}"}, "sk": {"S": "LEARNER"}}


def snapshot_key(assessment_id: str) -> tuple[str, str]:
    return f"ASSESSMENT#{assessment_id}", "STATE"


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


def assessment_from_json(text: str, version: int) -> Assessment:
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
        version=version,
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


def knowledge_from_raw(user_id: str, raw: dict[str, Any] | None) -> Knowledge:
    if raw is None:
        return Knowledge(user_id)
    elements = {
        skill: KnowledgeElement(
            skill, tube, competence, _STATUS[status], _SOURCE[source], pix, answer_id
        )
        for skill, (status, source, pix, answer_id, tube, competence) in json.loads(
            raw["elements"]["S"]
        ).items()
    }
    return Knowledge(
        user_id, elements, frozenset(json.loads(raw["seen"]["S"])), int(raw["version"]["N"])
    )


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


def history_items(assessment: Assessment, history: str) -> list[dict[str, Any]]:
    """The answer items of a finished assessment, from the lines its learner's item held."""
    pk = {"S": snapshot_key(assessment.id)[0]}
    items = []
    for line in history.splitlines():
        challenge_id, value, result, elapsed, answered_at, elements = json.loads(line)
        item = {
            "pk": pk,
            "sk": {"S": f"ANSWER#{challenge_id}"},
            "user_id": {"S": assessment.user_id},
            "challenge_id": {"S": challenge_id},
            "value": {"S": dumps(value)},
            "result": {"S": result},
            "answered_at": {"S": answered_at},
            "knowledge_elements": {"S": dumps(elements)},
        }
        if elapsed is not None:
            item["elapsed_seconds"] = {"N": repr(elapsed)}
        items.append(item)
    return items
