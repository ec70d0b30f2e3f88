"""Engine's HTTP payloads: what the frontend sends and what it gets back. Responses are read
from the domain objects' attributes; an alias names the attribute when the JSON field differs."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AliasChoices, BaseModel, Field, model_validator

from pixcore.schemas import Body, Identifier

AnswerText = Annotated[str, Field(max_length=1000)]


def _from(*attributes: str) -> Any:
    """The JSON field is read from the first of these attributes the object has."""
    return Field(validation_alias=AliasChoices(*attributes))


class CompetenceEvaluationRequest(Body):
    competence: str = Field(min_length=1, max_length=8, examples=["1.1"])


class CampaignAssessmentRequest(Body):
    """The code of a campaign the learner joined; its target skills come from orga."""

    campaign_code: str = Field(
        min_length=1, max_length=32, pattern=r"^[A-Za-z0-9]+$", examples=["PARCRS123"]
    )


class AnswerRequest(Body):
    """A value, or `skip: true` for « Je passe »."""

    challenge_id: Identifier
    value: (
        AnswerText
        | int
        | Annotated[list[int | AnswerText], Field(max_length=50)]
        | Annotated[dict[Identifier, AnswerText], Field(max_length=50)]
        | None
    ) = None
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
    """A challenge as a learner sees it: the question, never its solutions."""

    challenge_id: str = _from("challenge_id", "id")
    type: str
    instruction: str
    proposals: list[str]
    fields: list[FieldOut]
    image: MediaOut | None = None
    embed: MediaOut | None = None
    attachment: MediaOut | None = None
    timer: int | None = None
    timer_remaining_seconds: int | None = Field(
        default=None,
        description="Secondes restantes au chronomètre de la question, compté par le serveur "
        "depuis qu'elle a été servie (un rechargement ne le remet pas à zéro).",
    )
    locale: str


class AssessmentOut(BaseModel):
    assessment_id: str = _from("assessment_id", "id")
    kind: str
    state: str
    competence: str | None = None
    campaign_code: str | None = None
    answered_count: int
    max_answers: int | None = Field(
        default=None, description="Toujours null : une évaluation n'a pas de plafond de réponses."
    )
    current_challenge_id: str | None = None
    resumed: bool = False


class AnswerOut(BaseModel):
    result: str
    next: ChallengeOut | None = None
    completed: bool


class CompetenceProfileOut(BaseModel):
    code: str = _from("code", "competence_code")
    name: str
    area: str = _from("area", "area_code")
    level: int
    pix: int


class ProfileOut(BaseModel):
    competences: list[CompetenceProfileOut] = _from("competences", "scores")
    total_pix: int
    certifiable: bool = _from("certifiable", "is_certifiable")
    certifiable_competence_count: int
    message: str | None = None
    max_level: int


class ReferentialOut(BaseModel):
    content: str
    areas: list[dict[str, Any]]
