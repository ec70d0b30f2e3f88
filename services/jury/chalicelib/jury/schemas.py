"""Jury's HTTP request and response schemas (they also generate the OpenAPI document)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class StatsQuery(BaseModel):
    academie: str | None = Field(default=None, max_length=100)


class SectorFiguresOut(BaseModel):
    schools: int
    certification_centers: int


class StatsOut(BaseModel):
    academie: str | None
    by_sector: dict[str, SectorFiguresOut]
    total: SectorFiguresOut
