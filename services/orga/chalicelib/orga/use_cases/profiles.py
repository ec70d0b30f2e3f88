"""Keeping the latest profile engine announced for each account."""

from __future__ import annotations

from chalicelib.orga.domain.collection_export import CompetenceResult, ProfileSnapshot
from chalicelib.orga.domain.participation import LearnerProfile
from chalicelib.orga.ports import Ports
from pixcore.messages.catalog import ProfileUpdated


def record_profile(ports: Ports, message: ProfileUpdated) -> None:
    """Idempotent and order-proof: an older profile never replaces a newer one."""
    snapshot = ProfileSnapshot(
        {m.competence: CompetenceResult(m.level, m.pix) for m in message.competences}
    )
    ports.profiles.save_if_newer(LearnerProfile(message.user_id, snapshot, message.as_of))
