"""Profiles written straight into engine's table, for the certification demo, workflow tests and
benchmarks: placement through HTTP takes minutes for 40 or 200 candidates."""

from __future__ import annotations

from typing import Any


def seed_profile(dynamodb: Any, user_id: str, levels: dict[str, int], content: Any) -> None:
    """A profile as placement would leave it (each skill up to the level answered right, by
    competence code → level), written with `dynamodb` (a boto3 client of the stack's moto)."""
    from chalicelib.engine.adapters.assessment_items import (
        LearnerItem,
        dumps,
        elements_json,
        learner_key,
    )
    from chalicelib.engine.domain.assessment import Knowledge
    from chalicelib.engine.domain.simulated_candidate import validated_knowledge
    from infra.resources import main_table

    elements, seen = validated_knowledge(content, levels)
    knowledge = Knowledge(user_id, {e.skill_id: e for e in elements}, frozenset(seen))
    item = LearnerItem(
        *learner_key(user_id),
        elements=elements_json(knowledge),
        seen=dumps(sorted(seen)),
        version=1,
    )
    dynamodb.put_item(
        TableName=main_table("engine"),
        Item=item.serialize(),
        ConditionExpression="attribute_not_exists(pk)",
    )
