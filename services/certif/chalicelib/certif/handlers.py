"""Certif's message handlers, keyed by message class."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chalicelib.certif.use_cases import centers, course_events, erasure, read_models
from pixcore.consumer import Handlers
from pixcore.messages.catalog import (
    CertificationCompleted,
    CertificationCourseReady,
    CertificationEndScreenConfirmed,
    CertificationStartRefused,
    LearnerDataRequested,
    LearnerErasureRequested,
    LearnerReconciled,
    MembershipChanged,
    OrganizationRegistered,
    ProfileUpdated,
    SessionStatusChanged,
    StudentsImported,
)

if TYPE_CHECKING:
    from chalicelib.certif.ports import Ports


def handlers(ports: Ports) -> Handlers:
    return {
        OrganizationRegistered: lambda m: centers.record_organization(ports, m),
        MembershipChanged: lambda m: centers.record_members(ports, m),
        StudentsImported: lambda m: read_models.record_students(ports, m),
        LearnerReconciled: lambda m: read_models.record_reconciliation(ports, m),
        ProfileUpdated: lambda m: read_models.record_profile(ports, m),
        CertificationStartRefused: lambda m: course_events.start_refused(ports, m),
        CertificationCourseReady: lambda m: course_events.course_ready(ports, m),
        CertificationCompleted: lambda m: course_events.course_completed(ports, m),
        CertificationEndScreenConfirmed: lambda m: course_events.end_screen_confirmed(ports, m),
        SessionStatusChanged: lambda m: course_events.session_status_changed(ports, m),
        LearnerErasureRequested: lambda m: erasure.erase_learner(ports, m),
        LearnerDataRequested: lambda m: erasure.gather_learner(ports, m),
    }
