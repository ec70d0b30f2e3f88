"""Orga's HTTP request and response schemas (they also generate the OpenAPI document)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field, model_validator

from chalicelib.orga.domain.organizations import MembershipRole, OrganizationType, Sector


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


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


class TokenResponse(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int
    user: UserOut


class SignUpRequest(Body):
    first_name: str = Field(min_length=1, max_length=100)
    last_name: str = Field(min_length=1, max_length=100)
    birthdate: date
    email: str | None = Field(default=None, max_length=200)
    username: str | None = Field(default=None, max_length=100)
    password: str = Field(min_length=1, max_length=200)


class OrganizationRequest(Body):
    uai: str = Field(min_length=8, max_length=8)
    name: str = Field(min_length=1, max_length=200)
    type: OrganizationType
    sector: Sector
    academie: str = Field(min_length=1, max_length=100)
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


class MembersOut(BaseModel):
    organization_id: str
    members: list[MemberOut]
