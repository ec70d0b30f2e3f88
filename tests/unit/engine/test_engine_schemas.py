"""Engine's HTTP edge: bounded request bodies, responses read from the domain objects."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from chalicelib.engine import schemas
from chalicelib.engine.domain.assessment import Assessment, AssessmentKind
from chalicelib.engine.domain.profile import compute_profile
from chalicelib.engine.use_cases.assessments import Started
from pixcore.http import shape


@pytest.mark.parametrize(
    "payload",
    [
        {"challenge_id": "c1", "value": "x" * 1001},
        {"challenge_id": "c1", "value": list(range(51))},
        {"challenge_id": "c1", "value": {f"champ{i}": "a" for i in range(51)}},
        {"challenge_id": "c 1", "skip": True},
        {"challenge_id": "c1", "skip": True, "extra": 1},
        {"challenge_id": "c1"},
    ],
)
def test_an_answer_body_is_bounded_and_strict(payload):
    with pytest.raises(ValidationError):
        schemas.AnswerRequest.model_validate(payload)


def test_a_campaign_start_takes_the_code_only():
    assert schemas.CampaignAssessmentRequest(campaign_code="PARCRS123").campaign_code
    with pytest.raises(ValidationError):
        schemas.CampaignAssessmentRequest.model_validate(
            {"campaign_code": "PARCRS123", "target_skill_ids": ["s1"]}
        )


def test_a_challenge_is_shown_without_its_solutions(sample_bank):
    challenge = sample_bank.challenge("chal-moteurRecherche1-b")
    shown = shape(challenge, schemas.ChallengeOut).model_dump()
    assert shown["challenge_id"] == challenge.id and shown["type"] == challenge.type.value
    assert not any("solution" in key for key in shown)


def test_a_started_assessment_reads_as_the_assessment_and_whether_it_was_resumed():
    assessment = Assessment(
        "a1", "zoe", AssessmentKind.COMPETENCE_EVALUATION, ("s1",), datetime.now(UTC), "1.1"
    )
    out = shape(Started(assessment, resumed=True), schemas.AssessmentOut).model_dump()
    assert out["assessment_id"] == "a1" and out["resumed"] is True
    assert (out["kind"], out["answered_count"], out["max_answers"]) == (
        "COMPETENCE_EVALUATION",
        0,
        None,
    )


def test_a_profile_reads_each_competence_with_its_name_and_area():
    out = shape(compute_profile([]), schemas.ProfileOut).model_dump()
    assert len(out["competences"]) == 16 and out["certifiable"] is False
    assert out["competences"][0] == {
        "code": "1.1",
        "name": "Mener une recherche et une veille d'information",
        "area": "1",
        "level": 0,
        "pix": 0,
    }
