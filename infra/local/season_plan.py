"""What a simulated season sets up — schools, students, sessions, candidates — and the académie
figures that must come out of it, computed from the plan alone (never read back from the stack)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

# The source guide's académie in mid-season 2020-21: 238 schools, over 38,000 active students,
# 200 with placement campaigns, 7 that created 16 sessions, 824 candidates enrolled, 555 who
# took the test.
SEED = {"schools": 238, "students": 38_000, "campaigns": 200, "centers": 7, "sessions": 16}
SEED_ENROLLED, SEED_TOOK_PART = 824, 555
SECTORS = ("PUBLIC", "PRIVATE")


def uai(number: int) -> str:
    """A valid UAI: 7 digits and their check letter (mod 23, without I, O and Q)."""
    digits = f"{number:07d}"
    return digits + "ABCDEFGHJKLMNPRSTUVWXYZ"[int(digits) % 23]


@dataclass(frozen=True)
class SessionPlan:
    school: int
    number: int  # within its school
    enrolled: int
    took_part: int  # the first `took_part` enrolled candidates come; the others stay absent


@dataclass(frozen=True)
class SchoolPlan:
    index: int
    uai: str
    name: str
    type: str  # COLLEGE / LYCEE
    sector: str
    students: int
    campaign: bool
    sessions: tuple[SessionPlan, ...] = ()

    @property
    def is_center(self) -> bool:
        """Every school of the plan is a certification centre; these ones hold sessions."""
        return bool(self.sessions)

    @property
    def enrolled(self) -> int:
        return sum(s.enrolled for s in self.sessions)


@dataclass(frozen=True)
class SeasonPlan:
    academie: str
    schools: tuple[SchoolPlan, ...]
    seed: int = 2026
    figures: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def sessions(self) -> list[SessionPlan]:
        return [s for school in self.schools for s in school.sessions]

    @property
    def students(self) -> int:
        return sum(s.students for s in self.schools)


def _spread(total: int, parts: int) -> list[int]:
    """`total` in `parts` shares differing by one at most, the bigger first."""
    return [total // parts + (i < total % parts) for i in range(parts)]


def plan_season(
    schools: int,
    students: int,
    *,
    centers: int | None = None,
    sessions: int | None = None,
    enrolled: int | None = None,
    took_part: int | None = None,
    campaigns: int | None = None,
    academie: str = "Simulation",
    seed: int = 2026,
) -> SeasonPlan:
    """A season shaped like the seed's académie, scaled to `schools` and `students`: one school
    in four a lycée, one in four private; the centres alternate public and private (so both
    sectors have sessions whenever there are two centres)."""
    ratio = schools / SEED["schools"]
    centers = centers or max(1, round(SEED["centers"] * ratio))
    sessions = sessions or max(centers, round(SEED["sessions"] * ratio))
    enrolled = students * SEED_ENROLLED // SEED["students"] if enrolled is None else enrolled
    took_part = enrolled * SEED_TOOK_PART // SEED_ENROLLED if took_part is None else took_part
    campaigns = max(centers, round(SEED["campaigns"] * ratio)) if campaigns is None else campaigns
    if not (1 <= centers <= schools and centers <= sessions and took_part <= enrolled):
        raise ValueError(
            "a season needs 1 ≤ centres ≤ schools, centres ≤ sessions, took ≤ enrolled"
        )
    sizes = _spread(students, schools)
    per_center = _spread(sessions, centers)
    enrolled_by_session = _spread(enrolled, sessions)
    took_by_session = _spread(took_part, sessions)
    if any(e > sizes[c] for c, e in enumerate(_spread(enrolled, centers))):
        raise ValueError("more candidates than students in a centre")
    plans, session_index = [], 0
    for i in range(schools):
        sector = SECTORS[i % 2] if i < centers else ("PRIVATE" if i % 4 == 3 else "PUBLIC")
        kind = "LYCEE" if i % 4 == 1 else "COLLEGE"
        mine = []
        for n in range(per_center[i] if i < centers else 0):
            mine.append(
                SessionPlan(
                    i, n, enrolled_by_session[session_index], took_by_session[session_index]
                )
            )
            session_index += 1
        plans.append(
            SchoolPlan(
                index=i,
                uai=uai(610_000 + i),
                name=f"{'Lycée' if kind == 'LYCEE' else 'Collège'} n° {i + 1}",
                type=kind,
                sector=sector,
                students=sizes[i],
                campaign=i < campaigns,
                sessions=tuple(mine),
            )
        )
    season = SeasonPlan(academie, tuple(plans), seed)
    return SeasonPlan(academie, season.schools, seed, expected_figures(season))


def expected_figures(season: SeasonPlan) -> dict[str, dict[str, int]]:
    """The académie table (per sector and in total) once every session is finalised; `certified`
    is not known from the plan (it depends on the answers) and is checked apart."""
    figures = {}
    for sector in (*SECTORS, None):
        mine = [s for s in season.schools if sector is None or s.sector == sector]
        figures[sector or "total"] = {
            "schools": len(mine),
            "certification_centers": len(mine),  # every school of the plan is a centre
            "schools_with_sessions": sum(s.is_center for s in mine),
            "sessions_created": sum(len(s.sessions) for s in mine),
            "sessions_finalized": sum(len(s.sessions) for s in mine),
            "candidates_enrolled": sum(s.enrolled for s in mine),
            "candidates_took_part": sum(x.took_part for s in mine for x in s.sessions),
            "schools_with_active_students": sum(s.campaign for s in mine),
        }
    return figures


def examiners_needed(candidates: int) -> int:
    """One examiner per 20 candidates."""
    return max(1, math.ceil(candidates / 20))
