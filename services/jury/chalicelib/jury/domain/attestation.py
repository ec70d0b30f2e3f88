"""What an attestation says (DOMAIN.md, step 7), and who may have it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from chalicelib.jury.domain.certification import Certification
from chalicelib.jury.domain.jury_session import JurySession
from chalicelib.jury.domain.scoring import Status
from pixcore.clock import to_paris
from pixcore.referential import AREAS, competences_of_area

VALIDITY = "Certification valable trois ans"


@dataclass(frozen=True)
class CompetenceLine:
    code: str
    name: str
    level: int | None  # None: not certified in this test


@dataclass(frozen=True)
class AreaBlock:
    code: str
    name: str
    competences: tuple[CompetenceLine, ...]


@dataclass(frozen=True)
class Attestation:
    course_id: str
    result_version: int
    full_name: str
    birthdate: date
    birthplace: str | None
    center_name: str
    taken_on: date
    delivered_on: date
    pix: int
    max_level: int
    areas: tuple[AreaBlock, ...]
    verification_code: str
    verification_url: str
    division: str | None = None


def is_deliverable(certification: Certification, session: JurySession) -> bool:
    """Shown only when published, not cancelled, validated."""
    return session.is_published and certification.result.status is Status.VALIDATED


def attestation_of(
    certification: Certification, session: JurySession, verification_url: str
) -> Attestation:
    """Levels by area over the max level; a competence not certified shows no level."""
    assert certification.identity is not None and session.session_date is not None
    assert session.published_at is not None
    levels = {m.competence: m.level for m in certification.result.competences if m.level > 0}
    areas = tuple(
        AreaBlock(
            area.code,
            area.name,
            tuple(
                CompetenceLine(c.code, c.name, levels.get(c.code))
                for c in competences_of_area(area.code)
            ),
        )
        for area in AREAS
    )
    return Attestation(
        course_id=certification.course_id,
        result_version=len(certification.history),
        full_name=certification.identity.full_name,
        birthdate=certification.identity.birthdate,
        birthplace=certification.identity.birthplace,
        center_name=session.center_name,
        taken_on=session.session_date,
        delivered_on=to_paris(session.published_at).date(),
        pix=certification.result.pix,
        max_level=certification.max_level,
        areas=areas,
        verification_code=certification.verification_code,
        verification_url=verification_url.format(code=certification.verification_code),
        division=certification.identity.division,
    )
