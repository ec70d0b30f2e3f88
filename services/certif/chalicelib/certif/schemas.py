"""Certif's HTTP request and response schemas (they also generate the OpenAPI document)."""

from __future__ import annotations

from pydantic import BaseModel


class CenterOut(BaseModel):
    id: str
    uai: str
    name: str
    type: str
    sector: str
    academie: str
    is_certification_center: bool
