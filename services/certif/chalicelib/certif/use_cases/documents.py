"""The session's printed documents: rendered once per content, kept in S3 for 2 years."""

from __future__ import annotations

from collections.abc import Callable

from chalicelib.certif.domain.documents import attendance_sheet, incident_report
from chalicelib.certif.domain.sessions import DOCUMENTS_PREFIX
from chalicelib.certif.ports import Ports
from chalicelib.certif.use_cases.sessions import session_for_member
from pixcore.errors import NotFound
from pixcore.principal import Principal


def attendance_sheet_pdf(ports: Ports, caller: Principal, session_id: str) -> bytes:
    session = session_for_member(ports, caller, session_id)
    center = ports.centers.get(session.center_id)
    sheet = attendance_sheet(session, center.name, ports.candidates.of_session(session_id))
    key = f"{DOCUMENTS_PREFIX}{session_id}/attendance-sheet-{sheet.fingerprint}.pdf"
    return _stored_or_rendered(ports, key, lambda: ports.renderer.attendance_sheet(sheet))


def incident_report_pdf(ports: Ports, caller: Principal, session_id: str) -> bytes:
    session = session_for_member(ports, caller, session_id)
    center = ports.centers.get(session.center_id)
    report = incident_report(
        session,
        center.name,
        ports.candidates.of_session(session_id),
        ports.finalizations.get(session_id),
    )
    key = f"{DOCUMENTS_PREFIX}{session_id}/incident-report-{report.fingerprint}.pdf"
    return _stored_or_rendered(ports, key, lambda: ports.renderer.incident_report(report))


def _stored_or_rendered(ports: Ports, key: str, render: Callable[[], bytes]) -> bytes:
    try:
        return ports.documents.get(key)
    except NotFound:
        pass
    content = render()
    ports.documents.put(key, content, "application/pdf")
    return content
