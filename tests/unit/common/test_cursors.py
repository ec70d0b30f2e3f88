"""Pagination cursors are opaque, signed and bound to their list: a forged one is a 400."""

import base64
import json

import pytest

from pixcore.cursors import decode_cursor, encode_cursor
from pixcore.errors import Invalid

SECRET = b"s" * 32
POSITION = {"pk": {"S": "ORG#o1"}, "sk": {"S": "STUDENT#3E1#lefevre"}}


def test_a_cursor_gives_back_its_position_for_the_same_list():
    cursor = encode_cursor(POSITION, SECRET, "o1/3E1")
    assert decode_cursor(cursor, SECRET, "o1/3E1") == POSITION
    assert encode_cursor(None, SECRET, "o1/3E1") is None
    assert decode_cursor(None, SECRET, "o1/3E1") is None


@pytest.mark.parametrize(
    "forge",
    [
        lambda c: c[:-2] + ("AA" if not c.endswith("AA") else "BB"),
        lambda c: base64.urlsafe_b64encode(json.dumps({"pk": {"S": "ORG#o2"}}).encode()).decode(),
        lambda c: "!!!",
        lambda c: "a.b.c",
        lambda c: encode_cursor(POSITION, b"x" * 32, "o1/3E1"),
        lambda c: encode_cursor(POSITION, SECRET, "o2/3E1"),
    ],
)
def test_a_forged_altered_or_foreign_cursor_is_refused(forge):
    cursor = encode_cursor(POSITION, SECRET, "o1/3E1")
    with pytest.raises(Invalid) as error:
        decode_cursor(forge(cursor), SECRET, "o1/3E1")
    assert error.value.code == "INVALID_CURSOR"
