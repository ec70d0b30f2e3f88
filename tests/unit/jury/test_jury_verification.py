"""Verification by code and by document: one answer for everything not valid, look-alikes read
back, throttled per source."""

from __future__ import annotations

import pytest

from chalicelib.jury.domain.verification import candidate_codes
from chalicelib.jury.handlers import handlers
from chalicelib.jury.use_cases import attestations, publication, review, verification
from chalicelib.jury.use_cases.review import Action
from pixcore.errors import Invalid, NotFound, Throttled, TooLarge
from pixcore.principal import JURY, Principal
from tests.unit.jury.builders import (
    candidate,
    completed,
    finalized,
    make_ports,
    registered,
    report,
    session_updated,
)

JUROR = Principal("juror-1", JURY)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("P-2346789B", ["P-2346789B"]),
        ("p-2346789b", ["P-2346789B"]),
        (" p 2346 789b ", ["P-2346789B"]),
        ("2346789B", ["P-2346789B"]),
        ("PBCDFGHJK", ["P-BCDFGHJK"]),
        ("P-Z34678", None),
        ("P-Z3467898", ["P-23467898"]),
        ("P-U3467898", ["P-V3467898"]),
        ("P-O3467892", ["P-D3467892", "P-Q3467892"]),
        ("P-I3467892", ["P-73467892", "P-T3467892"]),
        ("P-00000000", None),  # 256 readings: too ambiguous to look up
        ("P-2346789!", None),
        ("", None),
    ],
)
def test_a_typed_code_is_read_back(typed, expected):
    assert candidate_codes(typed) == expected


def deliver(ports, *messages):
    table = handlers(ports)
    for m in messages:
        table[type(m)](m)


@pytest.fixture
def published():
    """Session s1 published (k1 validated, k2 rejected, k3 cancelled); s2 not published (k4)."""
    ports = make_ports(verify_limit=5)
    deliver(ports, registered(), session_updated(), session_updated("s2"))
    deliver(
        ports,
        completed("k1", verification_code="P-BBBBBBBB"),
        completed("k2", verification_code="P-CCCCCCCC", results={n: "ko" for n in range(1, 9)}),
        completed("k3", verification_code="P-DDDDDDDD"),
        completed("k4", "s2", verification_code="P-FFFFFFFF"),
        finalized(
            candidates=[
                candidate("k1"),
                candidate("k2"),
                candidate("k3", issue_reports=[report("C6")]),
            ]
        ),
        finalized("s2", candidates=[candidate("k4", issue_reports=[report("C6")])]),
    )
    k3 = ports.certifications.find("k3")
    review.cancel(ports, JUROR, Action("k3", k3.version))
    k3 = ports.certifications.find("k3")
    review.resolve_report(
        ports, JUROR, Action("k3", k3.version), k3.issue_reports[0].issue_report_id, "Fraude."
    )
    publication.publish_session(ports, JUROR, "s1")
    return ports


def test_a_published_valid_certificate_is_shown(published):
    found = verification.verify_code(published, "1.2.3.4", "p-bbbb bbbb")
    assert (found.full_name, found.birthdate, found.center_name) == (
        "Zoé Lefèvre",
        "28/02/2011",
        "Collège Victor-Hugo",
    )
    assert (found.taken_on, found.delivered_on, found.pix) == ("10/03/2021", "20/03/2021", 130)
    assert [c["competence"] for c in found.competences] == ["1.1", "1.2", "2.1", "3.1", "4.1"]


@pytest.mark.parametrize("code", ["P-CCCCCCCC", "P-DDDDDDDD", "P-FFFFFFFF", "P-GGGGGGGG"])
def test_rejected_cancelled_unpublished_and_unknown_codes_get_one_answer(published, code):
    lookups = published.codes.lookups
    with pytest.raises(NotFound) as refused:
        verification.verify_code(published, "1.2.3.4", code)
    assert refused.value.to_body() == {
        "error": {"code": "CERTIFICATE_NOT_FOUND", "message": verification.NOT_FOUND, "details": {}}
    }
    assert published.codes.lookups == lookups + 1


def test_a_code_of_the_wrong_shape_is_400(published):
    with pytest.raises(Invalid) as refused:
        verification.verify_code(published, "1.2.3.4", "P-123")
    assert refused.value.code == "INVALID_VERIFICATION_CODE"


def test_verification_is_throttled_per_source(published):
    for _ in range(5):
        with pytest.raises(NotFound):
            verification.verify_code(published, "6.6.6.6", "P-GGGGGGGG")
    with pytest.raises(Throttled) as throttled:
        verification.verify_code(published, "6.6.6.6", "P-BBBBBBBB")
    assert 0 < throttled.value.details["retry_after_seconds"] <= 60
    assert verification.verify_code(published, "7.7.7.7", "P-BBBBBBBB").course_id == "k1"


def test_a_signed_attestation_is_recognised_and_a_changed_one_is_not(published):
    pdf = attestations.attestation_pdf(published, Principal("user-k1"), "k1")
    verdict = verification.verify_document(published, "1.2.3.4", pdf)
    assert verdict.authentic
    assert [c.verification_code for c in verdict.certificates] == ["P-BBBBBBBB"]
    forged = pdf.replace(b"130", b"430")
    verdict = verification.verify_document(published, "1.2.3.4", forged)
    assert not verdict.authentic and not verdict.check.intact and verdict.certificates == []


def test_a_document_is_checked_by_content_and_size(published):
    with pytest.raises(Invalid) as refused:
        verification.verify_document(published, "1.2.3.4", b"GIF89a...")
    assert refused.value.code == "NOT_A_PDF"
    with pytest.raises(TooLarge):
        verification.verify_document(published, "1.2.3.4", b"%PDF-" + b"0" * (2 * 1024 * 1024))
