"""What orga's use cases need from the outside world."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from chalicelib.orga.domain.accounts import Account
from chalicelib.orga.domain.collection_export import ProfileSnapshot
from chalicelib.orga.domain.organizations import Membership, MembershipRole, Organization
from chalicelib.orga.domain.participation import Campaign, LearnerProfile, Participation
from chalicelib.orga.domain.privacy import DataExport, Erasure, LearnerSubject
from chalicelib.orga.domain.results_export import CertificationResultRow
from chalicelib.orga.domain.throttling import Attempts
from chalicelib.orga.student_ports import (  # noqa: F401 - part of orga's ports
    ImportFiles,
    ImportRepository,
    LineWriter,
    SchoolDirectory,
    StudentFileReader,
    StudentRepository,
)
from pixcore.clock import Clock
from pixcore.messages.catalog import ErasureLine, ExportedDocument
from pixcore.ports import DocumentStore, Publisher
from pixcore.principal import Principal


class AccountRepository(Protocol):
    def add(self, account: Account) -> None:
        """Raises Conflict(LOGIN_TAKEN) when the email or username is already used."""
        ...

    def get(self, user_id: str) -> Account: ...

    def find_by_login(self, login: str) -> Account | None: ...

    def login_taken(self, login: str) -> bool: ...

    def set_role(self, user_id: str, role: str, academie: str | None) -> None:
        """NotFound(USER_NOT_FOUND) for an unknown account."""
        ...

    def replace_password_hash(self, user_id: str, old: str, new: str) -> None:
        """Conditional: only if the stored hash is still `old` (a concurrent change wins)."""
        ...


class OrganizationRepository(Protocol):
    def add(self, organization: Organization) -> None:
        """Raises Conflict(UAI_TAKEN) when another school has that UAI."""
        ...

    def get(self, organization_id: str) -> Organization: ...

    def set_member(self, organization_id: str, user_id: str, role: MembershipRole) -> None: ...

    def members(self, organization_id: str) -> list[Membership]: ...


class LoginThrottle(Protocol):
    def attempts(self, key: str) -> Attempts:
        """What the key remembers (nothing: `Attempts()`), with the version it was read at."""
        ...

    def save(self, key: str, attempts: Attempts, forget_at: datetime) -> None:
        """Conditional on the version `attempts` was read at (ConcurrentUpdate otherwise), so
        that concurrent attempts all count; the key is forgotten at `forget_at`."""
        ...

    def clear(self, key: str) -> None: ...


class CampaignRepository(Protocol):
    def add(self, campaign: Campaign) -> bool:
        """Stores a new campaign if its code is free; False when the code is taken."""
        ...

    def get(self, campaign_id: str) -> Campaign: ...

    def by_code(self, code: str) -> Campaign: ...

    def of_organization(self, organization_id: str) -> list[Campaign]: ...

    def archive(self, campaign_id: str, at: datetime) -> None:
        """Conditional: a campaign is archived once (Conflict otherwise)."""
        ...


class ParticipationRepository(Protocol):
    def find(self, campaign_id: str, user_id: str) -> Participation | None: ...

    def add(self, participation: Participation) -> bool:
        """False when the user already participates (joining twice is harmless)."""
        ...

    def request_share(self, campaign_id: str, user_id: str, at: datetime) -> None:
        """Notes that the student asked to send (again harmless while the profile is on its
        way); RuleViolation(PROFILE_ALREADY_SENT) once it is sent, NotFound(NOT_A_PARTICIPANT)."""
        ...

    def share(
        self, campaign_id: str, user_id: str, at: datetime, snapshot: ProfileSnapshot
    ) -> None:
        """Conditional: a profile is sent once (RuleViolation PROFILE_ALREADY_SENT otherwise)."""
        ...

    def of_campaign(self, campaign_id: str) -> list[Participation]: ...


class ProfileRepository(Protocol):
    def save_if_newer(self, profile: LearnerProfile) -> None: ...

    def get(self, user_id: str) -> LearnerProfile | None: ...


class ResultRepository(Protocol):
    def save_session(
        self,
        organization_id: str,
        session_id: str,
        rows: list[tuple[CertificationResultRow, str | None]],
    ) -> None:
        """Stores a published session's results with each student's division."""
        ...

    def of_organization(
        self, organization_id: str
    ) -> list[tuple[CertificationResultRow, str | None]]: ...


class SkillCatalog(Protocol):
    """The skills of the learning content a campaign may target (engine owns the content)."""

    def unknown(self, skill_ids: list[str]) -> list[str]:
        """Those of these ids that are not skills of the content, in the order given, once."""
        ...

    def by_competence(self) -> dict[str, list[str]]:
        """Every skill a campaign may target, by competence code ("1.1")."""
        ...


class LearnerRecords(Protocol):
    """Everything orga holds about a learner, found and erased across its table and bucket."""

    def student(self, organization_id: str, student_id: str) -> LearnerSubject:
        """NotFound(STUDENT_NOT_FOUND) when the school has no such student."""
        ...

    def account(self, user_id: str) -> LearnerSubject:
        """NotFound(USER_NOT_FOUND) for an unknown account."""
        ...

    def is_staff(self, user_id: str) -> bool: ...

    def erase_student(
        self, organization_id: str, student_id: str, user_id: str | None
    ) -> list[ErasureLine]:
        """Idempotent: erasing what is already gone reports nothing deleted."""
        ...

    def erase_account(self, subject: LearnerSubject) -> list[ErasureLine]: ...

    def gather(self, subject: LearnerSubject, whole_account: bool) -> dict[str, list[dict]]:
        """Every item held about the learner, by kind, as stored; the account's own items
        only when `whole_account`."""
        ...


class ExportRepository(Protocol):
    def add(self, export: DataExport) -> None: ...

    def get(self, export_id: str) -> DataExport:
        """NotFound(EXPORT_NOT_FOUND)."""
        ...

    def latest(self, subject_key: str) -> DataExport | None: ...

    def put_part(
        self, export_id: str, service: str, data: dict[str, Any], documents: list[ExportedDocument]
    ) -> DataExport:
        """A service's part, kept once; the export as it is now."""
        ...

    def build_archive(self, export: DataExport, readme: str) -> str: ...

    def download_url(self, export: DataExport) -> str: ...


class ErasureRepository(Protocol):
    def add(self, erasure: Erasure) -> None: ...

    def get(self, erasure_id: str) -> Erasure:
        """NotFound(ERASURE_NOT_FOUND)."""
        ...

    def report(self, erasure_id: str, service: str, lines: list[ErasureLine]) -> None:
        """A service's report, kept once (a repeated one changes nothing)."""
        ...


class TokenIssuer(Protocol):
    lifetime: int

    def issue(self, principal: Principal) -> str:
        """A signed access token carrying the principal's role, memberships and scopes."""
        ...


@dataclass
class Ports:
    """Everything orga's use cases may ask of the outside world."""

    accounts: AccountRepository
    organizations: OrganizationRepository
    throttle: LoginThrottle
    campaigns: CampaignRepository
    participations: ParticipationRepository
    profiles: ProfileRepository
    results: ResultRepository
    students: StudentRepository
    imports: ImportRepository
    import_files: ImportFiles
    student_files: StudentFileReader
    schools: SchoolDirectory
    publisher: Publisher
    skills: SkillCatalog
    tokens: TokenIssuer
    clock: Clock
    cursor_secret: Callable[[], bytes]
    learners: LearnerRecords | None = None
    erasures: ErasureRepository | None = None
    exports: ExportRepository | None = None
    claims: DocumentStore | None = None
