"""The académie dashboard: figures per sector and in total."""

from __future__ import annotations

from dataclasses import dataclass, field

SECTORS = ("PUBLIC", "PRIVATE")


@dataclass
class School:
    id: str
    uai: str
    name: str
    sector: str
    academie: str
    is_certification_center: bool


@dataclass
class SectorFigures:
    schools: int = 0
    certification_centers: int = 0


@dataclass
class Dashboard:
    academie: str | None
    by_sector: dict[str, SectorFigures] = field(default_factory=dict)

    @property
    def total(self) -> SectorFigures:
        return SectorFigures(
            schools=sum(f.schools for f in self.by_sector.values()),
            certification_centers=sum(f.certification_centers for f in self.by_sector.values()),
        )


def dashboard(schools: list[School], academie: str | None) -> Dashboard:
    """Count schools and certification centres per sector, for one académie or all of them."""
    result = Dashboard(academie, {sector: SectorFigures() for sector in SECTORS})
    for school in schools:
        if academie and school.academie != academie:
            continue
        figures = result.by_sector.setdefault(school.sector, SectorFigures())
        figures.schools += 1
        figures.certification_centers += int(school.is_certification_center)
    return result
