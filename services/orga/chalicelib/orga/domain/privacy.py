"""A learner's erasure and data export: which services must answer, and when each is done."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from pixcore import retention as keep
from pixcore.messages.catalog import ErasureLine, ErasureScope

# Every service holding learner data answers an erasure or an export; orga answers first, itself.
SERVICES = ("orga", "certif", "engine", "jury")


class Progress(StrEnum):
    IN_PROGRESS = "IN_PROGRESS"
    COMPLETED = "COMPLETED"


@dataclass
class Erasure:
    """Ids only: the erasure record outlives the data it erased and must not bring it back."""

    id: str
    scope: ErasureScope
    requested_by: str
    requested_at: datetime
    organization_id: str | None = None
    student_ids: list[str] = field(default_factory=list)
    user_id: str | None = None
    reports: dict[str, list[ErasureLine]] = field(default_factory=dict)

    @property
    def status(self) -> Progress:
        """Completed once every service has said what it deleted and what it keeps."""
        return Progress.COMPLETED if set(SERVICES) <= set(self.reports) else Progress.IN_PROGRESS

    @property
    def waiting_for(self) -> list[str]:
        return [s for s in SERVICES if s not in self.reports]


def may_see(erasure: Erasure, is_jury: bool, admin_of: set[str]) -> bool:
    """The jury sees every erasure; a school's admins those of their school's students."""
    return is_jury or (erasure.organization_id is not None and erasure.organization_id in admin_of)


@dataclass(frozen=True)
class LearnerSubject:
    """Who is erased or exported, as orga found them: the account, its student records by
    school, and the codes of the campaigns it joined there (engine keys participants by code)."""

    user_id: str | None
    students: dict[str, str]  # organization id → student id
    campaign_codes: list[str]


# One export a day per learner: an archive is heavy to build and holds everything about a child.
EXPORT_EVERY_HOURS = 24


@dataclass
class DataExport:
    """A learner's data export: each service's part lands in S3, then orga zips them."""

    id: str
    requested_by: str
    requested_at: datetime
    subject_key: str  # "user:<id>" or "student:<org>:<id>": one export a day per subject
    organization_id: str | None = None
    user_id: str | None = None
    parts: dict[str, str] = field(default_factory=dict)  # service → S3 key of its part
    archive_key: str | None = None
    download_url: str | None = None  # a short-lived link, given to whoever may download

    @property
    def status(self) -> Progress:
        return Progress.COMPLETED if self.archive_key else Progress.IN_PROGRESS

    @property
    def expires_at(self) -> datetime:
        return self.requested_at + timedelta(days=keep.EXPORT_DAYS)

    @property
    def waiting_for(self) -> list[str]:
        return [s for s in SERVICES if s not in self.parts]

    @property
    def complete(self) -> bool:
        return set(SERVICES) <= set(self.parts)


def may_download(export: DataExport, user_id: str, is_jury: bool, admin_of: set[str]) -> bool:
    """The learner, the school admin who asked for it, or the jury."""
    return (
        is_jury
        or export.requested_by == user_id
        or (export.organization_id is not None and export.organization_id in admin_of)
    )
