"""Routes: the referential and the learner's own profile."""

from __future__ import annotations

from typing import Any

from chalicelib.engine import bootstrap, schemas
from chalicelib.engine.domain.profile import Profile
from chalicelib.engine.use_cases import profiles
from pixcore.http import Api, Context


def register(api: Api) -> None:
    @api.route(
        "/referential",
        response=schemas.ReferentialOut,
        summary="Domaines, compétences, sujets et nombre d'acquis par niveau",
    )
    def get_referential(ctx: Context) -> dict[str, Any]:
        return bootstrap.referential_document()

    @api.route("/users/me/profile", response=schemas.ProfileOut, summary="Mon profil Pix")
    def my_profile(ctx: Context) -> Profile:
        return profiles.my_profile(bootstrap.ports(), ctx.user)
