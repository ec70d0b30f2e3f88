"""Engine's message handlers: message class → use case."""

from __future__ import annotations

from chalicelib.engine.ports import Ports
from chalicelib.engine.use_cases import (
    campaigns,
    certification_end,
    certification_start,
    completion,
    course_messages,
    learners,
    privacy,
    sharing,
)
from pixcore.consumer import Handlers
from pixcore.messages.catalog import (
    AssessmentCompleted,
    CampaignArchived,
    CampaignCreated,
    CampaignJoined,
    CertificationCourseEnded,
    CertificationEndRequested,
    CertificationStartRequested,
    LearnerDataRequested,
    LearnerErasureRequested,
    LearnerReconciled,
    ProfileShareRequested,
    SessionFinalized,
    SessionPublished,
)


def handlers(ports: Ports) -> Handlers:
    return {
        LearnerReconciled: lambda m: learners.record_reconciliation(ports, m),
        AssessmentCompleted: lambda m: completion.archive_completed(ports, m),
        CertificationStartRequested: lambda m: certification_start.start_course(ports, m),
        CertificationCourseEnded: lambda m: course_messages.announce_ended(ports, m),
        CertificationEndRequested: lambda m: certification_end.end_by_supervisor(ports, m),
        SessionFinalized: lambda m: certification_end.end_at_finalization(ports, m),
        SessionPublished: lambda m: certification_end.mark_published(ports, m),
        CampaignCreated: lambda m: campaigns.record_created(ports, m),
        CampaignArchived: lambda m: campaigns.record_archived(ports, m),
        CampaignJoined: lambda m: campaigns.record_joined(ports, m),
        ProfileShareRequested: lambda m: sharing.share_profile(ports, m),
        LearnerErasureRequested: lambda m: privacy.erase_learner(ports, m),
        LearnerDataRequested: lambda m: privacy.gather_learner(ports, m),
    }
