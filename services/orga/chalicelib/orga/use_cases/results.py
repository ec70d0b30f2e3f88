"""Certification results for the school: kept from the jury's publication, served as CSV."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from chalicelib.orga.domain.results_export import (
    CertificationResultRow,
    CertificationStatus,
    results_csv,
)
from chalicelib.orga.ports import Ports
from pixcore.messages.catalog import SessionPublished
from pixcore.principal import Principal, require_member


@dataclass(frozen=True)
class ResultsExport:
    organization_id: str
    division: str | None = None
    session_id: str | None = None


def record_publication(ports: Ports, message: SessionPublished) -> None:
    """Naturally idempotent: a result is keyed by its session and certification course; the
    division is the student's at publication time (one read for the whole session)."""
    divisions = ports.students.divisions_of(
        message.center_id, {r.student_id for r in message.results if r.student_id}
    )
    rows = []
    for r in message.results:
        rows.append(
            (
                CertificationResultRow(
                    certification_id=r.course_id,
                    first_name=r.first_name,
                    last_name=r.last_name,
                    birthdate=r.birthdate,
                    birthplace=r.birthplace,
                    external_id=r.external_id,
                    status=CertificationStatus(r.status),
                    pix_score=r.pix,
                    competence_levels={m.competence: m.level for m in r.competences},
                    comment_for_organization=r.comment_for_organization,
                    session_id=message.session_id,
                    certification_center=message.center_name,
                    taken_on=message.session_date,
                    student_id=r.student_id,
                ),
                divisions.get(r.student_id or ""),
            )
        )
    ports.results.save_session(message.center_id, message.session_id, rows)


def results_export(ports: Ports, caller: Principal, command: ResultsExport) -> Iterator[str]:
    """The school's results CSV: whole school, one class, or one session."""
    require_member(caller, command.organization_id, admin=True)
    division, session_id = command.division, command.session_id
    rows = [
        row
        for row, row_division in ports.results.of_organization(command.organization_id)
        if (division is None or row_division == division)
        and (session_id is None or str(row.session_id) == session_id)
    ]
    rows.sort(key=lambda r: (str(r.session_id), r.last_name, r.first_name))
    return results_csv(rows)
