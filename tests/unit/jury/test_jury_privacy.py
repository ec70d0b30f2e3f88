"""A learner's erasure and export in jury: published results and their verification record are
kept (named, with the date), rendered attestations are dropped, the export lists the results."""

from __future__ import annotations

from datetime import timedelta

import pytest

from chalicelib.jury.handlers import handlers
from chalicelib.jury.use_cases import attestations
from pixcore import retention as keep
from pixcore.messages import catalog as c
from pixcore.principal import Principal
from tests.unit.jury.builders import (
    T0,
    candidate,
    completed,
    finalized,
    registered,
    session_updated,
)


def deliver(ports, *messages):
    table = handlers(ports)
    for m in messages:
        table[type(m)](m)


@pytest.fixture
def published(ports):
    deliver(
        ports,
        registered(),
        session_updated(),
        completed("k1"),
        completed("k2", results={n: "ko" for n in range(1, 9)}),
        finalized(candidates=[candidate("k1"), candidate("k2")]),
    )
    assert ports.sessions.find("s1").is_published
    return ports


def erasure(user_id: str, erasure_id: str = "e1") -> c.LearnerErasureRequested:
    return c.LearnerErasureRequested(
        erasure_id=erasure_id, scope="account", user_id=user_id, requested_at=T0
    )


def report(ports) -> list[c.ErasureLine]:
    return ports.publisher.of_type(c.LearnerErasedByJury)[-1].lines


def test_an_account_erasure_keeps_the_published_result_and_drops_the_rendered_pdf(published):
    attestations.attestation_pdf(published, Principal("user-k1"), "k1")
    assert any(k.startswith("attestations/k1/") for k in published.documents.objects)
    code = published.certifications.find("k1").verification_code

    deliver(published, erasure("user-k1"))

    assert not any(k.startswith("attestations/k1/") for k in published.documents.objects)
    lines = {line.action: line for line in report(published)}
    assert lines["deleted"].count == 1
    kept = lines["kept"]
    session = published.sessions.find("s1")
    assert kept.count == 1 and "3 ans" in (kept.reason or "")
    assert kept.until == session.published_at.date() + timedelta(
        days=keep.CERTIFICATE_VALIDITY_DAYS
    )
    # still verifiable, and the holder can have the attestation again
    assert published.codes.lookup([code]) is not None
    assert attestations.attestation_pdf(published, Principal("user-k1"), "k1")


def test_an_erasure_again_deletes_nothing_more_and_says_the_same(published):
    attestations.attestation_pdf(published, Principal("user-k1"), "k1")
    deliver(published, erasure("user-k1"))
    deliver(published, erasure("user-k1", "e2"))
    assert [line.action for line in report(published)] == ["kept"]


def test_a_session_not_yet_published_is_kept_as_an_exam_in_progress(ports):
    deliver(ports, registered(), session_updated(), completed("k1"))
    deliver(ports, erasure("user-k1"))
    [line] = report(ports)
    assert (line.action, line.count, line.until) == ("kept", 1, None)


def test_a_learner_without_certification_gets_an_empty_report(published):
    deliver(published, erasure("someone-else"))
    assert report(published) == []


def test_the_export_lists_the_results_and_the_attestation_reference(published):
    def gathered(user_id: str) -> dict:
        deliver(
            published,
            c.LearnerDataRequested(export_id=f"x-{user_id}", user_id=user_id, requested_at=T0),
        )
        return published.publisher.of_type(c.LearnerDataGatheredByJury)[-1].data

    [k1] = gathered("user-k1")["certifications"]
    assert (k1["course_id"], k1["published"], k1["status"]) == ("k1", True, "validated")
    assert k1["attestation"]["key"].startswith("attestations/k1/v")
    assert k1["identity"]["last_name"] and k1["pix"] > 0
    [k2] = gathered("user-k2")["certifications"]
    assert (k2["status"], k2["attestation"]) == ("rejected", None)
    assert gathered("nobody") == {}
