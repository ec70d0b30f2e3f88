"""The certification results CSV a school downloads once a session is published."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from pixcore.referential import COMPETENCE_CODES

from .spreadsheet import BOM, CsvLines, french_date

NOT_TESTED = "-"


class CertificationStatus(StrEnum):
    STARTED = "started"
    VALIDATED = "validated"
    REJECTED = "rejected"
    CANCELLED = "cancelled"
    ERROR = "error"


STATUS_LABELS: dict[CertificationStatus, str] = {
    CertificationStatus.VALIDATED: "Validée",
    CertificationStatus.REJECTED: "Rejetée",
    CertificationStatus.CANCELLED: "Annulée",
    CertificationStatus.ERROR: "En erreur",
    CertificationStatus.STARTED: "Démarrée",
}

HEADERS: tuple[str, ...] = (
    "Numéro de certification",
    "Prénom",
    "Nom",
    "Date de naissance",
    "Lieu de naissance",
    "Identifiant Externe",
    "Statut",
    "Nombre de Pix",
    *COMPETENCE_CODES,
    "Commentaire jury pour l'organisation",
    "Session",
    "Centre de certification",
    "Date de passage",
)


@dataclass(frozen=True)
class CertificationResultRow:
    """One candidate's published result; `competence_levels` holds only the tested competences."""

    certification_id: str | int
    first_name: str
    last_name: str
    birthdate: date
    birthplace: str | None
    external_id: str | None
    status: CertificationStatus
    pix_score: int | None
    competence_levels: Mapping[str, int] = field(default_factory=dict)
    comment_for_organization: str | None = None
    session_id: str | int = ""
    certification_center: str = ""
    taken_on: date | datetime | None = None
    student_id: str | None = None


def pix_cell(row: CertificationResultRow) -> str | int:
    """Total pix of a validated certification; 0 when rejected; « - » when there is no result
    to show (cancelled, in error, still started)."""
    status = CertificationStatus(row.status)
    if status is CertificationStatus.VALIDATED:
        return max(row.pix_score or 0, 0)
    if status is CertificationStatus.REJECTED:
        return 0
    return NOT_TESTED


def competence_cell(row: CertificationResultRow, competence_code: str) -> str | int:
    """A competence shows its certified level; 0 when the certification is rejected or the level
    is 0 or less; « - » when it was not tested or when the certification is cancelled (or has
    no result yet)."""
    status = CertificationStatus(row.status)
    if status not in (CertificationStatus.VALIDATED, CertificationStatus.REJECTED):
        return NOT_TESTED
    level = row.competence_levels.get(competence_code)
    if level is None:
        return NOT_TESTED
    if status is CertificationStatus.REJECTED or level <= 0:
        return 0
    return level


def results_csv(rows: Iterable[CertificationResultRow]) -> Iterator[str]:
    """The export line by line (the first one starts with the BOM): encode each as UTF-8."""
    lines = CsvLines()
    yield BOM + lines.line(HEADERS)
    for row in rows:
        yield lines.line(
            [
                str(row.certification_id),
                row.first_name,
                row.last_name,
                french_date(row.birthdate),
                row.birthplace or "",
                row.external_id or "",
                STATUS_LABELS[CertificationStatus(row.status)],
                pix_cell(row),
                *(competence_cell(row, code) for code in COMPETENCE_CODES),
                row.comment_for_organization or "",
                str(row.session_id),
                row.certification_center,
                french_date(row.taken_on),
            ]
        )
