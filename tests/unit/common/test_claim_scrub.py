"""Claim checks rewritten without an erased learner: their entries go, the others stay."""

from __future__ import annotations

import json

from pixcore.claim_scrub import scrub_claim_checks
from pixcore.memory import InMemoryDocumentStore


def _put(store: InMemoryDocumentStore, key: str, body: dict) -> None:
    store.put(key, json.dumps(body).encode(), "application/json")


def test_a_list_entry_naming_the_learner_goes_and_a_message_about_them_alone_is_deleted():
    store = InMemoryDocumentStore("claims")
    session = {
        "type": "SessionFinalized",
        "session_id": "10001",
        "candidates": [
            {"candidate_id": "k1", "student_id": "s-zoe", "first_name": "Zoé"},
            {"candidate_id": "k2", "student_id": "s-loic", "first_name": "Loïc"},
        ],
    }
    _put(store, "claim-checks/SessionFinalized/m1.json", session)
    _put(store, "claim-checks/CertificationCompleted/m2.json", {"user_id": "u-zoe", "answers": []})
    _put(store, "claim-checks/CertificationCompleted/m3.json", {"user_id": "u-loic", "answers": []})
    changed = scrub_claim_checks(
        store, ["SessionFinalized", "CertificationCompleted"], {"s-zoe", "u-zoe"}
    )
    assert changed == 2
    left = json.loads(store.get("claim-checks/SessionFinalized/m1.json"))
    assert [c["student_id"] for c in left["candidates"]] == ["s-loic"]
    assert not store.exists("claim-checks/CertificationCompleted/m2.json")
    assert store.exists("claim-checks/CertificationCompleted/m3.json")
    assert scrub_claim_checks(store, ["SessionFinalized"], {"s-zoe"}) == 0  # idempotent


def test_types_the_service_does_not_publish_are_left_alone():
    store = InMemoryDocumentStore("claims")
    _put(store, "claim-checks/SessionPublished/m.json", {"results": [{"student_id": "s-zoe"}]})
    assert scrub_claim_checks(store, ["SessionFinalized"], {"s-zoe"}) == 0
    assert store.exists("claim-checks/SessionPublished/m.json")
