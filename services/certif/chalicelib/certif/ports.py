"""What certif's use cases need from the outside world."""

from __future__ import annotations

from typing import Protocol

from chalicelib.certif.domain.centers import CertificationCenter


class CenterRepository(Protocol):
    def save(self, center: CertificationCenter) -> None: ...

    def get(self, center_id: str) -> CertificationCenter: ...

    def find(self, center_id: str) -> CertificationCenter | None: ...
