"""Certif's part of an erasure, on fakes: a session not finalised loses the candidate and the
sheets printed with them; a finalised one keeps them as the exam's record, and says until when."""

from __future__ import annotations

from datetime import UTC, date, datetime

from chalicelib.certif.domain.privacy import is_exam_record
from chalicelib.certif.use_cases import candidates, documents, erasure, finalization, sessions
from pixcore.messages import catalog as c
from tests.unit.certif.fakes import ADMIN_USER, CENTER, SCHEDULE, certifiable, make_ports


def _erase(ports, student_id: str, user_id: str | None = None, scope: str = "student"):  # noqa: ANN001, ANN201
    message = c.LearnerErasureRequested(
        erasure_id="e-1",
        scope=scope,
        students=[c.StudentRef(organization_id=CENTER, student_id=student_id)],
        user_id=user_id,
        requested_at=datetime(2026, 3, 5, tzinfo=UTC),
    )
    return erasure.erase_learner(ports, message)


def test_a_candidate_of_a_session_not_finalised_is_withdrawn_with_the_printed_sheets():
    # GIVEN Zoé and Çağla enrolled, the attendance sheet printed (stored)
    ports = make_ports()
    zoe = certifiable(ports, "s-zoe")
    session = sessions.create_session(ports, ADMIN_USER, CENTER, SCHEDULE).session
    candidates.enroll_students(ports, ADMIN_USER, session.id, ["s-zoe", "s-cagla"])
    documents.attendance_sheet_pdf(ports, ADMIN_USER, session.id)
    assert ports.documents.under(f"sessions/{session.id}/")
    # WHEN Zoé's record is erased
    lines = _erase(ports, "s-zoe", zoe.user_id)
    # THEN she is out of the session, the sheet with her on it is gone, Çağla stays
    left = ports.candidates.of_session(session.id)
    assert [x.student_id for x in left] == ["s-cagla"]
    assert ports.sessions.get(session.id).candidate_count == 1
    assert ports.documents.under(f"sessions/{session.id}/") == []
    assert ports.students.get_students(CENTER, ["s-zoe"]) == {}
    assert ports.students.links(CENTER, ["s-zoe"]) == {}
    assert {line.action for line in lines} == {"deleted"}
    [report] = ports.publisher.of_type(c.LearnerErasedByCertif)
    assert (report.erasure_id, report.lines) == ("e-1", lines)
    # and a repeated delivery finds nothing more to delete
    assert [line.what for line in _erase(ports, "s-zoe", zoe.user_id)] == []


def test_a_finalised_session_keeps_its_candidate_two_years_and_the_report_says_so():
    ports = make_ports()
    session = sessions.create_session(ports, ADMIN_USER, CENTER, SCHEDULE).session
    candidates.enroll_students(ports, ADMIN_USER, session.id, ["s-zoe", "s-cagla"])
    finalization.finalize(ports, ADMIN_USER, session.id)
    assert is_exam_record(ports.sessions.get(session.id))
    lines = _erase(ports, "s-zoe")
    assert len(ports.candidates.of_session(session.id)) == 2
    [kept] = [line for line in lines if line.action == "kept"]
    assert kept.until == date(SCHEDULE.date.year + 2, SCHEDULE.date.month, SCHEDULE.date.day)
    assert "procès-verbal" in (kept.reason or "")


def test_the_accounts_certifiability_goes_only_with_the_account():
    ports = make_ports()
    zoe = certifiable(ports, "s-zoe")
    _erase(ports, "s-zoe", zoe.user_id, scope="student")
    assert ports.students.profiles([zoe.user_id])
    _erase(ports, "s-zoe", zoe.user_id, scope="account")
    assert ports.students.profiles([zoe.user_id]) == {}
