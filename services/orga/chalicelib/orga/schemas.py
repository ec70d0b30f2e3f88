"""Orga's HTTP request and response schemas (they also generate the OpenAPI document)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, RootModel, model_validator

from chalicelib.orga.domain.campaigns import CampaignType
from chalicelib.orga.domain.organizations import MembershipRole, OrganizationType, Sector
from pixcore.schemas import Birthdate, Body, Identifier, Label, Name, Text

# --- Accounts and schools -------------------------------------------------------------------


class TokenRequest(Body):
    username: str | None = Field(default=None, max_length=200)
    email: str | None = Field(default=None, max_length=200)
    password: str = Field(min_length=1, max_length=200)

    @model_validator(mode="after")
    def _one_identifier(self) -> TokenRequest:
        if not (self.username or self.email):
            raise ValueError("username or email is required")
        return self


class UserOut(BaseModel):
    id: str
    first_name: str
    last_name: str
    birthdate: date | None
    email: str | None
    username: str | None
    role: str
    memberships: dict[str, str]
    academie: str | None = None


class TokenResponse(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int
    user: UserOut


class SignUpRequest(Body):
    first_name: Name
    last_name: Name
    birthdate: Birthdate
    email: str | None = Field(default=None, max_length=200)
    username: str | None = Field(default=None, max_length=100)
    password: str = Field(min_length=1, max_length=200)


class AcademieUserRequest(Body):
    """An existing account by its email, or the names and password of the one to create."""

    email: str = Field(min_length=3, max_length=200)
    academie: Name
    first_name: Name | None = None
    last_name: Name | None = None
    password: str | None = Field(default=None, min_length=1, max_length=200)


class OrganizationRequest(Body):
    uai: str = Field(min_length=8, max_length=8)
    name: Label
    type: OrganizationType
    sector: Sector
    academie: Name
    is_certification_center: bool = False


class OrganizationOut(BaseModel):
    id: str
    uai: str
    name: str
    type: OrganizationType
    sector: Sector
    academie: str
    is_certification_center: bool


class MembershipRequest(Body):
    email: str = Field(min_length=3, max_length=200)
    role: MembershipRole = MembershipRole.MEMBER


class MemberOut(BaseModel):
    user_id: str
    role: str
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None


class MembersOut(BaseModel):
    organization_id: str
    members: list[MemberOut]


# --- Imports and students -------------------------------------------------------------------


class ImportAccepted(BaseModel):
    import_id: str
    status: str


class UploadUrlOut(BaseModel):
    import_id: str
    upload_url: str
    expires_in: int


class ImportOut(BaseModel):
    id: str
    status: str
    file_kind: str
    source: str
    counts: dict[str, Any]
    errors: list[dict[str, Any]]
    warnings: list[dict[str, Any]] = Field(
        default_factory=list,
        description="What the school should check, student by student (the students are imported)",
    )
    created_at: datetime
    finished_at: datetime | None


class ImportsOut(BaseModel):
    imports: list[ImportOut]


class StudentsQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    division: str | None = Field(default=None, max_length=50)
    search: str | None = Field(default=None, max_length=100)
    limit: int = Field(default=50, ge=1, le=200)
    cursor: str | None = Field(default=None, max_length=2000)


class StudentRow(BaseModel):
    id: str
    ine: str
    last_name: str
    first_name: str
    birthdate: date
    division: str
    reconciled: bool


class StudentsOut(BaseModel):
    students: list[StudentRow]
    next_cursor: str | None


class DivisionOut(BaseModel):
    name: str
    student_count: int


class DivisionsOut(RootModel[list[DivisionOut]]):
    """The school's divisions by name, each with its count of active students."""


class StudentOut(StudentRow):
    preferred_last_name: str | None
    middle_name: str | None
    third_name: str | None
    sex: str | None
    birth_country_code: str | None
    birth_department_code: str | None
    birth_city_code: str | None
    birth_city: str | None
    mef_code: str | None
    status: str | None
    active: bool
    user_id: str | None
    updated_at: datetime | None


# --- Campaigns ------------------------------------------------------------------------------


class CampaignRequest(Body):
    name: Label
    type: CampaignType
    target_skill_ids: list[Identifier] = Field(default_factory=list, max_length=1000)
    external_id_label: Label | None = None
    landing_text: Text | None = None


class CampaignOut(BaseModel):
    id: str
    code: str
    name: str
    type: CampaignType
    organization_id: str
    external_id_label: str | None
    landing_text: str | None
    target_skill_ids: list[str]
    created_at: datetime
    archived_at: datetime | None
    participants_count: int | None = None
    shared_profiles_count: int | None = None


class CampaignList(BaseModel):
    campaigns: list[CampaignOut]


class TargetSkillsOut(BaseModel):
    skills: dict[str, list[str]] = Field(
        description="Les acquis qu'une campagne d'évaluation peut viser, par compétence (« 1.1 »)."
    )


class JoinRequest(Body):
    first_name: Name
    last_name: Name
    birthdate: Birthdate
    external_id: Label | None = None


class ParticipationOut(BaseModel):
    campaign_id: str
    student_id: str
    first_name: str
    last_name: str
    division: str | None
    joined_at: datetime
    shared_at: datetime | None
    status: str = Field(description="« En attente », « Envoi en cours » or « Envoyé »")
    share_requested_at: datetime | None = None
    pix_score: int | None = None
    certifiable: bool | None = None
    certifiable_competences_count: int | None = None
    mastery_percentage: int | None = None


class ParticipantOut(BaseModel):
    last_name: str
    first_name: str
    status: str
    sent_at: datetime | None
    pix_score: int | None
    certifiable: bool | None
    certifiable_competences_count: int | None
    mastery_percentage: int | None = Field(
        default=None, description="Assessment campaigns: % of the target skills validated"
    )


class ParticipantList(BaseModel):
    participants: list[ParticipantOut]


# --- Results --------------------------------------------------------------------------------


class ResultsQuery(BaseModel):
    division: str | None = Field(default=None, max_length=100)
    session_id: str | None = Field(default=None, max_length=100)


class ErasureLineOut(BaseModel):
    what: str = Field(description="La copie concernée (en français)")
    action: str = Field(description="deleted, anonymised ou kept")
    count: int
    reason: str | None = Field(None, description="Pourquoi une copie est gardée")
    until: date | None = Field(None, description="Jusqu'à quand elle est gardée")


class ErasureOut(BaseModel):
    id: str
    scope: str
    status: str = Field(description="IN_PROGRESS tant qu'un service n'a pas répondu, COMPLETED")
    organization_id: str | None
    student_ids: list[str]
    user_id: str | None
    requested_at: datetime
    waiting_for: list[str]
    reports: dict[str, list[ErasureLineOut]] = Field(
        description="Par service : ce qu'il a supprimé, anonymisé ou gardé (et pourquoi)"
    )


class ExportOut(BaseModel):
    id: str
    status: str = Field(description="IN_PROGRESS tant qu'un service n'a pas répondu, COMPLETED")
    requested_at: datetime
    expires_at: datetime = Field(description="L'archive est supprimée à cette date")
    waiting_for: list[str]
    download_url: str | None = Field(
        None, description="Adresse de téléchargement de l'archive (ZIP), valable 5 minutes"
    )
