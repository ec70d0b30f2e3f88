"""Certification centres as certif knows them: schools that are certification centres."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class CertificationCenter:
    id: str
    uai: str
    name: str
    type: str
    sector: str
    academie: str
    is_certification_center: bool
    members: dict[str, str] = field(default_factory=dict)
    version: int = 0  # the stored version this was read at (0: not stored yet)
