"""Erasing a learner from the claim checks a service published: a message body kept in S3
because it was too big for a queue (PRIVACY.md). Entries of a list that name the learner are
removed (the other candidates of a session stay readable by a late consumer); a body about the
learner alone is deleted."""

from __future__ import annotations

import json
from typing import Any

from pixcore.messages.catalog import PRODUCERS, ErasureLine
from pixcore.ports import DocumentStore

CLAIM_CHECKS = "claim-checks/"
PERSON_FIELDS = ("user_id", "student_id")


def _names(value: Any, ids: set[str]) -> bool:
    return isinstance(value, dict) and any(value.get(f) in ids for f in PERSON_FIELDS)


def _scrub(value: Any, ids: set[str]) -> tuple[Any, int]:
    if isinstance(value, list):
        kept, removed = [], 0
        for entry in value:
            if _names(entry, ids):
                removed += 1
                continue
            entry, inner = _scrub(entry, ids)
            kept.append(entry)
            removed += inner
        return kept, removed
    if isinstance(value, dict):
        removed = 0
        out = {}
        for key, entry in value.items():
            out[key], inner = _scrub(entry, ids)
            removed += inner
        return out, removed
    return value, 0


def scrub_body(body: dict[str, Any], ids: set[str]) -> tuple[dict[str, Any] | None, int]:
    """The body without the learner (None: it was about them alone), and how many entries went."""
    if _names(body, ids):
        return None, 1
    scrubbed, removed = _scrub(body, ids)
    return scrubbed, removed


def scrub_claim_checks(store: DocumentStore, message_types: list[str], ids: set[str]) -> int:
    """Claim checks of these types rewritten without the learner; how many objects changed."""
    changed = 0
    ids = {i for i in ids if i}
    if not ids:
        return 0
    for message_type in message_types:
        for key in store.under(f"{CLAIM_CHECKS}{message_type}/"):
            text = store.get(key).decode()
            if not any(i in text for i in ids):
                continue
            body, removed = scrub_body(json.loads(text), ids)
            if body is None:
                store.delete(key)
            elif removed:
                store.put(key, json.dumps(body, ensure_ascii=False).encode(), "application/json")
            changed += 1 if (body is None or removed) else 0
    return changed


def published_by(service: str) -> list[str]:
    return sorted(t for t, producer in PRODUCERS.items() if producer == service)


def scrubbed_claims(store: DocumentStore | None, service: str, ids: set[str]) -> list[ErasureLine]:
    """The erasure report's line for the claim checks `service` published."""
    changed = scrub_claim_checks(store, published_by(service), ids) if store else 0
    what = "corps de gros messages (claim checks) qui le nommaient"
    return [ErasureLine(what=what, action="deleted", count=changed)] if changed else []
