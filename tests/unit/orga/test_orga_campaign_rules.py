"""Campaign rules: code format, creation checks, archived campaigns."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.orga.domain.campaigns import (
    CODE_DIGITS,
    CODE_LETTERS,
    CampaignType,
    check_new_campaign,
    ensure_can_join,
    ensure_can_send,
    is_valid_campaign_code,
    validated_campaign_code,
)
from pixcore.errors import Invalid, RuleViolation

ARCHIVED = datetime(2021, 3, 1, 12, tzinfo=UTC)


@pytest.mark.parametrize("code", ["ABCDEF123", "zyxwvu999", " QRSTUV111 "])
def test_valid_codes(code):
    assert is_valid_campaign_code(code)
    assert validated_campaign_code(code) == code.strip().upper()


@pytest.mark.parametrize(
    "code",
    ["ABCDEI123", "ABCDEO123", "ABCDEF012", "ABCDEF12", "ABCDE1234", "ABCDEFG12", "ABC DEF123", ""],
)
def test_invalid_codes(code):
    assert not is_valid_campaign_code(code)
    with pytest.raises(Invalid) as refused:
        validated_campaign_code(code)
    assert refused.value.code == "CAMPAIGN_CODE_INVALID"


@given(st.text(CODE_LETTERS, min_size=6, max_size=6), st.text(CODE_DIGITS, min_size=3, max_size=3))
def test_every_code_drawn_from_the_alphabets_is_valid(letters, digits):
    assert is_valid_campaign_code(letters + digits)


def test_alphabets():
    assert len(CODE_LETTERS) == 24 and "I" not in CODE_LETTERS and "O" not in CODE_LETTERS
    assert "0" not in CODE_DIGITS


def test_a_new_campaign_is_checked():
    check_new_campaign("Parcours de rentrée 3e", CampaignType.ASSESSMENT, ["rec123"])
    check_new_campaign("Collecte 3e", "PROFILES_COLLECTION", external_id_label="N° élève")
    for args, code in [
        (("  ", CampaignType.PROFILES_COLLECTION), "CAMPAIGN_NAME_REQUIRED"),
        (("x" * 256, CampaignType.PROFILES_COLLECTION), "CAMPAIGN_NAME_REQUIRED"),
        (("Rentrée", "EXAM"), "CAMPAIGN_TYPE_INVALID"),
        (("Rentrée", CampaignType.ASSESSMENT), "TARGET_SKILLS_REQUIRED"),
        (("Collecte", CampaignType.PROFILES_COLLECTION, ["rec1"]), "TARGET_SKILLS_FORBIDDEN"),
    ]:
        with pytest.raises(Invalid) as refused:
            check_new_campaign(*args)
        assert refused.value.code == code


def test_an_archived_campaign_can_be_neither_joined_nor_sent_to():
    ensure_can_join(None)
    ensure_can_send(None)
    for action in (ensure_can_join, ensure_can_send):
        with pytest.raises(RuleViolation) as refused:
            action(ARCHIVED)
        assert refused.value.code == "CAMPAIGN_ARCHIVED" and refused.value.status == 422


def test_a_profile_is_sent_once():
    with pytest.raises(RuleViolation) as refused:
        ensure_can_send(None, already_sent=True)
    assert refused.value.code == "PROFILE_ALREADY_SENT"
