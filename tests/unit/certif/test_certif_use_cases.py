"""Certif's use cases on in-memory fakes: GIVEN a centre and its students, WHEN an action,
THEN the state and the messages published."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from chalicelib.certif.domain.calendar import CalendarPolicy, CalendarSettings
from chalicelib.certif.domain.candidates import CandidateState, CourseStage
from chalicelib.certif.domain.finalization import AbortReason, CandidateFinalization
from chalicelib.certif.domain.sessions import SessionStatus
from chalicelib.certif.domain.students import Profile
from chalicelib.certif.handlers import handlers
from chalicelib.certif.use_cases import (
    candidates,
    course_events,
    finalization,
    joining,
    read_models,
    sessions,
    supervision,
)
from pixcore.clock import FixedClock
from pixcore.consumer import MessageConsumer
from pixcore.errors import Conflict, NotFound, RuleViolation
from pixcore.memory import InMemoryProcessedMessages
from pixcore.messages import catalog as c
from pixcore.principal import Principal
from tests.unit.certif.fakes import ADMIN_USER, CENTER, SCHEDULE, TODAY, certifiable, make_ports


@pytest.fixture
def ports():  # noqa: ANN201
    return make_ports()


def enrolled(ports):  # noqa: ANN001, ANN201
    session = sessions.create_session(ports, ADMIN_USER, CENTER, SCHEDULE).session
    cands = candidates.enroll_students(ports, ADMIN_USER, session.id, ["s-zoe", "s-cagla", "s-lan"])
    return ports.sessions.get(session.id), {x.student_id: x for x in cands}


def test_a_session_is_not_created_nor_moved_to_a_day_gone_by_in_paris(ports):
    # TODAY is 3 March 2026 at 08:00 UTC: 2 March is gone in Paris, 3 March is today (before
    # the collège window, which this stage only warns about).
    ports = replace(ports, calendar=CalendarSettings(policy=CalendarPolicy.WARN))
    past = replace(SCHEDULE, date=date(2026, 3, 2))
    with pytest.raises(RuleViolation) as refused:
        sessions.create_session(ports, ADMIN_USER, CENTER, past)
    assert refused.value.code == "SESSION_IN_THE_PAST"
    assert ports.publisher.published == []
    today = sessions.create_session(
        ports, ADMIN_USER, CENTER, replace(SCHEDULE, date=TODAY.date())
    ).session
    with pytest.raises(RuleViolation):
        sessions.update_session(ports, ADMIN_USER, today.id, {"date": date(2026, 3, 2)})
    assert ports.sessions.get(today.id).date == TODAY.date()
    renamed = sessions.update_session(ports, ADMIN_USER, today.id, {"room": "Salle C3"})
    assert renamed.room == "Salle C3"


def test_an_enrolment_is_all_or_nothing_and_announced(ports):
    session, cands = enrolled(ports)
    with pytest.raises(NotFound):
        candidates.enroll_students(ports, ADMIN_USER, session.id, ["s-zoe", "s-ghost"])
    assert ports.sessions.get(session.id).candidate_count == 3
    updates = ports.publisher.of_type(c.SessionUpdated)
    assert [(u.revision, u.candidate_count) for u in updates] == [(1, 0), (2, 3)]


def test_candidates_are_added_until_someone_starts(ports):
    session, cands = enrolled(ports)
    zoe = certifiable(ports, "s-zoe")
    seat = joining.join(
        ports, zoe, joining.JoinSession(session.id, "Zoé", "Lefèvre", date(2011, 2, 28))
    )
    examiner = Principal("x", role="EXAMINER", session_id=session.id)
    supervision.authorize(ports, examiner, session.id, seat.id)
    candidates.remove_candidate(ports, ADMIN_USER, session.id, cands["s-lan"].id)
    candidates.enroll_students(ports, ADMIN_USER, session.id, ["s-lan"])
    joining.start(ports, zoe, session.id, session.access_code)
    candidates.remove_candidate(ports, ADMIN_USER, session.id, cands["s-cagla"].id)
    with pytest.raises(Conflict) as late:
        candidates.enroll_students(ports, ADMIN_USER, session.id, ["s-cagla"])
    assert late.value.code == "SESSION_STARTED"


def test_deleting_or_finalising_frees_the_access_code(ports):
    first = sessions.create_session(ports, ADMIN_USER, CENTER, SCHEDULE).session
    assert ports.sessions.codes[first.access_code] == first.id
    sessions.delete_session(ports, ADMIN_USER, first.id)
    second, _ = enrolled(ports)
    finalization.finalize(ports, ADMIN_USER, second.id)
    assert ports.sessions.codes == {}


def test_the_day_of_one_candidate_from_join_to_finalisation(ports):
    session, cands = enrolled(ports)
    zoe = certifiable(ports, "s-zoe")
    seat = joining.join(
        ports, zoe, joining.JoinSession(session.id, "ZOE", "lefevre", date(2011, 2, 28))
    )
    opening = supervision.OpenSupervision(session.id, session.examiner_password.lower(), "10.1.2.3")
    examiner = supervision.supervise(ports, None, opening)
    who, _ = ports.tokens.issued[0]
    assert (who.role, who.session_id, examiner.expires_in) == ("EXAMINER", session.id, 5 * 3600)
    supervision.authorize(ports, who, session.id, seat.id)
    edit = candidates.EditCandidate(session.id, seat.id, {"extra_time_percentage": 33})
    candidates.update_candidate(ports, ADMIN_USER, edit)
    started = joining.start(ports, zoe, session.id, session.access_code)
    [request] = ports.publisher.of_type(c.CertificationStartRequested)
    assert (request.course_id, request.candidate_id, request.extra_time_percentage) == (
        started.course_id,
        seat.id,
        33,
    )
    assert request.window_starts_at == datetime(2026, 3, 10, 13, tzinfo=UTC)
    now = datetime(2026, 3, 10, 14, 50, tzinfo=UTC)
    completed = c.CertificationCompleted(
        course_id=started.course_id,
        session_id=session.id,
        candidate_id=seat.id,
        user_id=zoe.user_id,
        verification_code="P-2B3C4D6F",
        max_level=6,
        state="completed",
        started_at=now,
        completed_at=now,
        profile=[],
        answers=[],
    )
    course_events.course_completed(ports, completed)
    assert ports.candidates.get(session.id, seat.id).state is CandidateState.END_SCREEN
    supervision.end_screen_seen(ports, who, session.id, seat.id)
    finalization.finalize(ports, ADMIN_USER, session.id)
    [done] = ports.publisher.of_type(c.SessionFinalized)
    mine = next(x for x in done.candidates if x.candidate_id == seat.id)
    assert (mine.first_name, mine.last_name, mine.birthdate, mine.division) == (
        "Zoé",
        "Lefèvre",
        date(2011, 2, 28),
        "3E1",
    )
    assert (
        mine.course_id,
        mine.end_screen_seen,
        mine.extra_time_percentage,
        mine.abort_reason,
    ) == (started.course_id, True, 33, None)
    absent = next(x for x in done.candidates if x.candidate_id == cands["s-lan"].id)
    assert (absent.course_id, absent.user_id) == (None, None)


def test_two_accounts_cannot_take_one_candidate(ports):
    session, _ = enrolled(ports)
    zoe = certifiable(ports, "s-zoe")
    joining.join(ports, zoe, joining.JoinSession(session.id, "Zoé", "Lefèvre", date(2011, 2, 28)))
    ports.students.link(CENTER, "s-zoe", "user-other")  # orga relinked the student meanwhile
    other = Principal("user-other")
    ports.students.save_profile_if_newer(Profile("user-other", True, 5, TODAY))
    with pytest.raises(Conflict) as taken:
        joining.join(
            ports, other, joining.JoinSession(session.id, "Zoé", "Lefèvre", date(2011, 2, 28))
        )
    assert taken.value.code == "CANDIDATE_ALREADY_TAKEN"


def test_course_messages_in_any_order_never_move_a_candidate_back(ports):
    session, cands = enrolled(ports)
    seat = cands["s-zoe"]
    now = datetime(2026, 3, 10, 13, 5, tzinfo=UTC)
    common = dict(
        course_id="k1",
        session_id=session.id,
        candidate_id=seat.id,
        user_id="u",
        verification_code="P-2B3C4D6F",
        max_level=6,
        profile=[],
    )
    course_events.course_completed(
        ports, c.CertificationCompleted(**common, state="completed", started_at=now, answers=[])
    )
    course_events.course_ready(
        ports,
        c.CertificationCourseReady(
            **common, question_count=30, started_at=now, deadline=now + timedelta(minutes=105)
        ),
    )
    course_events.start_refused(
        ports,
        c.CertificationStartRefused(
            course_id="k1",
            session_id=session.id,
            candidate_id=seat.id,
            user_id="u",
            code="NOT_CERTIFIABLE",
            message="…",
        ),
    )
    after = ports.candidates.get(session.id, seat.id)
    assert (after.course_stage, after.course_id, after.started_at, after.start_refused) == (
        CourseStage.COMPLETED,
        "k1",
        now,
        None,
    )
    assert after.deadline == now + timedelta(minutes=105)


def test_the_jury_status_never_goes_back(ports):
    session, _ = enrolled(ports)
    finalization.finalize(ports, ADMIN_USER, session.id)
    at = datetime(2026, 3, 20, tzinfo=UTC)
    course_events.session_status_changed(
        ports, c.SessionStatusChanged(session_id=session.id, status="processed", changed_at=at)
    )
    course_events.session_status_changed(
        ports, c.SessionStatusChanged(session_id=session.id, status="in_process", changed_at=at)
    )
    assert ports.sessions.get(session.id).status is SessionStatus.PROCESSED


def _list(ports, key: str, rows: list[tuple[str, str]]) -> None:  # noqa: ANN001
    ports.student_lists.objects[("orga-bucket", key)] = [
        json.dumps(
            {
                "id": sid,
                "ine": "123456789AB",
                "first_name": "Ana",
                "last_name": last,
                "birthdate": "2011-01-01",
                "division": "3E3",
            }
        )
        for sid, last in rows
    ] + ["{not json", ""]


def test_an_import_older_than_the_last_one_changes_nothing(ports):
    _list(ports, "new", [("s-new", "Nouvelle")])
    _list(ports, "old", [("s-old", "Ancienne")])
    newer = c.StudentsImported(
        organization_id=CENTER,
        import_id="i2",
        students_bucket="orga-bucket",
        students_key="new",
        active_count=1,
        disabled_student_ids=["s-zoe"],
        occurred_at=TODAY + timedelta(days=1),
    )
    older = c.StudentsImported(
        organization_id=CENTER,
        import_id="i1",
        students_bucket="orga-bucket",
        students_key="old",
        active_count=1,
        occurred_at=TODAY,
    )
    assert read_models.record_students(ports, newer) == 1
    assert read_models.record_students(ports, older) == 0
    ids = set(ports.students.get_students(CENTER, ["s-new", "s-old", "s-zoe", "s-lan"]))
    assert ids == {"s-new", "s-lan"}


def test_an_older_profile_never_overwrites_a_newer_one(ports):
    def profile(certifiable_: bool, at: datetime) -> c.ProfileUpdated:
        marks = [
            c.CompetenceMark(competence=f"1.{i}", level=1, pix=8)
            for i in range(5 if certifiable_ else 2)
        ]
        return c.ProfileUpdated(
            user_id="u1", competences=marks, total_pix=40, certifiable=certifiable_, as_of=at
        )

    read_models.record_profile(ports, profile(True, TODAY))
    read_models.record_profile(ports, profile(False, TODAY - timedelta(hours=1)))
    assert ports.students.profiles(["u1"])["u1"].level_count == 5


def test_a_message_delivered_twice_is_handled_once(ports):
    consumer = MessageConsumer("certif", handlers(ports), InMemoryProcessedMessages())
    body = c.LearnerReconciled(
        organization_id=CENTER, student_id="s-lan", user_id="u-lan"
    ).to_json()
    assert [consumer.handle_body(body), consumer.handle_body(body)] == ["handled", "duplicate"]
    assert ports.students.links(CENTER, ["s-lan"]) == {"s-lan": "u-lan"}


def test_a_draft_keeps_the_documents_and_finalising_sends_them(ports):
    session, cands = enrolled(ports)
    pdf = b"%PDF-1.4\n%%EOF"
    document = finalization.add_document(
        ports, ADMIN_USER, finalization.AddDocument(session.id, "pv.pdf", pdf)
    )
    draft = finalization.Draft(
        (CandidateFinalization(cands["s-zoe"].id, True, AbortReason.TECHNICAL),),
        True,
        "Coupure réseau",
    )
    finalization.save_draft(ports, ADMIN_USER, session.id, draft)
    finalization.finalize(ports, ADMIN_USER, session.id)
    [done] = ports.publisher.of_type(c.SessionFinalized)
    assert done.documents == [document.key] and document.key.startswith(f"sessions/{session.id}/")
    assert done.comment == "Coupure réseau" and ports.documents.get(document.key) == pdf


def test_the_centre_sees_a_session_overdue_48_hours_after_its_end_and_may_still_finalise(ports):
    # GIVEN a session on 10 March 2026, 14:00–16:00 in Paris, with candidates, not finalised
    session, _ = enrolled(ports)
    due = datetime(2026, 3, 12, 15, 0, tzinfo=UTC)  # 16:00 in Paris, 48 h after its end
    detail = sessions.get_session(ports, ADMIN_USER, session.id)
    assert detail.finalization_due_at == due and detail.finalization_overdue is False
    # WHEN the 48 h have gone by
    late = replace(ports, clock=FixedClock(due + timedelta(minutes=1)))
    # THEN the session and the centre's list say so
    assert sessions.get_session(late, ADMIN_USER, session.id).finalization_overdue is True
    page = sessions.list_sessions(late, ADMIN_USER, sessions.PageRequest(CENTER))
    assert [(s.id, s.finalization_overdue) for s in page.sessions] == [(session.id, True)]
    # and on time it is not
    page = sessions.list_sessions(ports, ADMIN_USER, sessions.PageRequest(CENTER))
    assert [s.finalization_overdue for s in page.sessions] == [False]
    # and a late finalisation is accepted, after which nothing is overdue
    finalization.finalize(late, ADMIN_USER, session.id)
    assert sessions.get_session(late, ADMIN_USER, session.id).finalization_overdue is False


def test_a_session_change_is_dated_by_certifs_clock_for_the_weeks_jury_counts_it_in(ports):
    session = sessions.create_session(ports, ADMIN_USER, CENTER, SCHEDULE).session
    later = replace(ports, clock=FixedClock(TODAY + timedelta(days=9)))
    sessions.update_session(later, ADMIN_USER, session.id, {"room": "Salle C3"})
    updates = [m for m in ports.publisher.published if isinstance(m, c.SessionUpdated)]
    assert [m.occurred_at for m in updates] == [TODAY, TODAY + timedelta(days=9)]
