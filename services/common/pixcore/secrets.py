"""Secrets from AWS Secrets Manager (moto locally), read once per container.

A secret's current and previous versions are both kept: after a rotation, containers started
before it still sign with the old value for a while, so what they signed must keep verifying
(infra/SECRETS.md)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from pixcore.aws import client
from pixcore.settings import setting


@dataclass(frozen=True)
class SecretValue:
    current: str
    previous: str | None = None

    def all(self) -> tuple[str, ...]:
        return (self.current,) if self.previous is None else (self.current, self.previous)


@cache
def read_secret(name: str) -> SecretValue:
    manager = client("secretsmanager")
    current = manager.get_secret_value(SecretId=name)["SecretString"]
    try:
        previous = manager.get_secret_value(SecretId=name, VersionStage="AWSPREVIOUS")
    except manager.exceptions.ResourceNotFoundException:
        return SecretValue(current)
    return SecretValue(current, previous["SecretString"])


def secret_from_env(variable: str, default_name: str | None = None) -> SecretValue:
    """The secret whose name is in `variable` (set from infra/resources.py)."""
    return read_secret(setting(variable, default_name))


def reset() -> None:
    read_secret.cache_clear()
