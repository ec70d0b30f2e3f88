"""« Envoyer mon profil »: engine answers orga's request with the profile as of now."""

from __future__ import annotations

from chalicelib.engine.domain.campaigns import mastery_of
from chalicelib.engine.ports import Ports
from chalicelib.engine.use_cases.progress import marks_of, profile_of
from pixcore.messages.catalog import ProfileShared, ProfileShareRequested


class CampaignNotKnownYet(Exception):
    """The share arrived before the campaign's creation: not a PixError, so SQS delivers the
    request again later, once the campaign is known."""


def share_profile(ports: Ports, message: ProfileShareRequested) -> None:
    """The snapshot is exactly the learner's profile at this moment — mid-evaluation included,
    as `GET /users/me/profile` shows it — and, for an assessment campaign, the mastery of its
    target skills. A repeated request is answered again; orga keeps the first share."""
    campaign = ports.campaigns.find(message.code)
    if campaign is None or not campaign.is_created:
        raise CampaignNotKnownYet(message.code)
    knowledge = ports.assessments.knowledge(message.user_id)
    profile = profile_of(knowledge, ports.max_level)
    mastery = (
        mastery_of(campaign.target_skill_ids, knowledge.elements)
        if campaign.is_assessment
        else None
    )
    ports.publisher.publish(
        ProfileShared(
            campaign_id=message.campaign_id,
            code=message.code,
            user_id=message.user_id,
            competences=marks_of(profile),
            total_pix=profile.total_pix,
            certifiable=profile.is_certifiable,
            as_of=ports.clock.now(),
            target_skill_count=mastery.target_skill_count if mastery else None,
            validated_target_skill_count=mastery.validated_skill_count if mastery else None,
            mastery_percentage=mastery.percentage if mastery else None,
        )
    )
