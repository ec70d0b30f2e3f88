"""What jury's use cases need from the outside world, and `Ports`, the dataclass holding them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from chalicelib.jury.domain.attestation import Attestation
from chalicelib.jury.domain.certification import Certification
from chalicelib.jury.domain.jury_session import JurySession, SessionState
from chalicelib.jury.domain.stats import Deltas, Figures, School, SessionTally, WeekFigures
from pixcore.clock import Clock
from pixcore.ports import DocumentStore, Publisher

Position = dict[str, Any] | None


class CertificationRepository(Protocol):
    def find(self, course_id: str) -> Certification | None: ...

    def get_many(self, course_ids: list[str]) -> list[Certification]:
        """Strongly consistent reads, in the order asked; unknown ids are left out."""
        ...

    def save(self, certification: Certification, conflict: Exception | None = None) -> None:
        """Versioned: written only if the stored one is still at `certification.version`
        (ConcurrentUpdate, or `conflict`, otherwise); the version then moves on by one."""
        ...

    def of_user(self, user_id: str) -> list[Certification]: ...


class SessionRepository(Protocol):
    def find(self, session_id: str) -> JurySession | None: ...

    def save(self, session: JurySession, conflict: Exception | None = None) -> None:
        """Versioned, like certifications."""
        ...

    def in_state(
        self, state: SessionState, limit: int, position: Position
    ) -> tuple[list[JurySession], Position]: ...

    def assigned_to(
        self, user_id: str, limit: int, position: Position
    ) -> tuple[list[JurySession], Position]: ...


@dataclass(frozen=True)
class VerifiedCertificate:
    """What the public verification page shows of a published, valid certificate."""

    verification_code: str
    course_id: str
    full_name: str
    birthdate: str
    birthplace: str | None
    center_name: str
    taken_on: str
    delivered_on: str
    pix: int
    max_level: int
    competences: list[dict[str, Any]]


class VerificationCodes(Protocol):
    def publish(
        self, certificates: list[VerifiedCertificate], published_at: datetime | None = None
    ) -> None:
        """Public while the certificate is valid: 3 years after `published_at`, then gone."""
        ...

    def withdraw(self, codes: list[str]) -> None: ...

    def lookup(self, codes: list[str]) -> VerifiedCertificate | None:
        """One round trip whatever the number of codes (at most 16) and whether they exist."""
        ...


class MemberDirectory(Protocol):
    def save(self, organization_id: str, members: dict[str, str], as_of: datetime) -> None:
        """Keeps the newest list of an organization's members (an older one changes nothing)."""
        ...

    def role_of(self, organization_id: str, user_id: str) -> str | None: ...


class StatsStore(Protocol):
    def save_school(self, school: School) -> None: ...

    def school(self, organization_id: str) -> School | None: ...

    def count_once(self, fact: str, school: School, deltas: Deltas, week: str) -> bool:
        """Adds `deltas` to the school's académie and sector (and the national figures), and
        their weekly part to `week`, in the same transaction that records `fact`; False, and
        nothing added, if it was already."""
        ...

    def session_tally(self, session_id: str) -> SessionTally | None: ...

    def save_tally(self, tally: SessionTally, school: School, deltas: Deltas, week: str) -> None:
        """Versioned on `tally.version`, with the deltas (and their week) in the same
        transaction."""
        ...

    def figures(self, academie: str) -> dict[str, Figures]: ...

    def weeks(self, academie: str) -> dict[str, dict[str, WeekFigures]]:
        """Per week ("2027-W11"), per sector: the weekly figures stored so far."""
        ...


class Throttle(Protocol):
    def hit(self, key: str, window_seconds: int, at: datetime) -> int:
        """Counts one more attempt in the current window; returns the count so far."""
        ...


class AttestationRenderer(Protocol):
    def render(self, attestations: list[Attestation]) -> bytes:
        """One signed PDF, one page per attestation."""
        ...


@dataclass(frozen=True)
class DocumentCheck:
    signed: bool
    ours: bool
    intact: bool
    whole_document: bool
    signer: str | None = None
    signed_at: datetime | None = None
    verification_codes: tuple[str, ...] = ()

    @property
    def valid(self) -> bool:
        return self.signed and self.ours and self.intact and self.whole_document


class SignatureChecker(Protocol):
    def check(self, pdf: bytes) -> DocumentCheck:
        """Raises Invalid(NOT_A_PDF) when the bytes are not a readable PDF."""
        ...


@dataclass(frozen=True)
class JurySettings:
    verification_url: str = "http://localhost:8000/verify/?code={code}"
    verify_limit: int = 20
    verify_window_seconds: int = 60
    max_document_bytes: int = 2 * 1024 * 1024
    cursor_secret: Callable[[], bytes] = field(default=lambda: b"local cursor secret")


@dataclass
class Ports:
    certifications: CertificationRepository
    sessions: SessionRepository
    codes: VerificationCodes
    members: MemberDirectory
    stats: StatsStore
    throttle: Throttle
    documents: DocumentStore
    renderer: AttestationRenderer
    checker: SignatureChecker
    publisher: Publisher
    clock: Clock
    settings: JurySettings = field(default_factory=JurySettings)
    claims: DocumentStore | None = None
