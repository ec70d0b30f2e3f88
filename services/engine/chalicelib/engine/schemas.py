"""Engine's HTTP payloads: what the frontend sends and what it gets back."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field, model_validator


class CompetenceEvaluationRequest(BaseModel):
    competence: str = Field(min_length=1, max_length=8, examples=["1.1"])


class CampaignAssessmentRequest(BaseModel):
    target_skill_ids: list[str] = Field(min_length=1, max_length=2000)
    campaign_code: str | None = Field(default=None, max_length=32)


class AnswerRequest(BaseModel):
    """A value, or `skip: true` for « Je passe »."""

    challenge_id: str = Field(min_length=1, max_length=128)
    value: str | int | list[int | str] | dict[str, str] | None = None
    skip: bool = False

    @model_validator(mode="after")
    def value_or_skip(self) -> AnswerRequest:
        if self.value is None and not self.skip:
            raise ValueError("une réponse (value) ou « skip: true » est attendue")
        if self.value is not None and self.skip:
            raise ValueError("une épreuve passée ne porte pas de réponse")
        return self


class MediaOut(BaseModel):
    url: str
    label: str


class FieldOut(BaseModel):
    name: str
    label: str


class ChallengeOut(BaseModel):
    challenge_id: str
    type: str
    instruction: str
    proposals: list[str]
    fields: list[FieldOut]
    image: MediaOut | None = None
    embed: MediaOut | None = None
    attachment: MediaOut | None = None
    timer: int | None = None
    locale: str


class AssessmentOut(BaseModel):
    assessment_id: str
    kind: str
    state: str
    competence: str | None = None
    campaign_code: str | None = None
    answered_count: int
    max_answers: int | None = None
    current_challenge_id: str | None = None
    resumed: bool = False


class AnswerOut(BaseModel):
    result: str
    next: ChallengeOut | None = None
    completed: bool


class CompetenceProfileOut(BaseModel):
    code: str
    name: str
    area: str
    level: int
    pix: int


class ProfileOut(BaseModel):
    competences: list[CompetenceProfileOut]
    total_pix: int
    certifiable: bool
    certifiable_competence_count: int
    message: str | None = None
    max_level: int


class ReferentialOut(BaseModel):
    content: str
    areas: list[dict[str, Any]]
