"""Published certification results of the school's students (read model) in orga's table."""

from __future__ import annotations

import json
from datetime import date

from pynamodb.attributes import NumberAttribute, UnicodeAttribute

from chalicelib.orga.adapters.tables import OrgaItem
from chalicelib.orga.domain.results_export import CertificationResultRow, CertificationStatus


class ResultItem(OrgaItem):
    certification_id = UnicodeAttribute()
    first_name = UnicodeAttribute()
    last_name = UnicodeAttribute()
    birthdate = UnicodeAttribute()
    birthplace = UnicodeAttribute(null=True)
    external_id = UnicodeAttribute(null=True)
    status = UnicodeAttribute()
    pix_score = NumberAttribute(null=True)
    levels = UnicodeAttribute()
    comment = UnicodeAttribute(null=True)
    session_id = UnicodeAttribute()
    center = UnicodeAttribute()
    taken_on = UnicodeAttribute(null=True)
    division = UnicodeAttribute(null=True)
    student_id = UnicodeAttribute(null=True)


class DynamoResultRepository:
    def save_session(
        self,
        organization_id: str,
        session_id: str,
        rows: list[tuple[CertificationResultRow, str | None]],
    ) -> None:
        with ResultItem.batch_write() as batch:
            for row, division in rows:
                batch.save(
                    ResultItem(
                        f"ORGRESULTS#{organization_id}",
                        f"SESSION#{session_id}#{row.certification_id}",
                        certification_id=str(row.certification_id),
                        first_name=row.first_name,
                        last_name=row.last_name,
                        birthdate=row.birthdate.isoformat(),
                        birthplace=row.birthplace,
                        external_id=row.external_id,
                        status=row.status,
                        pix_score=row.pix_score,
                        levels=json.dumps(dict(row.competence_levels)),
                        comment=row.comment_for_organization,
                        session_id=str(session_id),
                        center=row.certification_center,
                        taken_on=row.taken_on.isoformat() if row.taken_on else None,
                        division=division,
                        student_id=row.student_id,
                    )
                )

    def of_organization(
        self, organization_id: str
    ) -> list[tuple[CertificationResultRow, str | None]]:
        found: list[tuple[CertificationResultRow, str | None]] = []
        for i in ResultItem.query(f"ORGRESULTS#{organization_id}"):
            found.append(
                (
                    CertificationResultRow(
                        certification_id=i.certification_id,
                        first_name=i.first_name,
                        last_name=i.last_name,
                        birthdate=date.fromisoformat(i.birthdate),
                        birthplace=i.birthplace,
                        external_id=i.external_id,
                        status=CertificationStatus(i.status),
                        pix_score=int(i.pix_score) if i.pix_score is not None else None,
                        competence_levels=json.loads(i.levels),
                        comment_for_organization=i.comment,
                        session_id=i.session_id,
                        certification_center=i.center,
                        taken_on=date.fromisoformat(i.taken_on) if i.taken_on else None,
                        student_id=i.student_id,
                    ),
                    i.division,
                )
            )
        return found
