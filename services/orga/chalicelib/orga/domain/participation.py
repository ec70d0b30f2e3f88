"""Campaigns and participations as orga keeps them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from chalicelib.orga.domain.campaigns import CampaignType
from chalicelib.orga.domain.collection_export import ProfileSnapshot, share_status


@dataclass
class Campaign:
    id: str
    organization_id: str
    code: str
    name: str
    type: CampaignType
    created_by: str
    created_at: datetime
    target_skill_ids: list[str] = field(default_factory=list)
    external_id_label: str | None = None
    landing_text: str | None = None
    archived_at: datetime | None = None
    # Filled when the school lists its campaigns.
    participants_count: int | None = None
    shared_profiles_count: int | None = None


@dataclass
class Participation:
    campaign_id: str
    user_id: str
    organization_id: str
    student_id: str
    last_name: str
    first_name: str
    division: str | None
    joined_at: datetime
    external_id: str | None = None
    shared_at: datetime | None = None
    snapshot: ProfileSnapshot | None = None
    share_requested_at: datetime | None = None

    @property
    def has_shared(self) -> bool:
        return self.shared_at is not None

    @property
    def status(self) -> str:
        return share_status(self.share_requested_at, self.shared_at)


@dataclass(frozen=True)
class ParticipationView:
    """What a student sees of their participation: the profile sent, or the one they would send."""

    participation: Participation
    profile: ProfileSnapshot | None

    def __getattr__(self, name: str) -> object:
        return getattr(self.participation, name)

    @property
    def pix_score(self) -> int | None:
        return self.profile.pix_score if self.profile else None

    @property
    def certifiable(self) -> bool | None:
        return self.profile.certifiable if self.profile else None

    @property
    def certifiable_competences_count(self) -> int | None:
        return self.profile.certifiable_competences_count if self.profile else None

    @property
    def mastery_percentage(self) -> int | None:
        return self.profile.mastery_percentage if self.profile else None


def view(participation: Participation, preview: ProfileSnapshot | None = None) -> ParticipationView:
    """A participation shows the profile it sent; before sending, the profile it would send."""
    return ParticipationView(participation, participation.snapshot or preview)


@dataclass(frozen=True)
class LearnerProfile:
    """The latest profile engine announced for an account (read model)."""

    user_id: str
    snapshot: ProfileSnapshot
    as_of: datetime


def is_newer(candidate: LearnerProfile, current: LearnerProfile | None) -> bool:
    """Messages may arrive out of order: a profile replaces another only if it is more recent."""
    return current is None or candidate.as_of > current.as_of
