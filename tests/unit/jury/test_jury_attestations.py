"""Who gets an attestation, and that each is rendered once per result version."""

from __future__ import annotations

import json

import pytest

from chalicelib.jury.adapters.memory import FAKE_MARK
from chalicelib.jury.domain.attestation import attestation_of
from chalicelib.jury.domain.certification import birthplace
from chalicelib.jury.handlers import handlers
from chalicelib.jury.use_cases import attestations, publication
from pixcore.errors import Forbidden, NotFound
from pixcore.messages import catalog as c
from pixcore.principal import ADMIN, JURY, Principal
from tests.unit.jury.builders import candidate, completed, finalized, registered, session_updated

JUROR = Principal("juror-1", JURY)
HOLDER = Principal("user-k1")
ADMIN_USER = Principal("admin-1", memberships={"center-1": ADMIN})


def deliver(ports, *messages):
    table = handlers(ports)
    for m in messages:
        table[type(m)](m)


@pytest.fixture
def session(ports):
    deliver(
        ports,
        registered(members=[c.Member(user_id="admin-1", role="ADMIN")]),
        session_updated(),
        completed("k1"),
        completed("k2", results={n: "ko" for n in range(1, 9)}),
        completed("k3"),
        finalized(
            candidates=[
                candidate("k1", division="3E1"),
                candidate("k2", division="3E1"),
                candidate("k3", division="3E2", first_name="Çağla", last_name="Yılmaz"),
            ]
        ),
    )
    return ports


def body(pdf: bytes) -> list[dict]:
    return json.loads(pdf[len(FAKE_MARK) :].rpartition(b"\n%%sig:")[0])


def test_the_holder_the_centre_admin_and_the_jury_get_it(session):
    for who in (HOLDER, ADMIN_USER, JUROR):
        [page] = body(attestations.attestation_pdf(session, who, "k1"))
        assert page["full_name"] == "Zoé Lefèvre"
    assert session.renderer.rendered == 1  # stored once, served three times


def test_nobody_else_does(session):
    with pytest.raises(Forbidden):
        attestations.attestation_pdf(session, Principal("user-k3"), "k1")
    # An admin in the token whom orga's list does not know (removed since) gets nothing.
    stale = Principal("admin-9", memberships={"center-1": ADMIN})
    with pytest.raises(Forbidden):
        attestations.attestation_pdf(session, stale, "k1")


def test_a_rejected_certification_has_no_attestation(session):
    with pytest.raises(NotFound) as refused:
        attestations.attestation_pdf(session, Principal("user-k2"), "k2")
    assert refused.value.code == "ATTESTATION_NOT_AVAILABLE"


def test_the_attestation_says_what_domain_md_lists(session):
    cert, sess = session.certifications.find("k3"), session.sessions.find("s1")
    a = attestation_of(cert, sess, "https://pix.example/verify?code={code}")
    assert (a.full_name, a.birthplace, a.center_name) == (
        "Çağla Yılmaz",
        "Lyon (69)",
        "Collège Victor-Hugo",
    )
    assert (str(a.taken_on), str(a.delivered_on), a.pix, a.max_level) == (
        "2021-03-10",
        "2021-03-20",
        130,
        6,
    )
    assert [b.code for b in a.areas] == ["1", "2", "3", "4", "5"]
    levels = {line.code: line.level for b in a.areas for line in b.competences}
    assert levels["1.1"] == 3 and levels["5.2"] is None and len(levels) == 16
    assert a.verification_url == f"https://pix.example/verify?code={cert.verification_code}"


def test_a_session_prints_in_one_file_or_by_class(session):
    everyone = body(attestations.session_attestations_pdf(session, ADMIN_USER, "s1", None))
    assert [p["full_name"] for p in everyone] == ["Zoé Lefèvre", "Çağla Yılmaz"]
    one_class = body(attestations.session_attestations_pdf(session, JUROR, "s1", "3E2"))
    assert [p["full_name"] for p in one_class] == ["Çağla Yılmaz"]
    with pytest.raises(NotFound):
        attestations.session_attestations_pdf(session, JUROR, "s1", "4E9")
    with pytest.raises(Forbidden):
        attestations.session_attestations_pdf(session, HOLDER, "s1", None)


def test_nothing_before_publication(ports):
    deliver(ports, registered(), session_updated(), completed("k1"))
    with pytest.raises(NotFound):
        attestations.attestation_pdf(ports, HOLDER, "k1")
    assert publication.attestation_key(ports.certifications.find("k1")) == "attestations/k1/v1.pdf"


@pytest.mark.parametrize(
    ("city", "department", "country", "shown"),
    [
        ("Lyon", "69", "France", "Lyon (69)"),
        ("75056", "075", "France", "commune INSEE 75056 (75)"),
        ("2a004", "02A", "France", "commune INSEE 2A004 (2A)"),
        ("97411", "974", "France", "commune INSEE 97411 (974)"),
        ("Casablanca", None, "Maroc", "Casablanca (Maroc)"),
        (None, None, "Maroc", "Maroc"),
        (None, None, None, None),
    ],
)
def test_a_birthplace_as_documents_show_it(city, department, country, shown):
    assert birthplace(city, department, country) == shown
