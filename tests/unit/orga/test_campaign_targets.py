"""An assessment campaign targets skills of the learning content: orga's shipped list is the
bank's, and unknown ids are refused with their list."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chalicelib.orga.adapters.memory import memory_ports
from chalicelib.orga.adapters.skills_file import SKILLS_FILE
from chalicelib.orga.domain.campaigns import CampaignType
from chalicelib.orga.use_cases import campaigns as uc
from pixcore.errors import Invalid
from pixcore.principal import Principal

ROOT = Path(__file__).resolve().parents[3]
ADMIN = Principal("admin", memberships={"org-1": "ADMIN"})


def test_the_shipped_skill_list_is_the_one_of_the_bank_engine_serves():
    from services.orga.scripts.skills_from_bank import BANK, skills_of

    bank = json.loads(BANK.read_text(encoding="utf-8-sig"))
    assert json.loads(SKILLS_FILE.read_text(encoding="utf-8")) == skills_of(bank), (
        "run services/orga/scripts/skills_from_bank.py"
    )


def assessment(*skills: str):  # noqa: ANN201
    command = uc.CreateCampaign(
        "org-1", "Parcours de rentrée", CampaignType.ASSESSMENT, list(skills)
    )
    return uc.create_campaign(memory_ports(), ADMIN, command)


def test_an_assessment_on_known_skills_is_created():
    created = assessment("skill-moteurRecherche2", "skill-evaluerSource3")
    assert created.target_skill_ids == ["skill-moteurRecherche2", "skill-evaluerSource3"]


def test_unknown_target_skills_are_refused_with_their_list():
    unknown = [f"skill-inconnu{i}" for i in range(2000)]
    with pytest.raises(Invalid) as refused:
        assessment("skill-moteurRecherche2", *unknown)
    assert refused.value.code == "TARGET_SKILLS_UNKNOWN"
    assert refused.value.details["unknown_skill_ids"] == unknown
    assert "2000 acquis" in refused.value.message and len(refused.value.message) < 700
