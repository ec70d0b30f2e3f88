"""Orga's campaigns as engine knows them from their messages, and who may start their assessment."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from chalicelib.engine.domain.knowledge import KnowledgeElement
from pixcore.errors import Forbidden, NotFound, RuleViolation


class CampaignType(StrEnum):
    ASSESSMENT = "ASSESSMENT"
    PROFILES_COLLECTION = "PROFILES_COLLECTION"


@dataclass(frozen=True)
class Campaign:
    """What engine knows of a campaign: its facts may arrive in any order, so a campaign may be
    known as archived, or joined, before its creation is (`campaign_type` None until then)."""

    code: str
    campaign_id: str | None = None
    organization_id: str | None = None
    campaign_type: CampaignType | None = None
    target_skill_ids: tuple[str, ...] = ()
    archived_at: datetime | None = None

    @property
    def is_created(self) -> bool:
        return self.campaign_type is not None

    @property
    def is_assessment(self) -> bool:
        return self.campaign_type is CampaignType.ASSESSMENT

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


def check_can_start(campaign: Campaign | None, joined: bool) -> None:
    """A campaign's assessment starts only for a participant who joined it, and only for an
    existing campaign of type assessment that is not archived."""
    if campaign is None or not campaign.is_created:
        raise NotFound("Campagne introuvable.", code="CAMPAIGN_NOT_FOUND")
    if not campaign.is_assessment:
        raise RuleViolation(
            "Cette campagne collecte des profils : elle ne propose pas de parcours à passer.",
            code="CAMPAIGN_NOT_ASSESSMENT",
        )
    if campaign.is_archived:
        raise RuleViolation(
            "Cette campagne est archivée : son parcours ne peut plus être commencé.",
            code="CAMPAIGN_ARCHIVED",
        )
    if not joined:
        raise Forbidden(
            "Rejoignez d'abord cette campagne avec son code pour commencer son parcours.",
            code="CAMPAIGN_NOT_JOINED",
        )


@dataclass(frozen=True)
class Mastery:
    """How many of a campaign's target skills the learner has validated."""

    target_skill_count: int
    validated_skill_count: int

    @property
    def percentage(self) -> int:
        """Validated ÷ targeted, as a whole percentage rounded half up (0 without targets)."""
        if not self.target_skill_count:
            return 0
        return (200 * self.validated_skill_count + self.target_skill_count) // (
            2 * self.target_skill_count
        )


def mastery_of(target_skill_ids: Iterable[str], latest: Mapping[str, KnowledgeElement]) -> Mastery:
    """Mastery of the target skills from the latest knowledge element of each skill (direct or
    inferred): a target is mastered when its latest element is validated."""
    targets = list(dict.fromkeys(target_skill_ids))
    validated = sum(1 for skill in targets if skill in latest and latest[skill].is_validated)
    return Mastery(len(targets), validated)
