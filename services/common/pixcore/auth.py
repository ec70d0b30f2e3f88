"""Signed access tokens (JWT, HS256) carrying the user, the platform role and memberships."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

import jwt

from pixcore.aws import client
from pixcore.errors import Forbidden, Unauthenticated

ISSUER = "pixcert"
ALGORITHM = "HS256"
TOKEN_LIFETIME_SECONDS = 3600

STUDENT = "STUDENT"
JURY = "JURY"
SUPERADMIN = "SUPERADMIN"
ADMIN = "ADMIN"
MEMBER = "MEMBER"


@dataclass(frozen=True)
class Principal:
    user_id: str
    role: str = STUDENT
    memberships: dict[str, str] = field(default_factory=dict)

    @property
    def is_jury(self) -> bool:
        return self.role in (JURY, SUPERADMIN)

    def is_member_of(self, organization_id: str) -> bool:
        return organization_id in self.memberships

    def is_admin_of(self, organization_id: str) -> bool:
        return self.memberships.get(organization_id) == ADMIN


class TokenService:
    def __init__(self, key: Callable[[], str], lifetime: int = TOKEN_LIFETIME_SECONDS) -> None:
        self._key = key
        self.lifetime = lifetime

    def issue(self, principal: Principal, now: float | None = None) -> str:
        issued = int(now if now is not None else time.time())
        claims = {
            "iss": ISSUER,
            "sub": principal.user_id,
            "role": principal.role,
            "memberships": [
                {"organization_id": o, "role": r} for o, r in principal.memberships.items()
            ],
            "iat": issued,
            "exp": issued + self.lifetime,
        }
        return jwt.encode(claims, self._key(), algorithm=ALGORITHM)

    def verify(self, token: str) -> Principal:
        try:
            claims = jwt.decode(
                token,
                self._key(),
                algorithms=[ALGORITHM],
                issuer=ISSUER,
                options={"require": ["exp", "iat", "sub", "iss"]},
            )
        except jwt.ExpiredSignatureError as exc:
            raise Unauthenticated(
                "Votre session a expiré, reconnectez-vous.", code="TOKEN_EXPIRED"
            ) from exc
        except jwt.PyJWTError as exc:
            raise Unauthenticated("Jeton d'accès invalide.", code="TOKEN_INVALID") from exc
        memberships = {m["organization_id"]: m["role"] for m in claims.get("memberships", [])}
        return Principal(
            user_id=claims["sub"], role=claims.get("role", STUDENT), memberships=memberships
        )


def bearer(headers: dict[str, str]) -> str:
    value = headers.get("authorization") or headers.get("Authorization") or ""
    scheme, _, token = value.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated()
    return token.strip()


@cache
def ssm_signing_key(parameter_name: str) -> str:
    response = client("ssm").get_parameter(Name=parameter_name, WithDecryption=True)
    return response["Parameter"]["Value"]


def token_service_from_env() -> TokenService:
    name = os.environ.get("PIXCERT_TOKEN_KEY_PARAMETER", "/pixcert/token-signing-key")
    return TokenService(lambda: ssm_signing_key(name))


def require_jury(principal: Principal) -> None:
    if not principal.is_jury:
        raise Forbidden("Cette action est réservée au jury Pix.", code="JURY_ONLY")


def require_member(principal: Principal, organization_id: str, admin: bool = False) -> None:
    """Members see their organization; admins manage it; the jury may do both."""
    if principal.is_jury:
        return
    if admin and not principal.is_admin_of(organization_id):
        raise Forbidden(
            "Cette action est réservée aux administrateurs de l'établissement.",
            code="ORGANIZATION_ADMIN_ONLY",
        )
    if not principal.is_member_of(organization_id):
        raise Forbidden("Vous n'êtes pas membre de cet établissement.", code="NOT_A_MEMBER")
