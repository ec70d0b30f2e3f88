"""The jury's review: versioned, audited actions that score again; publication once."""

from __future__ import annotations

from datetime import date

import pytest

from chalicelib.jury.domain.jury_session import SessionState
from chalicelib.jury.domain.scoring import CANCELLATION_COMMENT, Status
from chalicelib.jury.handlers import handlers
from chalicelib.jury.use_cases import publication, queries, review
from chalicelib.jury.use_cases.review import Action, Edit
from pixcore.errors import Conflict, Forbidden, NotFound, RuleViolation
from pixcore.messages import catalog as c
from pixcore.principal import JURY, Principal
from tests.unit.jury.builders import (
    candidate,
    completed,
    finalized,
    registered,
    report,
    session_updated,
)

JUROR = Principal("juror-1", JURY)
OTHER_JUROR = Principal("juror-2", JURY)
STUDENT = Principal("user-k1")


def deliver(ports, *messages):
    table = handlers(ports)
    for m in messages:
        table[type(m)](m)


@pytest.fixture
def reviewed(ports):
    """A session held by a fraud report on k1 and a link report on question 4 of k2."""
    deliver(
        ports,
        registered(),
        session_updated(),
        completed("k1"),
        completed("k2", results={4: "ko", 5: "ko", 6: "ko"}),
        finalized(
            candidates=[
                candidate("k1", issue_reports=[report("C6", issue_report_id="fraud")]),
                candidate(
                    "k2",
                    first_name="Mathis",
                    last_name="Nguyen",
                    issue_reports=[report("E2", 4, issue_report_id="link")],
                ),
            ]
        ),
    )
    return ports


def at(ports, course_id):
    return Action(course_id, ports.certifications.find(course_id).version)


def test_the_session_is_listed_as_needing_action(reviewed):
    page = queries.list_sessions(reviewed, JUROR, SessionState.NEEDS_ACTION, False, 20, None)
    assert [s.session_id for s in page.sessions] == ["s1"]
    assert (
        queries.list_sessions(reviewed, JUROR, SessionState.TO_PUBLISH, False, 20, None).sessions
        == []
    )


def test_neutralising_scores_again_and_is_audited(reviewed):
    before = reviewed.certifications.find("k2")
    assert {m.competence: m.level for m in before.result.competences}["1.2"] == 0
    after = review.neutralize(reviewed, JUROR, at(reviewed, "k2"), 4)
    assert after.answer(4).neutralized
    assert {m.competence: m.level for m in after.result.competences}["1.2"] == 0  # 0 of 2 left
    entry = queries.certification_history(reviewed, JUROR, "k2").history[-1]
    assert (entry.emitter.value, entry.by, entry.action) == (
        "neutralization",
        "juror-1",
        "neutralize",
    )
    assert (entry.before, entry.after) == (
        {"question_number": 4, "neutralized": False},
        {"question_number": 4, "neutralized": True},
    )
    assert entry.result.rate == after.result.rate == 86  # 12 of 14
    back = review.deneutralize(reviewed, JUROR, at(reviewed, "k2"), 4)
    assert back.result == before.result


def test_an_action_on_a_stale_version_is_refused(reviewed):
    seen = at(reviewed, "k2")
    review.neutralize(reviewed, JUROR, seen, 5)
    with pytest.raises(Conflict) as refused:
        review.neutralize(reviewed, OTHER_JUROR, seen, 6)
    assert refused.value.code == "STALE_VERSION"
    assert not reviewed.certifications.find("k2").answer(6).neutralized


def test_only_the_jury_acts(reviewed):
    with pytest.raises(Forbidden):
        review.cancel(reviewed, STUDENT, at(reviewed, "k1"))
    with pytest.raises(Forbidden):
        queries.session_detail(reviewed, STUDENT, "s1")


def test_cancel_and_restore(reviewed):
    cancelled = review.cancel(reviewed, JUROR, at(reviewed, "k1"))
    assert (cancelled.result.status, cancelled.result.pix) == (Status.CANCELLED, 0)
    with pytest.raises(RuleViolation):
        review.cancel(reviewed, JUROR, at(reviewed, "k1"))
    restored = review.uncancel(reviewed, JUROR, at(reviewed, "k1"))
    assert restored.result.status is Status.VALIDATED
    assert [h.action for h in restored.history][-2:] == ["cancel", "uncancel"]


def test_neutralising_too_many_cancels_with_the_fixed_comment_then_restores(reviewed):
    for q in (1, 2, 3, 4, 5, 6):
        review.neutralize(reviewed, JUROR, at(reviewed, "k1"), q)
    cert = reviewed.certifications.find("k1")
    assert (cert.result.status, cert.result.comment) == (Status.CANCELLED, CANCELLATION_COMMENT)
    restored = review.deneutralize(reviewed, JUROR, at(reviewed, "k1"), 6)
    assert restored.result.status is Status.VALIDATED


def test_resolving_the_reports_makes_the_session_publishable(reviewed):
    with pytest.raises(RuleViolation) as refused:
        publication.publish_session(reviewed, JUROR, "s1")
    assert refused.value.code == "UNRESOLVED_ISSUE_REPORTS"
    review.resolve_report(reviewed, JUROR, at(reviewed, "k1"), "fraud", "Pas de fraude avérée.")
    assert reviewed.sessions.find("s1").state is SessionState.NEEDS_ACTION
    review.neutralize(reviewed, JUROR, at(reviewed, "k2"), 4)
    review.resolve_report(reviewed, JUROR, at(reviewed, "k2"), "link", "Lien cassé : neutralisée.")
    assert reviewed.sessions.find("s1").state is SessionState.TO_PUBLISH
    report_state = reviewed.certifications.find("k2").report("link")
    assert (report_state.resolved_by, report_state.resolution) == (
        "juror-1",
        "Lien cassé : neutralisée.",
    )


def resolve_all(ports):
    review.resolve_report(ports, JUROR, at(ports, "k1"), "fraud", "Rien à signaler.")
    review.resolve_report(ports, JUROR, at(ports, "k2"), "link", "Réponse fausse conservée.")


def test_identity_and_comments_reach_the_school(reviewed):
    resolve_all(reviewed)
    review.edit(
        reviewed,
        JUROR,
        at(reviewed, "k2"),
        Edit(
            {"last_name": "Nguyễn", "birthdate": date(2011, 3, 1)},
            {"for_organization": "Candidat à recontacter.", "for_jury": "Vu avec le centre."},
        ),
    )
    history = reviewed.certifications.find("k2").history
    identity = next(h for h in history if h.action == "correct_identity")
    assert identity.before == {"last_name": "Nguyen", "birthdate": "2011-02-28"}
    assert identity.after == {"last_name": "Nguyễn", "birthdate": "2011-03-01"}
    publication.publish_session(reviewed, JUROR, "s1")
    [message] = reviewed.publisher.of_type(c.SessionPublished)
    k2 = next(r for r in message.results if r.course_id == "k2")
    assert (k2.last_name, k2.birthdate, k2.comment_for_organization) == (
        "Nguyễn",
        date(2011, 3, 1),
        "Candidat à recontacter.",
    )


def test_publishing_twice_is_refused(reviewed):
    resolve_all(reviewed)
    publication.publish_session(reviewed, JUROR, "s1")
    with pytest.raises(Conflict) as refused:
        publication.publish_session(reviewed, JUROR, "s1")
    assert refused.value.code == "SESSION_ALREADY_PUBLISHED"
    assert len(reviewed.publisher.of_type(c.SessionPublished)) == 1
    with pytest.raises(RuleViolation):
        review.cancel(reviewed, JUROR, at(reviewed, "k1"))


def test_a_publication_whose_messages_were_lost_sends_them_again(reviewed, monkeypatch):
    resolve_all(reviewed)

    def lost(*messages):
        raise ConnectionError("queue unreachable")

    monkeypatch.setattr(reviewed.publisher, "publish", lost)
    with pytest.raises(ConnectionError):
        publication.publish_session(reviewed, JUROR, "s1")
    monkeypatch.undo()
    publication.publish_session(reviewed, JUROR, "s1")
    assert len(reviewed.publisher.of_type(c.SessionPublished)) == 1


def test_a_batch_publishes_each_session_on_its_own_terms(reviewed):
    resolve_all(reviewed)
    outcomes = publication.publish_sessions(reviewed, JUROR, ["s1", "unknown", "s1"])
    assert [(o.session_id, o.published, o.code) for o in outcomes] == [
        ("s1", True, None),
        ("unknown", False, "SESSION_NOT_FOUND"),
    ]


def test_assigning_tells_certif_once(reviewed):
    review.assign(reviewed, JUROR, "s1")
    review.assign(reviewed, OTHER_JUROR, "s1")
    [status] = reviewed.publisher.of_type(c.SessionStatusChanged)
    assert status.status == "in_process"
    mine = queries.list_sessions(reviewed, OTHER_JUROR, None, True, 20, None)
    assert [s.session_id for s in mine.sessions] == ["s1"]
    assert queries.list_sessions(reviewed, JUROR, None, True, 20, None).sessions == []


def test_candidates_see_their_results_once_published(reviewed):
    assert queries.my_certifications(reviewed, STUDENT) == []
    resolve_all(reviewed)
    publication.publish_session(reviewed, JUROR, "s1")
    [mine] = queries.my_certifications(reviewed, STUDENT)
    assert mine.certification.course_id == "k1"


def test_a_session_list_pages_with_signed_cursors(ports):
    deliver(ports, registered())
    for i in range(3):
        deliver(
            ports,
            session_updated(f"s{i}"),
            completed(f"k{i}", session_id=f"s{i}"),
            finalized(f"s{i}", candidates=[candidate(f"k{i}", issue_reports=[report("C6")])]),
        )
    first = queries.list_sessions(ports, JUROR, SessionState.NEEDS_ACTION, False, 2, None)
    second = queries.list_sessions(
        ports, JUROR, SessionState.NEEDS_ACTION, False, 2, first.next_cursor
    )
    assert [s.session_id for s in first.sessions + second.sessions] == ["s0", "s1", "s2"]
    assert second.next_cursor is None
    with pytest.raises(Exception) as foreign:
        queries.list_sessions(ports, JUROR, SessionState.TO_PUBLISH, False, 2, first.next_cursor)
    assert getattr(foreign.value, "code", None) == "INVALID_CURSOR"


def test_unknown_things_are_404(reviewed):
    with pytest.raises(NotFound):
        review.cancel(reviewed, JUROR, Action("nope", 1))
    with pytest.raises(NotFound):
        review.neutralize(reviewed, JUROR, at(reviewed, "k1"), 99)
