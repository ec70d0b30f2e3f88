"""Routes: the school's certification results as CSV."""

from __future__ import annotations

import re

from chalicelib.orga import bootstrap
from chalicelib.orga.schemas import ResultsQuery
from chalicelib.orga.use_cases import results
from pixcore.http import Api, Context, FileResult


def register(api: Api) -> None:
    @api.route(
        "/organizations/{org_id}/certification-results.csv",
        query=ResultsQuery,
        produces="text/csv",
        summary="Résultats de certification (CSV)",
    )
    def certification_results(ctx: Context, org_id: str) -> FileResult:
        command = results.ResultsExport(org_id, ctx.query.division, ctx.query.session_id)
        lines = results.results_export(bootstrap.ports(), ctx.user, command)
        safe = re.sub(r"[^A-Za-z0-9-]", "_", ctx.query.division or "")
        suffix = f"-{safe}" if safe else ""
        return FileResult(
            "".join(lines).encode("utf-8"),
            "text/csv; charset=utf-8",
            f"resultats-certification{suffix}.csv",
        )
