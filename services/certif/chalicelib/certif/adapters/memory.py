"""In-memory repositories for unit tests of certif's use cases."""

from __future__ import annotations

import copy

from chalicelib.certif.domain.centers import CertificationCenter
from pixcore.errors import NotFound


class InMemoryCenterRepository:
    def __init__(self) -> None:
        self.centers: dict[str, CertificationCenter] = {}

    def save(self, center: CertificationCenter) -> None:
        self.centers[center.id] = copy.deepcopy(center)

    def find(self, center_id: str) -> CertificationCenter | None:
        return copy.deepcopy(self.centers.get(center_id))

    def get(self, center_id: str) -> CertificationCenter:
        center = self.find(center_id)
        if center is None:
            raise NotFound("Centre de certification introuvable.", code="CENTER_NOT_FOUND")
        return center
