"""Routes: the school's certification results as CSV."""

from __future__ import annotations

import re

from pydantic import BaseModel, Field

from chalicelib.orga import bootstrap
from chalicelib.orga.use_cases import results
from pixcore.http import Api, Context, FileResult


class ResultsQuery(BaseModel):
    division: str | None = Field(default=None, max_length=100)
    session_id: str | None = Field(default=None, max_length=100)


def register(api: Api) -> None:
    @api.route(
        "/organizations/{org_id}/certification-results.csv",
        query=ResultsQuery,
        produces="text/csv",
        summary="Résultats de certification (CSV)",
    )
    def certification_results(ctx: Context, org_id: str) -> FileResult:
        lines = results.results_export(
            bootstrap.orga().results, ctx.user, org_id, ctx.query.division, ctx.query.session_id
        )
        safe = re.sub(r"[^A-Za-z0-9-]", "_", ctx.query.division or "")
        suffix = f"-{safe}" if safe else ""
        return FileResult(
            "".join(lines).encode("utf-8"),
            "text/csv; charset=utf-8",
            f"resultats-certification{suffix}.csv",
        )
