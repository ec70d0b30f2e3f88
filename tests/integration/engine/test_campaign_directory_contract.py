"""The CampaignDirectory contract: each campaign fact kept once, whatever order they arrive in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.engine.adapters.dynamo_campaigns import DynamoCampaignDirectory
from chalicelib.engine.adapters.memory import InMemoryCampaignDirectory
from chalicelib.engine.domain.campaigns import Campaign, CampaignType
from chalicelib.engine.ports import CampaignDirectory

T0 = datetime(2026, 9, 7, 8, 30, tzinfo=UTC)


@pytest.fixture
def directory(implementation: str) -> CampaignDirectory:
    if implementation == "memory":
        return InMemoryCampaignDirectory()
    return DynamoCampaignDirectory()


def created(code: str, targets: tuple[str, ...] = ("s1", "s2")) -> Campaign:
    return Campaign(code, f"id-{code}", "school-1", CampaignType.ASSESSMENT, targets)


def test_a_created_campaign_is_found_with_its_targets_and_kept_once(directory, user_id):
    code = f"C{user_id}"
    assert directory.find(code) is None
    directory.record_created(created(code))
    directory.record_created(created(code, ("other",)))
    assert directory.find(code) == created(code)


def test_an_archive_is_kept_once_even_before_the_creation(directory, user_id):
    code = f"C{user_id}"
    directory.record_archived(code, T0)
    assert directory.find(code) == Campaign(code, archived_at=T0)
    directory.record_created(created(code))
    directory.record_archived(code, T0 + timedelta(days=1))
    found = directory.find(code)
    assert found is not None and found.is_created and found.archived_at == T0


def test_a_join_is_kept_per_account_even_before_the_creation(directory, user_id):
    code = f"C{user_id}"
    directory.record_joined(code, user_id, T0)
    directory.record_joined(code, user_id, T0 + timedelta(hours=1))
    assert directory.find(code) is None
    assert directory.has_joined(code, user_id)
    assert not directory.has_joined(code, f"{user_id}-other")
    assert not directory.has_joined(f"{code}-other", user_id)
