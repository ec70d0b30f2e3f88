"""DynamoDB items of assessments, answers and knowledge, and their translation to domain values."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

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
from pynamodb.attributes import NumberAttribute, UnicodeAttribute

STATE = "STATE"
KNOWLEDGE = "KNOWLEDGE"


def assessment_key(assessment_id: str) -> tuple[str, str]:
    return f"ASSESSMENT#{assessment_id}", STATE


def knowledge_key(user_id: str) -> tuple[str, str]:
    return f"USER#{user_id}", KNOWLEDGE


def slot_key(user_id: str, slot: str) -> tuple[str, str]:
    return f"USER#{user_id}", f"SLOT#{slot}"


class AssessmentItem(EngineItem):
    """One item per assessment; answers are summarised in it as compact JSON."""

    user_id = UnicodeAttribute()
    kind = UnicodeAttribute()
    state = UnicodeAttribute()
    competence = UnicodeAttribute(null=True)
    campaign_code = UnicodeAttribute(null=True)
    targets = UnicodeAttribute()
    answers = UnicodeAttribute()
    current_challenge_id = UnicodeAttribute(null=True)
    served_at = NumberAttribute(null=True)
    created_at = UnicodeAttribute()
    version = NumberAttribute()


class KnowledgeItem(EngineItem):
    """One item per learner: latest knowledge element per skill, challenges ever shown."""

    elements = UnicodeAttribute()
    seen = UnicodeAttribute()
    version = NumberAttribute()


class SlotItem(EngineItem):
    """Which assessment a learner resumes for a competence or a campaign."""

    assessment_id = UnicodeAttribute()


class AnswerItem(EngineItem):
    """Every answer kept with the value given and the knowledge elements it created."""

    user_id = UnicodeAttribute()
    challenge_id = UnicodeAttribute()
    value = UnicodeAttribute()
    result = UnicodeAttribute()
    elapsed_seconds = NumberAttribute(null=True)
    answered_at = UnicodeAttribute()
    knowledge_elements = UnicodeAttribute()


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def assessment_item(a: Assessment) -> AssessmentItem:
    pk, sk = assessment_key(a.id)
    return AssessmentItem(
        pk, sk, user_id=a.user_id, kind=a.kind.value, state=a.state.value,
        competence=a.competence, campaign_code=a.campaign_code,
        targets=_dumps(list(a.target_skill_ids)),
        answers=_dumps([[g.challenge_id, g.result.value, g.value_hash] for g in a.answers]),
        current_challenge_id=a.current_challenge_id,
        served_at=a.served_at.timestamp() if a.served_at else None,
        created_at=a.created_at.isoformat(), version=a.version + 1,
        gsi1pk=f"USER#{a.user_id}", gsi1sk=f"ASSESSMENT#{a.created_at.isoformat()}")


def assessment_of(item: AssessmentItem) -> Assessment:
    return Assessment(
        id=item.pk.removeprefix("ASSESSMENT#"), user_id=item.user_id,
        kind=AssessmentKind(item.kind), target_skill_ids=tuple(json.loads(item.targets)),
        created_at=datetime.fromisoformat(item.created_at), competence=item.competence,
        campaign_code=item.campaign_code, state=AssessmentState(item.state),
        answers=tuple(GivenAnswer(c, AnswerResult(r), h) for c, r, h in json.loads(item.answers)),
        current_challenge_id=item.current_challenge_id,
        served_at=datetime.fromtimestamp(item.served_at, UTC) if item.served_at else None,
        version=int(item.version))


def _element_row(e: KnowledgeElement) -> list[Any]:
    return [e.status.value[0], e.source.value[0], e.earned_pix, e.answer_id, e.tube_id,
            e.competence_code]


_STATUS = {s.value[0]: s for s in KnowledgeStatus}
_SOURCE = {s.value[0]: s for s in KnowledgeSource}


def knowledge_item(k: Knowledge) -> KnowledgeItem:
    pk, sk = knowledge_key(k.user_id)
    return KnowledgeItem(pk, sk, version=k.version + 1, seen=_dumps(sorted(k.seen_challenge_ids)),
                         elements=_dumps({s: _element_row(e) for s, e in k.elements.items()}))


def knowledge_of(user_id: str, item: KnowledgeItem | None) -> Knowledge:
    if item is None:
        return Knowledge(user_id)
    elements = {
        skill: KnowledgeElement(skill, tube, competence, _STATUS[status], _SOURCE[source],
                                pix, answer_id)
        for skill, (status, source, pix, answer_id, tube, competence)
        in json.loads(item.elements).items()
    }
    return Knowledge(user_id, elements, frozenset(json.loads(item.seen)), int(item.version))


def answer_item(r: AnswerRecord) -> AnswerItem:
    pk, _ = assessment_key(r.assessment_id)
    return AnswerItem(
        pk, f"ANSWER#{r.challenge_id}", user_id=r.user_id, challenge_id=r.challenge_id,
        value=_dumps(r.value), result=r.result, elapsed_seconds=r.elapsed_seconds,
        answered_at=r.answered_at.isoformat(),
        knowledge_elements=_dumps([[e.skill_id, *_element_row(e)] for e in r.knowledge_elements]))
