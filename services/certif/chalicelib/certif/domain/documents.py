"""What the printed documents of a session say: the attendance sheet and the incident report
(DOMAIN.md, Step 2), as plain data; rendering them is an adapter's job."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from chalicelib.certif.domain.calendar import french_day
from chalicelib.certif.domain.candidates import Candidate, candidate_end_time
from chalicelib.certif.domain.finalization import Finalization
from chalicelib.certif.domain.issue_reports import code_legend, label
from chalicelib.certif.domain.sessions import Session
from pixcore.clock import french_date, to_paris
from pixcore.text import fold

# INSEE country codes of the birth countries most often met; others print as their code.
COUNTRIES = {
    "99100": "France",
    "99109": "Allemagne",
    "99127": "Italie",
    "99131": "Belgique",
    "99132": "Royaume-Uni",
    "99134": "Espagne",
    "99139": "Portugal",
    "99122": "Pologne",
    "99208": "Turquie",
    "99243": "Viet Nam",
    "99350": "Maroc",
    "99351": "Tunisie",
    "99352": "Algérie",
}


@dataclass(frozen=True)
class Header:
    session_number: str
    center_name: str
    date: str
    start: str
    end: str
    address: str
    room: str
    examiner: str
    name: str | None


@dataclass(frozen=True)
class SheetRow:
    last_name: str
    first_name: str
    birthdate: str
    birth_city: str
    birth_department: str
    birth_country: str
    email: str
    external_id: str
    extra_time: str
    end_time: str


@dataclass(frozen=True)
class AttendanceSheet:
    header: Header
    rows: tuple[SheetRow, ...]

    @property
    def fingerprint(self) -> str:
        """Same content, same file: the stored PDF is reused until something printed changes."""
        return hashlib.sha256(repr(self).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class ReportRow:
    candidate: str
    code: str
    question: str
    details: str


@dataclass(frozen=True)
class IncidentReport:
    header: Header
    comment: str
    rows: tuple[ReportRow, ...]
    legend: tuple[tuple[str, str], ...]

    @property
    def fingerprint(self) -> str:
        return hashlib.sha256(repr(self).encode()).hexdigest()[:16]


def header(session: Session, center_name: str) -> Header:
    starts = to_paris(session.starts_at)
    return Header(
        session_number=session.id,
        center_name=center_name,
        date=french_date(starts),
        start=starts.strftime("%H:%M"),
        end=to_paris(session.ends_at).strftime("%H:%M"),
        address=session.address,
        room=session.room,
        examiner=session.examiner,
        name=session.name,
    )


def birth_country(code: str | None) -> str:
    if not code:
        return ""
    return COUNTRIES.get(code, code)


def roster(candidates: list[Candidate]) -> list[Candidate]:
    """Alphabetical by birth name then first name, as the room's list is read."""
    return sorted(candidates, key=lambda c: (fold(c.last_name), fold(c.first_name), c.id))


def attendance_sheet(
    session: Session, center_name: str, candidates: list[Candidate]
) -> AttendanceSheet:
    """One row per candidate: birth name, first name, birthdate JJ/MM/AAAA, birth city,
    department and country, convocation email, local id, extra time and their own end time."""
    rows = tuple(
        SheetRow(
            last_name=c.last_name,
            first_name=c.first_name,
            birthdate=french_day(c.birthdate),
            birth_city=c.birth_city or c.birth_city_code or "",
            birth_department=c.birth_department_code or "",
            birth_country=birth_country(c.birth_country_code),
            email=c.email or "",
            external_id=c.external_id or "",
            extra_time=c.extra_time_label,
            end_time=to_paris(
                candidate_end_time(session.starts_at, c.extra_time_percentage)
            ).strftime("%H:%M"),
        )
        for c in roster(candidates)
    )
    return AttendanceSheet(header(session, center_name), rows)


def incident_report(
    session: Session, center_name: str, candidates: list[Candidate], draft: Finalization | None
) -> IncidentReport:
    """The session's global comment and each individual report (name, code, question number,
    details), blank lines to write on when there are none yet, and the codes below."""
    rows: list[ReportRow] = []
    if draft:
        for c in roster(candidates):
            for report in draft.for_candidate(c).issue_reports:
                details = label(report.category, report.subcategory)
                if report.description:
                    details = f"{details} : {report.description}"
                rows.append(
                    ReportRow(
                        f"{c.last_name} {c.first_name}",
                        report.code,
                        str(report.question_number or ""),
                        details,
                    )
                )
    comment = (draft.comment or "") if draft else ""
    return IncidentReport(header(session, center_name), comment, tuple(rows), tuple(code_legend()))
