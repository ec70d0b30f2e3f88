"""Signed access tokens (JWT, HS256) carrying the user, the platform role and memberships."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import jwt

from pixcore.errors import Unauthenticated
from pixcore.principal import MEMBERSHIP_ROLES, ROLES, STUDENT, Principal
from pixcore.secrets import SecretValue, read_secret, secret_from_env

ISSUER = "pixcert"
ALGORITHM = "HS256"
TOKEN_LIFETIME_SECONDS = 3600
VERIFIED_KEPT = 4096  # tokens a container remembers as verified (a candidate sends one per answer)


class TokenService:
    """Signs with `key`; verifies with it and with the `previous` keys (a rotation in progress)."""

    def __init__(
        self,
        key: Callable[[], str],
        lifetime: int = TOKEN_LIFETIME_SECONDS,
        previous: Callable[[], tuple[str, ...]] = tuple,
    ) -> None:
        self._key = key
        self._previous = previous
        self.lifetime = lifetime
        # token → (principal, expiry, the keys it was checked with): a token verified once is
        # not decoded and its signature not checked again until it expires or the keys change.
        self._verified: dict[str, tuple[Principal, float, tuple[str, ...]]] = {}

    def issue(
        self, principal: Principal, now: float | None = None, lifetime: int | None = None
    ) -> str:
        issued = int(now if now is not None else time.time())
        claims = {
            "iss": ISSUER,
            "sub": principal.user_id,
            "role": principal.role,
            "memberships": [
                {"organization_id": o, "role": r} for o, r in principal.memberships.items()
            ],
            "iat": issued,
            "exp": issued + (lifetime or self.lifetime),
        }
        if principal.academie:
            claims["academie"] = principal.academie
        if principal.session_id:
            claims["session_id"] = principal.session_id
        return jwt.encode(claims, self._key(), algorithm=ALGORITHM)

    def verify(self, token: str) -> Principal:
        keys = (self._key(), *self._previous())
        known = self._verified.get(token)
        if known is not None and known[2] == keys and time.time() < known[1]:
            return known[0]
        principal, expires = self._decode(token, keys)
        if len(self._verified) >= VERIFIED_KEPT:
            self._verified.clear()
        self._verified[token] = (principal, expires, keys)
        return principal

    def _decode(self, token: str, keys: tuple[str, ...]) -> tuple[Principal, float]:
        for n, key in enumerate(keys, start=1):
            try:
                claims = jwt.decode(
                    token,
                    key,
                    algorithms=[ALGORITHM],
                    issuer=ISSUER,
                    options={"require": ["exp", "iat", "sub", "iss"]},
                )
            except jwt.ExpiredSignatureError as exc:
                raise Unauthenticated(
                    "Votre session a expiré, reconnectez-vous.", code="TOKEN_EXPIRED"
                ) from exc
            except jwt.InvalidSignatureError as exc:
                if n < len(keys):
                    continue
                raise Unauthenticated("Jeton d'accès invalide.", code="TOKEN_INVALID") from exc
            except jwt.PyJWTError as exc:
                raise Unauthenticated("Jeton d'accès invalide.", code="TOKEN_INVALID") from exc
            return principal_from_claims(claims), float(claims["exp"])
        raise Unauthenticated("Jeton d'accès invalide.", code="TOKEN_INVALID")


def bearer(headers: dict[str, str]) -> str:
    value = headers.get("authorization") or headers.get("Authorization") or ""
    scheme, _, token = value.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated()
    return token.strip()


TOKEN_KEY_VARIABLE = "PIXCERT_TOKEN_SIGNING_KEY_SECRET"
TOKEN_KEY_SECRET = "pixcert/token-signing-key"


def signing_key() -> SecretValue:
    """The token signing key, from Secrets Manager once per container."""
    return secret_from_env(TOKEN_KEY_VARIABLE, TOKEN_KEY_SECRET)


def ssm_signing_key(name: str) -> str:
    """The current value of the signing key secret `name` (it was an SSM parameter; the name is
    kept for the callers that still use it, e.g. jury's attestation key)."""
    return read_secret(name).current


def token_service_from_env() -> TokenService:
    return TokenService(lambda: signing_key().current, previous=lambda: signing_key().all()[1:])


def principal_from_claims(claims: dict[str, Any]) -> Principal:
    """A signed token with claims of the wrong shape is refused like a forged one."""
    invalid = Unauthenticated("Jeton d'accès invalide.", code="TOKEN_INVALID")
    memberships = claims.get("memberships", [])
    role = claims.get("role", STUDENT)
    optional = [claims.get("academie"), claims.get("session_id")]
    if (
        not isinstance(claims.get("sub"), str)
        or role not in ROLES
        or not isinstance(memberships, list)
        or any(v is not None and not isinstance(v, str) for v in optional)
    ):
        raise invalid
    members: dict[str, str] = {}
    for m in memberships:
        if (
            not isinstance(m, dict)
            or not isinstance(m.get("organization_id"), str)
            or m.get("role") not in MEMBERSHIP_ROLES
        ):
            raise invalid
        members[m["organization_id"]] = m["role"]
    return Principal(claims["sub"], role, members, optional[0], optional[1])
