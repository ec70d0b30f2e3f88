"""Certif's ports made of in-memory fakes, with a centre, its students and a fixed clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from chalicelib.certif.adapters.memory import (
    FakeTokens,
    InMemoryAttemptThrottle,
    InMemoryCenterRepository,
    InMemoryStudentDirectory,
    InMemoryStudentLists,
    RecordingRenderer,
)
from chalicelib.certif.adapters.memory_sessions import (
    InMemoryCandidateRepository,
    InMemoryFinalizationRepository,
    InMemorySessionRepository,
)
from chalicelib.certif.domain.calendar import CalendarSettings
from chalicelib.certif.domain.centers import CertificationCenter
from chalicelib.certif.domain.sessions import Schedule
from chalicelib.certif.domain.students import EnrollableStudent, Profile
from chalicelib.certif.ports import Ports
from pixcore.clock import FixedClock
from pixcore.memory import InMemoryDocumentStore, InMemoryPublisher
from pixcore.principal import ADMIN, Principal

TODAY = datetime(2026, 3, 3, 8, 0, tzinfo=UTC)
CENTER = "org-1"
ADMIN_USER = Principal("admin-1", memberships={CENTER: ADMIN})
SCHEDULE = Schedule("Collège Victor-Hugo", "Salle B12", date(2026, 3, 10), time(14, 0), "M. Martin")
STUDENTS = (
    ("s-zoe", "Zoé", "Lefèvre", date(2011, 2, 28), "3E1"),
    ("s-cagla", "Çağla", "Öztürk", date(2010, 11, 3), "3E1"),
    ("s-lan", "Thị Lan", "Nguyễn", date(2011, 6, 14), "3E2"),
)


def make_ports() -> Ports:
    sessions = InMemorySessionRepository()
    ports = Ports(
        centers=InMemoryCenterRepository(),
        students=InMemoryStudentDirectory(),
        sessions=sessions,
        candidates=InMemoryCandidateRepository(sessions),
        finalizations=InMemoryFinalizationRepository(),
        throttle=InMemoryAttemptThrottle(),
        student_lists=InMemoryStudentLists(),
        renderer=RecordingRenderer(),
        documents=InMemoryDocumentStore(),
        publisher=InMemoryPublisher(),
        clock=FixedClock(TODAY),
        tokens=FakeTokens(),
        calendar=CalendarSettings(),
        cursor_secret=lambda: b"unit-test-cursor-secret",
    )
    ports.centers.save(
        CertificationCenter(
            CENTER, "0750655E", "Collège Jean-Moulin", "COLLEGE", "PUBLIC", "Paris", True
        )
    )
    ports.students.save_students(
        EnrollableStudent(sid, CENTER, first, last, born, division=division, imported_at=TODAY)
        for sid, first, last, born, division in STUDENTS
    )
    return ports


def certifiable(ports: Ports, student_id: str) -> Principal:
    """Links the student to an account with a certifiable profile; the account's principal."""
    user = f"user-{student_id}"
    ports.students.link(CENTER, student_id, user)
    ports.students.save_profile_if_newer(Profile(user, True, 6, TODAY))
    return Principal(user)
