"""Orga's message handlers: what it does when other services tell it something."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chalicelib.orga.use_cases import import_job, profiles, results
from pixcore.consumer import Handlers
from pixcore.messages.catalog import ProfileUpdated, SessionPublished, StudentImportRequested

if TYPE_CHECKING:
    from chalicelib.orga.bootstrap import Orga


def handlers(deps: Orga) -> Handlers:
    return {
        ProfileUpdated: lambda m: profiles.record_profile(deps.profiles, m),
        StudentImportRequested: lambda m: import_job.run_import(deps, m),
        SessionPublished: lambda m: results.record_publication(deps.results, deps.students, m),
    }
