"""Remembering which school student an account is, once orga has reconciled them."""

from __future__ import annotations

from chalicelib.engine.ports import Ports
from pixcore.messages.catalog import LearnerReconciled


def record_reconciliation(ports: Ports, message: LearnerReconciled) -> None:
    """Idempotent and order-tolerant: the same link twice changes nothing, an older one never
    replaces a newer one."""
    ports.learners.link(
        message.user_id, message.organization_id, message.student_id, message.occurred_at
    )
