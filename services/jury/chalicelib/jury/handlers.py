"""Jury's message handlers, keyed by message class."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chalicelib.jury.use_cases import counting, intake, organizations, privacy
from pixcore.consumer import Handlers
from pixcore.messages.catalog import (
    CampaignCreated,
    CertificationCompleted,
    CertificationCourseReady,
    CertificationStartRefused,
    LearnerDataRequested,
    LearnerErasureRequested,
    LearnerReconciled,
    MembershipChanged,
    OrganizationRegistered,
    SessionFinalized,
    SessionUpdated,
)

if TYPE_CHECKING:
    from chalicelib.jury.ports import Ports


def handlers(ports: Ports) -> Handlers:
    return {
        OrganizationRegistered: lambda m: organizations.organization_registered(ports, m),
        MembershipChanged: lambda m: organizations.membership_changed(ports, m),
        LearnerReconciled: lambda m: counting.active_school(ports, m),
        CampaignCreated: lambda m: counting.active_school(ports, m),
        SessionUpdated: lambda m: counting.session_updated(ports, m),
        CertificationCourseReady: lambda m: intake.course_ready(ports, m),
        CertificationStartRefused: lambda m: intake.course_refused(ports, m),
        CertificationCompleted: lambda m: intake.course_completed(ports, m),
        SessionFinalized: lambda m: intake.session_finalized(ports, m),
        LearnerErasureRequested: lambda m: privacy.erase_learner(ports, m),
        LearnerDataRequested: lambda m: privacy.gather_learner(ports, m),
    }
