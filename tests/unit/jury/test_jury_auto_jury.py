"""Auto-jury at finalisation: every arrival order, duplicates, abort reasons, question reports,
the auto-publishable decision."""

from __future__ import annotations

from itertools import permutations

import pytest

from chalicelib.jury.domain.jury_session import SessionState
from chalicelib.jury.domain.scoring import Status
from chalicelib.jury.handlers import handlers
from pixcore.messages import catalog as c
from tests.unit.jury.builders import (
    candidate,
    completed,
    course_ready,
    finalized,
    registered,
    report,
    session_updated,
    start_refused,
)


def deliver(ports, *messages):
    table = handlers(ports)
    for m in messages:
        table[type(m)](m)


def setup(ports):
    deliver(ports, registered(), session_updated())


def published(ports):
    return ports.publisher.of_type(c.SessionPublished)


def test_a_clean_session_is_published_by_the_auto_jury(ports):
    setup(ports)
    deliver(ports, course_ready("k1"), course_ready("k2"), completed("k1"), completed("k2"))
    assert not published(ports)
    deliver(ports, finalized())
    [message] = published(ports)
    assert {r.course_id: r.status for r in message.results} == {
        "k1": "validated",
        "k2": "validated",
    }
    assert all(r.pix == 5 * 26 for r in message.results)
    assert message.results[0].first_name == "Zoé"
    assert message.results[0].attestation_key
    [status] = ports.publisher.of_type(c.SessionStatusChanged)
    assert status.status == "processed"
    session = ports.sessions.find("s1")
    assert (session.state, session.notified) == (SessionState.PUBLISHED, True)
    history = ports.certifications.find("k1").history
    assert [h.emitter.value for h in history] == ["algorithm", "auto-jury"]


@pytest.mark.parametrize("order", list(permutations(range(4))))
def test_any_arrival_order_and_duplicates_publish_once(ports, order):
    setup(ports)
    messages = [completed("k1"), completed("k2"), finalized(), course_ready("k1")]
    arrived = [messages[i] for i in order]
    deliver(ports, *arrived, *arrived)  # every message twice, the second time as a new delivery
    [message] = published(ports)
    assert sorted(r.status for r in message.results) == ["validated", "validated"]


def test_a_session_waits_for_every_joined_candidate(ports):
    setup(ports)
    deliver(
        ports,
        completed("k1"),
        finalized(candidates=[candidate("k1"), candidate("k2"), candidate(None)]),
    )
    session = ports.sessions.find("s1")
    assert (session.state, session.missing_courses) == (SessionState.WAITING, ["k2"])
    deliver(ports, completed("k2"))
    assert ports.sessions.find("s1").state is SessionState.PUBLISHED


@pytest.mark.parametrize("order", list(permutations(range(3))))
def test_a_course_engine_refused_is_not_waited_for(ports, order):
    setup(ports)
    messages = [
        completed("k1"),
        start_refused("k2"),
        finalized(candidates=[candidate("k1"), candidate("k2", first_name="Inès")]),
    ]
    deliver(ports, *[messages[i] for i in order])
    [message] = published(ports)
    assert [r.course_id for r in message.results] == ["k1"]
    assert ports.certifications.find("k2") is None


def test_a_refused_course_that_starts_after_all_is_waited_for(ports):
    setup(ports)
    deliver(ports, start_refused("k2"), course_ready("k2"), completed("k1"))
    deliver(ports, finalized(candidates=[candidate("k1"), candidate("k2")]))
    session = ports.sessions.find("s1")
    assert (session.state, session.missing_courses) == (SessionState.WAITING, ["k2"])
    deliver(ports, start_refused("k2"))  # redelivered late: the course exists, nothing changes
    assert ports.sessions.find("s1").missing_courses == ["k2"]
    deliver(ports, completed("k2"))
    [message] = published(ports)
    assert sorted(r.course_id for r in message.results) == ["k1", "k2"]


def test_an_older_completion_never_overwrites_a_newer_one(ports):
    setup(ports)
    newer = completed("k1", results={1: "ko"})
    older = completed("k1", occurred_at=newer.occurred_at.replace(year=2020))
    deliver(ports, newer, older)
    assert ports.certifications.find("k1").answer(1).result == "ko"


UNFINISHED = {n: "unanswered" for n in range(11, 16)}  # the last 5 questions never answered


def test_abort_reason_technical_neutralises_the_missing_questions(ports):
    setup(ports)
    deliver(
        ports,
        completed("k1", results=UNFINISHED, state="ended_due_to_finalization"),
        finalized(candidates=[candidate("k1", abort_reason="technical")]),
    )
    cert = ports.certifications.find("k1")
    assert [a.question_number for a in cert.answers if a.neutralized] == list(range(11, 16))
    assert (cert.result.status, cert.result.rate) == (Status.VALIDATED, 100)
    # 4.1 lost its questions: it is not certified (0 correct); the 4 others keep level 3.
    assert cert.result.pix == 4 * 26
    assert ports.sessions.find("s1").state is SessionState.PUBLISHED


def test_abort_reason_candidate_counts_the_missing_questions_wrong(ports):
    setup(ports)
    deliver(
        ports,
        completed("k1", results=UNFINISHED, state="ended_by_supervisor"),
        finalized(candidates=[candidate("k1", abort_reason="candidate")]),
    )
    cert = ports.certifications.find("k1")
    assert not any(a.neutralized for a in cert.answers)
    assert cert.result.rate == 67  # 10 of 15


def test_an_unfinished_course_without_abort_reason_waits_for_a_person(ports):
    setup(ports)
    deliver(
        ports,
        completed("k1", results=UNFINISHED, state="ended_due_to_finalization"),
        finalized(candidates=[candidate("k1")]),
    )
    session = ports.sessions.find("s1")
    assert "MISSING_ABORT_REASON" in session.reasons
    assert session.state is SessionState.TO_PUBLISH
    assert not published(ports)


IMAGE = c.ChallengeFeatures(has_image=True)


def test_an_image_report_on_a_wrong_answer_with_an_image_is_neutralised(ports):
    setup(ports)
    deliver(
        ports,
        completed("k1", results={4: "ko"}, q4=IMAGE),
        finalized(candidates=[candidate("k1", issue_reports=[report("E1", 4)])]),
    )
    cert = ports.certifications.find("k1")
    assert cert.answer(4).neutralized
    assert cert.issue_reports[0].resolved and cert.issue_reports[0].resolved_by == "auto-jury"
    assert cert.result.rate == 100
    assert published(ports)


def test_a_report_on_a_right_answer_keeps_it_and_is_closed(ports):
    setup(ports)
    deliver(
        ports,
        completed("k1", q4=IMAGE),
        finalized(candidates=[candidate("k1", issue_reports=[report("E1", 4)])]),
    )
    cert = ports.certifications.find("k1")
    assert not cert.answer(4).neutralized
    assert cert.issue_reports[0].resolved
    assert published(ports)


def test_a_report_on_a_challenge_without_that_feature_waits_for_a_person(ports):
    setup(ports)
    deliver(
        ports,
        completed("k1", results={4: "ko"}),
        finalized(candidates=[candidate("k1", issue_reports=[report("E1", 4)])]),
    )
    cert = ports.certifications.find("k1")
    assert not cert.answer(4).neutralized and not cert.issue_reports[0].resolved
    session = ports.sessions.find("s1")
    assert (session.state, session.reasons) == (
        SessionState.NEEDS_ACTION,
        ["UNRESOLVED_ISSUE_REPORT"],
    )


@pytest.mark.parametrize(
    ("subcategory", "features", "neutralised"),
    [
        ("EMBED_NOT_WORKING", c.ChallengeFeatures(has_embed=True), True),
        ("FILE_NOT_OPENING", c.ChallengeFeatures(has_attachment=True), True),
        ("FILE_NOT_OPENING", c.ChallengeFeatures(has_image=True), False),
        ("EXTRA_TIME_EXCEEDED", c.ChallengeFeatures(timer=60), True),
        ("EXTRA_TIME_EXCEEDED", c.ChallengeFeatures(), False),
        ("WEBSITE_UNAVAILABLE", c.ChallengeFeatures(), True),
        ("WEBSITE_BLOCKED", c.ChallengeFeatures(), True),
        ("SOFTWARE_NOT_WORKING", c.ChallengeFeatures(), True),
        ("LINK_NOT_WORKING", c.ChallengeFeatures(), False),
        ("l'image ne s'affiche pas", IMAGE, True),
    ],
)
def test_each_question_report_strategy(ports, subcategory, features, neutralised):
    setup(ports)
    deliver(
        ports,
        completed("k1", results={4: "aband"}, q4=features),
        finalized(
            candidates=[candidate("k1", issue_reports=[report("E9", 4, subcategory=subcategory)])]
        ),
    )
    assert ports.certifications.find("k1").answer(4).neutralized is neutralised


@pytest.mark.parametrize(
    ("change", "reason", "state"),
    [
        ({"comment": "Coupure de courant à 10 h."}, "GLOBAL_COMMENT", SessionState.TO_PUBLISH),
        ({"end_screen_seen": False}, "END_SCREEN_NOT_SEEN", SessionState.TO_PUBLISH),
        ({"report": "C6"}, "UNRESOLVED_ISSUE_REPORT", SessionState.NEEDS_ACTION),
        ({"report": "C1"}, "UNRESOLVED_ISSUE_REPORT", SessionState.NEEDS_ACTION),
        ({"report": "A1"}, "UNRESOLVED_ISSUE_REPORT", SessionState.NEEDS_ACTION),
    ],
)
def test_what_keeps_a_session_from_being_published_automatically(ports, change, reason, state):
    setup(ports)
    reports = [report(change["report"])] if "report" in change else []
    seen = change.get("end_screen_seen", True)
    deliver(
        ports,
        completed("k1"),
        finalized(
            candidates=[candidate("k1", issue_reports=reports, end_screen_seen=seen)],
            comment=change.get("comment"),
        ),
    )
    session = ports.sessions.find("s1")
    assert session.reasons == [reason]
    assert session.state is state
    assert not published(ports)


def test_a_report_that_does_not_matter_keeps_the_session_publishable(ports):
    setup(ports)
    deliver(
        ports,
        completed("k1"),
        finalized(candidates=[candidate("k1", issue_reports=[report("C2"), report("C5")])]),
    )
    assert published(ports)


def test_a_result_in_error_needs_a_person(ports):
    setup(ports)
    broken = completed("k1")
    broken = broken.model_copy(
        update={"profile": broken.profile[:4]}
    )  # 4.1 answered, not in profile
    deliver(ports, broken, finalized(candidates=[candidate("k1")]))
    cert = ports.certifications.find("k1")
    assert cert.result.status is Status.ERROR
    assert cert.result.errors == ["COMPETENCE_NOT_IN_PROFILE"]
    assert ports.sessions.find("s1").state is SessionState.NEEDS_ACTION


@pytest.mark.parametrize(
    ("code", "neutralised"),
    [("E1", True), ("E2", False), ("E3", False), ("E5", True), ("E6", True), ("E8", True)],
)
def test_without_subcategory_the_code_tells_the_problem(ports, code, neutralised):
    # E1 image (the challenge has one), E2 link (a person decides), E3 embed (there is none).
    setup(ports)
    deliver(
        ports,
        completed("k1", results={4: "ko"}, q4=IMAGE),
        finalized(candidates=[candidate("k1", issue_reports=[report(code, 4)])]),
    )
    assert ports.certifications.find("k1").answer(4).neutralized is neutralised
