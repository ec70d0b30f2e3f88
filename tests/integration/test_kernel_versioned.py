"""Versioned aggregates on DynamoDB (moto): a write made from a stale read is a conflict."""

from __future__ import annotations

import pytest
from pynamodb.attributes import UnicodeAttribute

from pixcore.dynamo import TableItem, bind, put_versioned, update_versioned
from pixcore.errors import ConcurrentUpdate, Conflict


class NoteItem(TableItem):
    class Meta:
        table_name = "unbound"

    text = UnicodeAttribute()


@pytest.fixture
def notes(aws):  # noqa: ANN001, ANN201
    return bind(NoteItem, "pixcert-jury-main")


def test_versions_move_one_at_a_time_and_a_stale_write_loses(notes):
    assert put_versioned(NoteItem("N#1", "NOTE", text="first"), 0) == 1
    with pytest.raises(ConcurrentUpdate):
        put_versioned(NoteItem("N#1", "NOTE", text="again first"), 0)
    assert put_versioned(NoteItem("N#1", "NOTE", text="second"), 1) == 2
    with pytest.raises(Conflict) as error:
        put_versioned(NoteItem("N#1", "NOTE", text="stale"), 1, Conflict(code="STALE_NOTE"))
    assert error.value.code == "STALE_NOTE"
    stored = NoteItem.get("N#1", "NOTE")
    assert (stored.text, stored.version) == ("second", 2)


def test_an_update_is_conditional_on_the_version_and_on_the_callers_rule(notes):
    put_versioned(NoteItem("N#2", "NOTE", text="draft"), 0)
    item = NoteItem("N#2", "NOTE")
    assert update_versioned(item, 1, [NoteItem.text.set("final")]) == 2
    with pytest.raises(ConcurrentUpdate):
        update_versioned(item, 1, [NoteItem.text.set("stale")])
    with pytest.raises(Conflict) as error:
        update_versioned(
            item,
            2,
            [NoteItem.text.set("reopened")],
            Conflict(code="NOTE_CLOSED"),
            condition=NoteItem.text == "draft",
        )
    assert error.value.code == "NOTE_CLOSED"
    assert NoteItem.get("N#2", "NOTE").text == "final"


class CommentItem(TableItem):
    class Meta:
        table_name = "unbound"

    text = UnicodeAttribute()


def test_every_item_kind_and_the_claims_send_through_one_botocore_client(aws, monkeypatch):
    # GIVEN two item kinds of a table, bound as a service binds them, and the message claims
    import botocore.session

    from pixcore.dynamo import DynamoProcessedMessages, processed_message_model

    built = []
    create = botocore.session.Session.create_client
    monkeypatch.setattr(
        botocore.session.Session,
        "create_client",
        lambda self, *a, **k: built.append(a[:1]) or create(self, *a, **k),
    )
    bind(NoteItem, "pixcert-jury-main")
    bind(CommentItem, "pixcert-jury-main")
    claims = DynamoProcessedMessages(processed_message_model("pixcert-jury-processed"))
    # WHEN each kind writes and reads, and a message is claimed
    NoteItem("N#9", "NOTE", text="a").save()
    CommentItem("C#9", "COMMENT", text="b").save()
    assert NoteItem.get("N#9", "NOTE").text == "a" and CommentItem.get("C#9", "COMMENT").text == "b"
    assert [c.text for c in CommentItem.query("C#9")] == ["b"]
    assert claims.claim("message-9", 30) is True
    # THEN one DynamoDB client served them all (it was one per item kind)
    assert built.count(("dynamodb",)) <= 1
