"""Certification centres (read model) in certif's table."""

from __future__ import annotations

from pynamodb.attributes import BooleanAttribute, MapAttribute, UnicodeAttribute
from pynamodb.exceptions import DoesNotExist

from chalicelib.certif.adapters.tables import CertifItem
from chalicelib.certif.domain.centers import CertificationCenter
from pixcore.dynamo import put_versioned
from pixcore.errors import NotFound


class CenterItem(CertifItem):
    uai = UnicodeAttribute()
    name = UnicodeAttribute()
    type = UnicodeAttribute()
    sector = UnicodeAttribute()
    academie = UnicodeAttribute()
    is_certification_center = BooleanAttribute()
    members: MapAttribute = MapAttribute(default=dict)


class DynamoCenterRepository:
    def save(self, center: CertificationCenter) -> None:
        item = CenterItem(
            f"CENTER#{center.id}",
            "CENTER",
            uai=center.uai,
            name=center.name,
            type=center.type,
            sector=center.sector,
            academie=center.academie,
            is_certification_center=center.is_certification_center,
            members=dict(center.members),
        )
        put_versioned(item, center.version)

    def find(self, center_id: str) -> CertificationCenter | None:
        try:
            item = CenterItem.get(f"CENTER#{center_id}", "CENTER", consistent_read=True)
        except DoesNotExist:
            return None
        return CertificationCenter(
            center_id,
            item.uai,
            item.name,
            item.type,
            item.sector,
            item.academie,
            item.is_certification_center,
            dict(item.members.as_dict()),
            int(item.version or 0),
        )

    def get(self, center_id: str) -> CertificationCenter:
        center = self.find(center_id)
        if center is None:
            raise NotFound("Centre de certification introuvable.", code="CENTER_NOT_FOUND")
        return center
