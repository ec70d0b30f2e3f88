"""HTTP schemas of student imports and student lists (they also generate the OpenAPI document)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, RootModel


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
