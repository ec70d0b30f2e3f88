"""Certif's rules with DOMAIN.md's numbers: calendar, statuses, codes, times, names, readiness,
issue reports, finalisation."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time

import pytest

from chalicelib.certif.domain import calendar as cal
from chalicelib.certif.domain.candidates import (
    Candidate,
    CandidateState,
    CourseStage,
    candidate_end_time,
    duplicates,
    extra_time_label,
    matches,
)
from chalicelib.certif.domain.finalization import (
    AbortReason,
    CandidateFinalization,
    Finalization,
    IssueReportDraft,
    missing_for_finalization,
)
from chalicelib.certif.domain.issue_reports import classify, code_legend
from chalicelib.certif.domain.readiness import readiness
from chalicelib.certif.domain.sessions import (
    Schedule,
    Session,
    SessionStatus,
    can_move_to,
    examiner_password,
)
from chalicelib.certif.domain.students import Profile
from chalicelib.certif.domain.uploads import check_pdf
from pixcore.clock import PARIS
from pixcore.codes import ACCESS_CODE_DIGITS, ACCESS_CODE_LETTERS
from pixcore.errors import Forbidden, RuleViolation, TooLarge, UnsupportedMediaType


def candidate(i: int = 0, **kw) -> Candidate:  # noqa: ANN003
    base = dict(
        id=f"c{i}",
        session_id="1",
        center_id="o",
        student_id=f"s{i}",
        first_name="Zoé",
        last_name=f"Lefèvre{i}",
        birthdate=date(2011, 2, 28),
    )
    return Candidate(**{**base, **kw})


@pytest.mark.parametrize(
    ("school", "day", "open_"),
    [
        ("LYCEE", date(2021, 1, 3), False),
        ("LYCEE", date(2021, 1, 4), True),
        ("COLLEGE", date(2021, 2, 21), False),
        ("COLLEGE", date(2021, 2, 22), True),
        ("COLLEGE", date(2020, 12, 1), False),
        ("COLLEGE", date(2021, 6, 30), True),
    ],
)
def test_centres_open_on_4_january_for_lycees_and_22_february_for_colleges(school, day, open_):
    assert (cal.opening_problem(cal.CalendarSettings(), school, day) is None) == open_


@pytest.mark.parametrize(
    ("school", "day", "inside"),
    [
        ("COLLEGE", date(2021, 3, 7), False),
        ("COLLEGE", date(2021, 3, 8), True),
        ("COLLEGE", date(2021, 5, 12), True),
        ("COLLEGE", date(2021, 5, 13), False),
        ("LYCEE", date(2021, 1, 10), False),
        ("LYCEE", date(2021, 1, 11), True),
        ("LYCEE", date(2021, 5, 20), True),
        ("LYCEE", date(2021, 5, 21), False),
    ],
)
def test_session_windows_of_2020_2021(school, day, inside):
    assert (cal.window_problem(cal.CalendarSettings(), school, day) is None) == inside


def test_college_derogations_run_to_20_may_and_a_policy_warns_instead_of_refusing():
    late = date(2021, 5, 18)
    assert (
        cal.window_problem(cal.CalendarSettings(college_derogation=True), "COLLEGE", late) is None
    )
    with pytest.raises(RuleViolation) as refused:
        cal.check_window(cal.CalendarSettings(), "COLLEGE", late)
    assert "du 08/03/2021 au 12/05/2021" in refused.value.message
    warned = cal.check_window(cal.CalendarSettings(policy=cal.CalendarPolicy.WARN), "COLLEGE", late)
    assert warned and warned.code == "SESSION_OUTSIDE_WINDOW"
    with pytest.raises(Forbidden):
        cal.check_opening(cal.CalendarSettings(), "LYCEE", date(2021, 1, 2))


def test_a_session_is_planned_for_today_or_later():
    cal.check_not_past(date(2021, 3, 8), today=date(2021, 3, 8))
    with pytest.raises(RuleViolation) as refused:
        cal.check_not_past(date(2021, 3, 7), today=date(2021, 3, 8))
    assert refused.value.code == "SESSION_IN_THE_PAST"
    assert refused.value.details == {"field": "date"}
    assert "(07/03/2021) est passée" in refused.value.message


def test_statuses_only_move_forward():
    order = list(SessionStatus)
    assert [s.value for s in order] == ["created", "finalized", "in_process", "processed"]
    assert can_move_to(SessionStatus.CREATED, SessionStatus.FINALIZED)
    assert can_move_to(SessionStatus.FINALIZED, SessionStatus.PROCESSED)
    assert not can_move_to(SessionStatus.PROCESSED, SessionStatus.IN_PROCESS)
    assert not can_move_to(SessionStatus.FINALIZED, SessionStatus.FINALIZED)


def test_the_examiner_password_is_5_characters_of_the_access_code_alphabets():
    drawn = {examiner_password() for _ in range(200)}
    assert all(
        len(p) == 5 and set(p) <= set(ACCESS_CODE_LETTERS + ACCESS_CODE_DIGITS) for p in drawn
    )
    assert len(drawn) > 190


def test_a_session_lasts_2_hours_and_each_candidate_ends_with_their_extra_time():
    s = Session(
        "1", "o", Schedule("a", "r", date(2026, 3, 10), time(14, 0), "e"), "BCDF23", "BCD23"
    )
    assert s.ends_at.astimezone(PARIS).strftime("%H:%M") == "16:00"
    ends = {
        p: candidate_end_time(s.starts_at, p).astimezone(PARIS).strftime("%H:%M")
        for p in (0, 33, 100)
    }
    assert ends == {0: "16:00", 33: "16:35", 100: "17:45"}  # 105 min × 33 % = 34.65 → 35
    assert extra_time_label(33) == "33\u202f%" and extra_time_label(0) == ""


def test_a_session_is_to_be_finalised_within_48_hours_of_its_end():
    # GIVEN a session on Tuesday 10 March 2026 from 14:00 to 16:00 in Paris
    s = Session(
        "1", "o", Schedule("a", "r", date(2026, 3, 10), time(14, 0), "e"), "BCDF23", "BCD23"
    )
    # THEN its finalisation is due on Thursday 12 March at 16:00 (15:00 UTC)
    assert s.finalization_due_at == datetime(2026, 3, 12, 15, 0, tzinfo=UTC)
    assert s.finalization_due_at.astimezone(PARIS).strftime("%d/%m %H:%M") == "12/03 16:00"
    # and it is overdue one second after, never before, and never once finalised
    assert not s.is_finalization_overdue(datetime(2026, 3, 12, 15, 0, tzinfo=UTC))
    assert s.is_finalization_overdue(datetime(2026, 3, 12, 15, 0, 1, tzinfo=UTC))
    finalised = replace(s, status=SessionStatus.FINALIZED)
    assert not finalised.is_finalization_overdue(datetime(2026, 4, 1, tzinfo=UTC))


def test_names_match_ignoring_case_accents_spaces_hyphens_and_apostrophes():
    c = candidate(
        last_name="N'Diaye-Lefèvre", first_name="Jean Baptiste", preferred_last_name="Diallo"
    )
    born = c.birthdate
    assert matches(c, "jean-baptiste", "NDIAYE LEFEVRE", born)
    assert matches(c, "Jean Baptiste", "diallo", born)
    assert not matches(c, "Jean Baptiste", "NDIAYE LEFEVRE", date(2011, 2, 27))
    assert not matches(c, "Jean", "NDIAYE LEFEVRE", born)


def test_duplicates_are_the_same_names_and_birthdate():
    zoe = candidate(1, last_name="Lefèvre")
    again = candidate(2, first_name="ZOE", last_name="lefevre")
    twice = candidate(3, first_name="Zoe", last_name="Lefevre")
    other = candidate(4, last_name="Lefèvre", birthdate=date(2011, 3, 1))
    found = duplicates([zoe], [again, other])
    assert [(c.id, twin.id if twin else None) for c, twin in found] == [("c2", "c1")]
    assert [(c.id, twin) for c, twin in duplicates([], [again, twice])] == [("c3", None)]


def test_the_examiner_sees_the_most_advanced_fact():
    now = datetime(2026, 3, 10, 13, tzinfo=UTC)
    steps = [
        (candidate(), CandidateState.NOT_JOINED),
        (candidate(joined_at=now), CandidateState.WAITING),
        (candidate(joined_at=now, authorized_at=now), CandidateState.AUTHORIZED),
        (candidate(authorized_at=now, course_stage=CourseStage.READY), CandidateState.IN_TEST),
        (
            candidate(course_stage=CourseStage.COMPLETED, course_end="completed"),
            CandidateState.END_SCREEN,
        ),
        (
            candidate(
                course_stage=CourseStage.COMPLETED, course_end="completed", end_screen_seen_at=now
            ),
            CandidateState.FINISHED,
        ),
        (
            candidate(course_stage=CourseStage.READY, ended_by_examiner_at=now),
            CandidateState.ENDED_BY_EXAMINER,
        ),
    ]
    assert [c.state for c, _ in steps] == [state for _, state in steps]


def test_one_examiner_per_20_candidates_linked_accounts_and_certifiable_profiles():
    now = datetime(2026, 3, 3, tzinfo=UTC)
    twenty = [candidate(i) for i in range(20)]
    links = {c.student_id: f"u{i}" for i, c in enumerate(twenty) if c.student_id}
    profiles = {f"u{i}": Profile(f"u{i}", i != 3, 5, now) for i in range(20)}
    assert [w.code for w in readiness("M. Martin", twenty, links, profiles)] == [
        "CANDIDATES_NOT_CERTIFIABLE"
    ]
    one_more = [*twenty, candidate(20)]
    codes = [w.code for w in readiness("M. Martin", one_more, links, profiles)]
    assert codes == [
        "TOO_MANY_CANDIDATES_PER_EXAMINER",
        "CANDIDATES_WITHOUT_ACCOUNT",
        "CANDIDATES_NOT_CERTIFIABLE",
    ]
    assert "TOO_MANY" not in str(readiness("M. Martin, Mme Nguyễn", one_more, links, profiles))


@pytest.mark.parametrize(
    ("category", "sub", "text", "question", "code", "fields"),
    [
        ("CANDIDATE_INFORMATION_CHANGES", "NAME_OR_BIRTHDATE", "Prénom : Zoé", None, "C1", []),
        (
            "CANDIDATE_INFORMATION_CHANGES",
            "EXTRA_TIME_PERCENTAGE",
            None,
            None,
            "C2",
            ["description"],
        ),
        ("LATE_OR_LEAVING", "LEFT_EXAM_ROOM", None, None, "C3", []),
        ("LATE_OR_LEAVING", "SIGNATURE_ISSUE", None, None, "C4", []),
        ("CONNECTION_OR_END_SCREEN", "PAGE_CLOSED", None, None, "C5", []),
        ("FRAUD", None, None, None, "C6", []),
        ("IN_CHALLENGE", "IMAGE_NOT_DISPLAYING", None, 12, "E1", []),
        ("IN_CHALLENGE", "SOFTWARE_NOT_WORKING", None, None, "E8", ["question_number"]),
        ("IN_CHALLENGE", None, None, 3, "", ["subcategory"]),
        ("TECHNICAL_PROBLEM", "SLOWNESS", None, None, "A1", []),
        ("OTHER", None, "", None, "A2", ["description"]),
        ("WEATHER", None, None, None, "", ["category"]),
    ],
)
def test_issue_reports_get_their_code_and_what_their_category_asks(
    category, sub, text, question, code, fields
):
    found, problems = classify(category, sub, text, question)
    assert (found, [p.field for p in problems]) == (code, fields)


def test_the_legend_lists_every_code_once():
    codes = [code for code, _ in code_legend()]
    assert codes == [
        "C1",
        "C2",
        "C3",
        "C4",
        "C5",
        "C6",
        "E1",
        "E2",
        "E3",
        "E4",
        "E5",
        "E6",
        "E7",
        "E8",
        "A1",
        "A2",
    ]


def test_finalisation_lists_every_missing_abort_reason_and_bad_report_at_once():
    now = datetime(2026, 3, 10, tzinfo=UTC)
    unfinished = candidate(
        1, course_id="k1", start_requested_at=now, course_stage=CourseStage.READY
    )
    ended = candidate(2, course_id="k2", start_requested_at=now, ended_by_examiner_at=now)
    finished = candidate(
        3, course_id="k3", course_stage=CourseStage.COMPLETED, course_end="completed"
    )
    absent = candidate(4)
    draft = Finalization(
        "1",
        {
            "c3": CandidateFinalization(
                "c3", True, None, (IssueReportDraft("r", "IN_CHALLENGE", "LINK_NOT_WORKING"),)
            )
        },
    )
    missing = missing_for_finalization(draft, [unfinished, ended, finished, absent])
    assert [(m.code, m.candidate_id) for m in missing] == [
        ("INVALID_ISSUE_REPORT", "c3"),
        ("ABORT_REASON_REQUIRED", "c1"),
        ("ABORT_REASON_REQUIRED", "c2"),
    ]
    draft.candidates = {
        c: CandidateFinalization(c, abort_reason=AbortReason.CANDIDATE) for c in ("c1", "c2")
    }
    assert missing_for_finalization(draft, [unfinished, ended, finished, absent]) == []


def test_a_document_is_a_pdf_by_its_bytes_without_active_content():
    pdf = b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF"
    check_pdf(pdf)
    for bad in (b"GIF89a...", b"%PDF-1.7 no end", b"<html>%PDF-1.4</html>"[:5] + b"%%EOF"):
        with pytest.raises(UnsupportedMediaType):
            check_pdf(bad)
    with pytest.raises(UnsupportedMediaType):
        check_pdf(pdf.replace(b"<<>>", b"<< /Launch /F (cmd.exe) >>"))
    with pytest.raises(TooLarge):
        check_pdf(pdf + b" " * (10 * 1024 * 1024))


def test_documents_go_under_the_prefix_the_bucket_keeps_two_years():
    from chalicelib.certif.domain.sessions import DOCUMENTS_PREFIX
    from infra.resources import SESSION_DOCUMENTS_PREFIX

    assert DOCUMENTS_PREFIX == SESSION_DOCUMENTS_PREFIX
