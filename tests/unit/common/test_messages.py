"""The catalog: envelope, parsing, versions, claim checks, publishing to consumers."""

import json

import pytest

from pixcore.bus import CLAIM_CHECK_THRESHOLD, encode
from pixcore.consumer import resolve_body
from pixcore.errors import Invalid
from pixcore.memory import InMemoryDocumentStore, InMemoryPublisher
from pixcore.messages import CATALOG, CONSUMERS, parse_message
from pixcore.messages.catalog import LearnerReconciled, OrganizationRegistered, StudentsImported


def test_every_message_has_an_id_a_type_a_version_and_a_time():
    message = LearnerReconciled(organization_id="o", student_id="s", user_id="u")
    data = json.loads(message.to_json())
    assert data["type"] == "LearnerReconciled" and data["version"] == 1
    assert data["message_id"] and data["occurred_at"]
    assert (
        LearnerReconciled(organization_id="o", student_id="s", user_id="u").message_id
        != message.message_id
    )


def test_parse_gives_back_the_typed_message():
    message = LearnerReconciled(organization_id="o", student_id="s", user_id="u")
    assert parse_message(message.to_json(), CATALOG) == message


@pytest.mark.parametrize(
    "body, code",
    [
        ('{"type": "Nope"}', "UNKNOWN_MESSAGE"),
        ('{"type": "LearnerReconciled", "version": 1}', "MALFORMED_MESSAGE"),
        (
            '{"type": "LearnerReconciled", "version": 9, "organization_id": "o", "student_id": "s", "user_id": "u"}',
            "UNSUPPORTED_VERSION",
        ),
        ("not json", "MALFORMED_MESSAGE"),
        ("[1, 2]", "MALFORMED_MESSAGE"),
    ],
)
def test_bad_bodies_are_refused_with_a_stable_code(body, code):
    with pytest.raises(Invalid) as error:
        parse_message(body, CATALOG)
    assert error.value.code == code


def test_unknown_fields_are_ignored_for_forward_compatibility():
    body = json.loads(LearnerReconciled(organization_id="o", student_id="s", user_id="u").to_json())
    body["added_later"] = True
    assert parse_message(json.dumps(body), CATALOG).user_id == "u"


def test_every_catalog_message_has_consumers_and_every_route_names_a_message():
    assert set(CONSUMERS) == set(CATALOG)
    assert all(
        set(services) <= {"orga", "certif", "engine", "jury"} for services in CONSUMERS.values()
    )


def test_a_big_message_travels_by_claim_check():
    store = InMemoryDocumentStore("claims")
    message = StudentsImported(
        organization_id="o",
        import_id="i",
        students_bucket="b",
        students_key="k",
        active_count=1,
        disabled_student_ids=[f"s{i:07d}" for i in range(30_000)],
    )
    body = encode(message, store)
    assert len(body) < 1000 and '"claim_check"' in body
    assert parse_message(resolve_body(body, lambda bucket: store), CATALOG) == message


def test_a_small_message_travels_inline():
    message = LearnerReconciled(organization_id="o", student_id="s", user_id="u")
    body = encode(message, None)
    assert len(body) < CLAIM_CHECK_THRESHOLD and resolve_body(body, None) == body


def test_in_memory_publisher_refuses_a_message_nobody_consumes():
    publisher = InMemoryPublisher()
    publisher.publish(
        OrganizationRegistered(
            organization_id="o",
            uai="0750001U",
            name="n",
            organization_type="COLLEGE",
            sector="PUBLIC",
            academie="Paris",
            is_certification_center=True,
        )
    )
    assert [m.type for m in publisher.published] == ["OrganizationRegistered"]
