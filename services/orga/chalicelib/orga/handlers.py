"""Orga's message handlers: what it does when other services tell it something."""

from __future__ import annotations

from chalicelib.orga.ports import Ports
from chalicelib.orga.use_cases import (
    data_export,
    erasure,
    import_apply,
    import_job,
    participations,
    profiles,
    results,
)
from pixcore.consumer import Handlers
from pixcore.messages.catalog import (
    ERASED_BY,
    GATHERED_BY,
    ProfileShared,
    ProfileUpdated,
    SessionPublished,
    StudentImportRequested,
    StudentListRetired,
)


def handlers(ports: Ports) -> Handlers:
    return {
        ProfileUpdated: lambda m: profiles.record_profile(ports, m),
        ProfileShared: lambda m: participations.record_share(ports, m),
        StudentImportRequested: lambda m: import_job.run_import(ports, m),
        SessionPublished: lambda m: results.record_publication(ports, m),
        StudentListRetired: lambda m: import_apply.retire_list(ports, m),
        **{cls: lambda m: erasure.record_report(ports, m) for cls in ERASED_BY.values()},
        **{cls: lambda m: data_export.record_part(ports, m) for cls in GATHERED_BY.values()},
    }
