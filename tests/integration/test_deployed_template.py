"""Secrets Manager on moto: the signing key is read once per container, with its previous value
after a rotation."""

from __future__ import annotations

import boto3

from infra import resources
from pixcore import runtime, secrets
from pixcore.principal import Principal


def test_the_token_signing_key_is_read_once_and_survives_a_rotation(aws):
    # GIVEN a token issued with the key the stack was deployed with
    before = runtime.tokens().issue(Principal("u1"))
    manager = boto3.client("secretsmanager")
    reads = []
    original = secrets.client

    def counting(name: str):  # noqa: ANN202
        reads.append(name)
        return original(name)

    # WHEN the key is rotated (a new AWSCURRENT; the old one becomes AWSPREVIOUS)
    manager.put_secret_value(SecretId=resources.TOKEN_KEY_SECRET, SecretString="r" * 64)
    secrets.client = counting
    try:
        runtime.reset()
        rotated = runtime.tokens()
        first = rotated.issue(Principal("u2"))
        rotated.verify(first), rotated.verify(first)
    finally:
        secrets.client = original

    # THEN a new container reads it once, signs with the new key and still accepts the old one
    assert rotated.verify(before).user_id == "u1"
    assert reads == ["secretsmanager"]
    value = secrets.read_secret(resources.TOKEN_KEY_SECRET)
    assert value.current == "r" * 64 and value.previous not in (None, value.current)
