"""Schools (read model) in jury's table, listed through an index."""

from __future__ import annotations

from pynamodb.attributes import BooleanAttribute, UnicodeAttribute

from chalicelib.jury.adapters.tables import JuryItem
from chalicelib.jury.domain.stats import School


class SchoolItem(JuryItem):
    uai = UnicodeAttribute()
    name = UnicodeAttribute()
    sector = UnicodeAttribute()
    academie = UnicodeAttribute()
    is_certification_center = BooleanAttribute()


class DynamoSchoolRepository:
    def save(self, school: School) -> None:
        SchoolItem(
            f"SCHOOL#{school.id}",
            "SCHOOL",
            uai=school.uai,
            name=school.name,
            sector=school.sector,
            academie=school.academie,
            is_certification_center=school.is_certification_center,
            gsi1pk="SCHOOLS",
            gsi1sk=f"{school.academie}#{school.uai}",
        ).save()

    def all(self) -> list[School]:
        return [
            School(
                i.pk.removeprefix("SCHOOL#"),
                i.uai,
                i.name,
                i.sector,
                i.academie,
                i.is_certification_center,
            )
            for i in SchoolItem.gsi1.query("SCHOOLS")
        ]
