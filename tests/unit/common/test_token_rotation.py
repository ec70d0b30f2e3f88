"""A rotation of the token signing key logs nobody out: tokens signed with the previous key still
verify until they expire; new tokens use the current key."""

import pytest

from pixcore.auth import TokenService
from pixcore.errors import Unauthenticated
from pixcore.principal import Principal

OLD, NEW = "o" * 48, "n" * 48


def test_a_token_signed_before_the_rotation_still_verifies_after_it():
    before = TokenService(lambda: OLD)
    after = TokenService(lambda: NEW, previous=lambda: (OLD,))
    token = before.issue(Principal("u1"))
    assert after.verify(token).user_id == "u1"


def test_new_tokens_are_signed_with_the_current_key_only():
    after = TokenService(lambda: NEW, previous=lambda: (OLD,))
    fresh = after.issue(Principal("u2"))
    assert TokenService(lambda: NEW).verify(fresh).user_id == "u2"
    with pytest.raises(Unauthenticated):
        TokenService(lambda: OLD).verify(fresh)


def test_a_token_signed_with_neither_key_is_refused():
    stranger = TokenService(lambda: "s" * 48).issue(Principal("u3"))
    with pytest.raises(Unauthenticated) as refused:
        TokenService(lambda: NEW, previous=lambda: (OLD,)).verify(stranger)
    assert refused.value.code == "TOKEN_INVALID"
