"""Finalising a session: the draft saved at any time, the scanned documents, then one
finalisation that tells the jury everything about the session."""

from __future__ import annotations

from dataclasses import dataclass, replace

from chalicelib.certif.domain.candidates import Candidate
from chalicelib.certif.domain.documents import birth_country
from chalicelib.certif.domain.finalization import (
    MAX_DOCUMENTS,
    CandidateFinalization,
    Finalization,
    SessionDocument,
    draft_problems,
    missing_for_finalization,
)
from chalicelib.certif.domain.sessions import (
    DOCUMENTS_PREFIX,
    Session,
    SessionStatus,
    check_editable,
)
from chalicelib.certif.domain.uploads import check_pdf
from chalicelib.certif.ports import Ports
from chalicelib.certif.use_cases.sessions import announce, session_for_member
from pixcore.errors import Invalid, RuleViolation
from pixcore.ids import new_id
from pixcore.messages.catalog import FinalizedCandidate, IssueReport, SessionFinalized
from pixcore.principal import Principal
from pixcore.retry import retry_on_conflict


@dataclass(frozen=True)
class ClosingEntry:
    """One candidate's line of the finalisation form."""

    candidate: Candidate
    entry: CandidateFinalization

    candidate_id = property(lambda self: self.candidate.id)
    first_name = property(lambda self: self.candidate.first_name)
    last_name = property(lambda self: self.candidate.last_name)
    state = property(lambda self: self.candidate.state)
    unfinished = property(lambda self: self.candidate.unfinished_course)
    end_screen_seen = property(lambda self: self.entry.end_screen_seen)
    issue_reports = property(lambda self: self.entry.issue_reports)

    @property
    def abort_reason(self) -> str | None:
        return self.entry.abort_reason.value if self.entry.abort_reason else None


@dataclass(frozen=True)
class FinalizationView:
    session: Session
    finalization: Finalization
    candidates: list[ClosingEntry]

    session_id = property(lambda self: self.session.id)
    status = property(lambda self: self.session.status)
    has_incident = property(lambda self: self.finalization.has_incident)
    comment = property(lambda self: self.finalization.comment)
    saved_at = property(lambda self: self.finalization.saved_at)
    documents = property(lambda self: self.finalization.documents)


@dataclass(frozen=True)
class Draft:
    candidates: tuple[CandidateFinalization, ...]
    has_incident: bool = False
    comment: str | None = None


def get_finalization(ports: Ports, caller: Principal, session_id: str) -> FinalizationView:
    session = session_for_member(ports, caller, session_id)
    draft = ports.finalizations.get(session_id)
    candidates = sorted(
        ports.candidates.of_session(session_id), key=lambda c: (c.last_name, c.first_name)
    )
    return FinalizationView(
        session, draft, [ClosingEntry(c, draft.for_candidate(c)) for c in candidates]
    )


def save_draft(ports: Ports, caller: Principal, session_id: str, draft: Draft) -> FinalizationView:
    """Saved whenever the centre wants, refused only when it is itself wrong (an unknown
    candidate, a report without what its category asks)."""

    def attempt() -> None:
        session = session_for_member(ports, caller, session_id)
        check_editable(session)
        stored = ports.finalizations.get(session_id)
        updated = replace(
            stored,
            candidates={c.candidate_id: c for c in draft.candidates},
            has_incident=draft.has_incident,
            comment=draft.comment,
            saved_at=ports.clock.now(),
        )
        problems = draft_problems(updated, ports.candidates.of_session(session_id))
        if problems:
            raise Invalid(
                "Le brouillon de finalisation contient des erreurs.",
                code="INVALID_FINALIZATION",
                details={"problems": [p.__dict__ for p in problems]},
            )
        ports.finalizations.save(updated)

    retry_on_conflict(attempt)
    return get_finalization(ports, caller, session_id)


@dataclass(frozen=True)
class AddDocument:
    session_id: str
    filename: str
    content: bytes


def add_document(ports: Ports, caller: Principal, command: AddDocument) -> SessionDocument:
    """PDF only (checked by its content), 10 MB at most, kept 2 years with the session's files."""
    session_id, filename, content = command.session_id, command.filename, command.content
    session = session_for_member(ports, caller, session_id)
    check_editable(session)
    check_pdf(content)
    if len(ports.finalizations.get(session_id).documents) >= MAX_DOCUMENTS:
        raise RuleViolation(
            f"Une session compte au plus {MAX_DOCUMENTS} documents.", code="TOO_MANY_DOCUMENTS"
        )
    document_id = new_id()
    key = f"{DOCUMENTS_PREFIX}{session_id}/documents/{document_id}.pdf"
    ports.documents.put(key, content, "application/pdf")
    document = SessionDocument(document_id, key, filename, len(content), ports.clock.now())

    def attempt() -> None:
        stored = ports.finalizations.get(session_id)
        ports.finalizations.save(replace(stored, documents=[*stored.documents, document]))

    retry_on_conflict(attempt, attempts=3)
    return document


def finalize(ports: Ports, caller: Principal, session_id: str) -> Session:
    """Once: everything missing in one list; then the session is `finalized`, its access code
    free again, and the jury gets the candidates as enrolled, their courses and reports.

    Asked again once done, it is refused (SESSION_ALREADY_FINALIZED) and sends its message
    again (same message id) while the jury has not taken the session: a crash between the save
    and the send loses nothing (the centre retries), and consumers that had it skip the repeat."""
    current = session_for_member(ports, caller, session_id)
    if current.status is SessionStatus.FINALIZED:
        _send_finalized(ports, current)
        check_editable(current)

    def attempt() -> tuple[Session, list[Candidate], Finalization]:
        session = session_for_member(ports, caller, session_id)
        check_editable(session)
        candidates = ports.candidates.of_session(session_id)
        draft = ports.finalizations.get(session_id)
        missing = missing_for_finalization(draft, candidates)
        if missing:
            raise RuleViolation(
                f"La session ne peut pas encore être finalisée : {len(missing)} point(s) à "
                "compléter.",
                code="FINALIZATION_INCOMPLETE",
                details={"missing": [m.__dict__ for m in missing]},
            )
        done = replace(session, status=SessionStatus.FINALIZED, finalized_at=ports.clock.now())
        return ports.sessions.save(done), candidates, draft

    session, candidates, draft = retry_on_conflict(attempt)
    ports.sessions.release_access_code(session.access_code, session.id)
    _send_finalized(ports, session, candidates, draft)
    announce(ports, session)
    return session


def _send_finalized(
    ports: Ports,
    session: Session,
    candidates: list[Candidate] | None = None,
    draft: Finalization | None = None,
) -> None:
    """SessionFinalized, from what the finalisation read, or read again for a repeat."""
    if candidates is None:
        candidates = ports.candidates.of_session(session.id)
    if draft is None:
        draft = ports.finalizations.get(session.id)
    center = ports.centers.get(session.center_id)
    ports.publisher.publish(finalized_message(session, center.name, candidates, draft))


def finalized_message(
    session: Session, center_name: str, candidates: list[Candidate], draft: Finalization
) -> SessionFinalized:
    # One message id per finalisation: a send repeated after a crash is a duplicate to the
    # consumers that had it, and new to those it never reached.
    assert session.finalized_at is not None
    return SessionFinalized(
        message_id=f"{session.id}-finalized-{session.finalized_at:%Y%m%dT%H%M%S%f}",
        occurred_at=session.finalized_at,
        session_id=session.id,
        center_id=session.center_id,
        center_name=center_name,
        session_date=session.date,
        examiners=session.examiner,
        finalized_at=session.finalized_at,
        comment=draft.comment if draft.has_incident else None,
        documents=[d.key for d in draft.documents],
        candidates=[_finalized(c, draft.for_candidate(c)) for c in candidates],
    )


def _finalized(c: Candidate, entry: CandidateFinalization) -> FinalizedCandidate:
    return FinalizedCandidate(
        candidate_id=c.id,
        student_id=c.student_id,
        user_id=c.user_id if c.has_joined else None,
        course_id=c.course_id if c.has_started else None,
        first_name=c.first_name,
        last_name=c.last_name,
        birthdate=c.birthdate,
        sex=c.sex,
        birth_city=c.birth_city or c.birth_city_code,
        birth_department_code=c.birth_department_code,
        birth_country=birth_country(c.birth_country_code) or None,
        division=c.division,
        external_id=c.external_id,
        extra_time_percentage=c.extra_time_percentage,
        end_screen_seen=entry.end_screen_seen,
        abort_reason=entry.abort_reason.value
        if entry.abort_reason and c.unfinished_course
        else None,
        issue_reports=[
            IssueReport(
                issue_report_id=r.id,
                category=r.category,
                subcategory=r.subcategory,
                code=r.code,
                description=r.description,
                question_number=r.question_number,
            )
            for r in entry.issue_reports
        ],
    )
