"""Access tokens: issued, verified, and refused when expired, tampered or unsigned."""

import base64
import json
import time

import jwt
import pytest

from pixcore.auth import TokenService, bearer
from pixcore.errors import Forbidden, Unauthenticated
from pixcore.passwords import hash_password, needs_rehash, verify_password
from pixcore.principal import JURY, Principal, require_jury, require_member

KEY = "k" * 48


def tokens() -> TokenService:
    return TokenService(lambda: KEY)


def test_a_token_carries_user_role_and_memberships():
    principal = Principal("u1", JURY, {"org1": "ADMIN", "org2": "MEMBER"})
    assert tokens().verify(tokens().issue(principal)) == principal


def test_an_expired_token_is_refused():
    token = tokens().issue(Principal("u1"), now=time.time() - 7200)
    with pytest.raises(Unauthenticated) as error:
        tokens().verify(token)
    assert error.value.code == "TOKEN_EXPIRED"


def test_a_tampered_token_is_refused():
    header, payload, signature = tokens().issue(Principal("u1")).split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["role"] = JURY
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    with pytest.raises(Unauthenticated):
        tokens().verify(f"{header}.{forged}.{signature}")


def test_an_unsigned_alg_none_token_is_refused():
    now = int(time.time())
    unsigned = jwt.encode(
        {"sub": "u1", "role": JURY, "iss": "pixcert", "iat": now, "exp": now + 60},
        None,
        algorithm="none",
    )
    with pytest.raises(Unauthenticated):
        tokens().verify(unsigned)


def test_a_token_signed_with_another_key_is_refused():
    other = TokenService(lambda: "x" * 48).issue(Principal("u1", JURY))
    with pytest.raises(Unauthenticated):
        tokens().verify(other)


def test_bearer_header_is_required():
    assert bearer({"authorization": "Bearer abc"}) == "abc"
    for headers in ({}, {"authorization": "Basic abc"}, {"authorization": "Bearer "}):
        with pytest.raises(Unauthenticated):
            bearer(headers)


def test_guards():
    student, jury = Principal("s"), Principal("j", JURY)
    admin, member = (
        Principal("a", memberships={"o": "ADMIN"}),
        Principal("m", memberships={"o": "MEMBER"}),
    )
    require_jury(jury)
    with pytest.raises(Forbidden):
        require_jury(student)
    require_member(member, "o")
    require_member(jury, "o", admin=True)
    require_member(admin, "o", admin=True)
    with pytest.raises(Forbidden):
        require_member(member, "o", admin=True)
    with pytest.raises(Forbidden):
        require_member(student, "o")


def test_passwords_are_hashed_with_a_salt_and_verified():
    stored = hash_password("Secret123")
    assert stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$") and "Secret123" not in stored
    assert stored != hash_password("Secret123")
    assert verify_password("Secret123", stored)
    assert not verify_password("secret123", stored)
    assert not verify_password("Secret123", "garbage")
    assert not needs_rehash(stored)


def test_an_older_scrypt_hash_still_verifies_and_asks_for_a_rehash():
    import base64
    import hashlib

    digest = hashlib.scrypt(b"Secret123", salt=b"saltsaltsaltsalt", n=2**14, r=8, p=1, dklen=32)
    stored = f"scrypt$16384$8$1${base64.b64encode(b'saltsaltsaltsalt').decode()}$" + (
        base64.b64encode(digest).decode()
    )
    assert verify_password("Secret123", stored) and not verify_password("Secret124", stored)
    assert needs_rehash(stored)


def test_academie_and_examiner_scopes_travel_in_the_token():
    for principal in (
        Principal("u2", "ACADEMIE", academie="Créteil"),
        Principal("exam-1", "EXAMINER", session_id="123"),
    ):
        assert tokens().verify(tokens().issue(principal)) == principal


@pytest.mark.parametrize(
    "claims",
    [
        {"memberships": "org1"},
        {"memberships": [{"organization_id": "org1"}]},
        {"memberships": [{"organization_id": 7, "role": "ADMIN"}]},
        {"memberships": [["org1", "ADMIN"]]},
        {"role": "ROOT"},
        {"academie": ["Paris"]},
    ],
)
def test_a_signed_token_with_malformed_claims_is_refused(claims):
    now = int(time.time())
    base = {"iss": "pixcert", "sub": "u1", "iat": now, "exp": now + 60, "role": "STUDENT"}
    token = jwt.encode({**base, **claims}, KEY, algorithm="HS256")
    with pytest.raises(Unauthenticated) as error:
        tokens().verify(token)
    assert error.value.code == "TOKEN_INVALID"


def test_a_token_verified_once_is_still_refused_once_it_expires():
    service, issued = tokens(), int(time.time())
    token = service.issue(Principal("u1"), now=issued, lifetime=2)
    assert service.verify(token) == Principal("u1")  # now remembered as verified
    time.sleep(max(0.0, issued + 2.05 - time.time()))
    with pytest.raises(Unauthenticated) as error:
        service.verify(token)
    assert error.value.code == "TOKEN_EXPIRED"


def test_a_token_verified_with_a_retired_key_is_refused_once_the_rotation_ends():
    # GIVEN a rotation in progress: the old key still verifies
    previous = ["o" * 48]
    old = TokenService(lambda: previous[0]).issue(Principal("u1"))
    service = TokenService(lambda: KEY, previous=lambda: tuple(previous))
    assert service.verify(old) == Principal("u1")
    # WHEN the rotation ends
    previous.clear()
    # THEN the token it signed is refused, though it was verified before
    with pytest.raises(Unauthenticated) as error:
        service.verify(old)
    assert error.value.code == "TOKEN_INVALID"
