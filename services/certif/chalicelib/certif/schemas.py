"""Certif's HTTP schemas for centres, sessions, students and candidates (they also generate the
OpenAPI document)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from chalicelib.certif.domain.candidates import CandidateState
from chalicelib.certif.domain.sessions import SessionStatus
from pixcore.schemas import Birthdate, Body, Identifier, Label, Name, Text

Cursor = Annotated[str, Field(max_length=2000)]
SessionId = Annotated[str, Field(min_length=1, max_length=12, pattern=r"^[0-9]+$")]


class Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class CenterOut(Out):
    id: str
    uai: str
    name: str
    type: str
    sector: str
    academie: str
    is_certification_center: bool


class SessionRequest(Body):
    address: Label = Field(description="Nom du site")
    room: Label = Field(description="Salle")
    name: Label | None = Field(default=None, description="Nom de la session (facultatif)")
    date: dt.date
    time: dt.time = Field(description="Heure de début, heure de Paris (HH:MM)")
    examiner: Label = Field(description="Surveillant(s), séparés par des virgules")
    description: Text | None = Field(default=None, description="Observations")


class SessionPatch(Body):
    address: Label | None = None
    room: Label | None = None
    name: Label | None = None
    date: dt.date | None = None
    time: dt.time | None = None
    examiner: Label | None = None
    description: Text | None = None

    @model_validator(mode="after")
    def _something(self) -> SessionPatch:
        if not self.model_fields_set:
            raise ValueError("Indiquez au moins un champ à modifier.")
        for required in ("address", "room", "date", "time", "examiner"):
            if required in self.model_fields_set and getattr(self, required) is None:
                raise ValueError(f"Le champ « {required} » ne peut pas être vidé.")
        return self


class PageQuery(Body):
    limit: int = Field(default=50, ge=1, le=200)
    cursor: Cursor | None = None


class WarningOut(Out):
    code: str
    message: str
    candidate_ids: list[str] = []


class SessionOut(Out):
    id: str
    center_id: str
    address: str
    room: str
    name: str | None
    date: dt.date
    time: dt.time
    examiner: str
    description: str | None
    access_code: str
    examiner_password: str
    status: SessionStatus
    candidate_count: int
    created_at: dt.datetime
    finalized_at: dt.datetime | None
    finalization_due_at: dt.datetime = Field(
        description="Finalisation attendue au plus tard 48 h après la fin de la session"
    )
    finalization_overdue: bool = Field(
        False, description="Non finalisée 48 h après sa fin (une finalisation tardive est acceptée)"
    )
    warnings: list[WarningOut] = []


class SessionSummaryOut(Out):
    id: str
    address: str
    room: str
    name: str | None
    date: dt.date
    time: dt.time
    examiner: str
    status: SessionStatus
    candidate_count: int
    finalization_due_at: dt.datetime
    finalization_overdue: bool = False


class SessionsOut(Out):
    sessions: list[SessionSummaryOut]
    next_cursor: str | None


class StudentsQuery(PageQuery):
    division: str | None = Field(default=None, max_length=64)
    search: str | None = Field(default=None, max_length=100)
    session_id: SessionId | None = Field(
        default=None, description="Marque les élèves déjà inscrits à cette session"
    )


class StudentOut(Out):
    id: str
    first_name: str
    last_name: str
    birthdate: dt.date
    division: str | None
    reconciled: bool
    certifiable: bool
    certifiable_competence_count: int
    enrolled: bool


class StudentsOut(Out):
    students: list[StudentOut]
    next_cursor: str | None


class EnrolRequest(Body):
    student_ids: list[Identifier] = Field(min_length=1, max_length=99)


class CandidatePatch(Body):
    extra_time_percentage: int | None = Field(default=None, ge=0, le=100)
    birthdate: Birthdate | None = None
    birth_city: Name | None = None
    birth_city_code: str | None = Field(default=None, pattern=r"^[0-9][0-9AB][0-9]{3}$")
    birth_department_code: str | None = Field(default=None, pattern=r"^[0-9][0-9AB][0-9]?$")
    birth_country_code: str | None = Field(default=None, pattern=r"^99[0-9]{3}$")
    external_id: str | None = Field(default=None, max_length=64)
    email: str | None = Field(default=None, max_length=200, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    sex: str | None = Field(default=None, pattern=r"^[MF]$")

    @model_validator(mode="after")
    def _something(self) -> CandidatePatch:
        if not self.model_fields_set:
            raise ValueError("Indiquez au moins un champ à modifier.")
        if "birthdate" in self.model_fields_set and self.birthdate is None:
            raise ValueError("La date de naissance ne peut pas être vidée.")
        if "extra_time_percentage" in self.model_fields_set and self.extra_time_percentage is None:
            raise ValueError("Le temps majoré vaut 0 quand il n'y en a pas.")
        return self


class CandidateOut(Out):
    id: str
    session_id: str
    student_id: str | None
    first_name: str
    last_name: str
    birthdate: dt.date
    sex: str | None
    birth_city: str | None
    birth_city_code: str | None
    birth_department_code: str | None
    birth_country_code: str | None
    division: str | None
    external_id: str | None
    email: str | None
    extra_time_percentage: int
    extra_time_label: str
    state: CandidateState
    state_label: str
    has_joined: bool
    locked: bool
    course_id: str | None


class CandidatesOut(Out):
    candidates: list[CandidateOut]
