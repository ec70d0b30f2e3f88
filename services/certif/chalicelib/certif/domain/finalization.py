"""Finalising a session (within 48 h): per candidate end screen and abort reason, issue reports,
a global comment, documents — saved as a draft any time, validated once."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from chalicelib.certif.domain.candidates import Candidate
from chalicelib.certif.domain.issue_reports import classify

MAX_DOCUMENTS = 10


class AbortReason(StrEnum):
    CANDIDATE = "candidate"  # missing questions count as wrong
    TECHNICAL = "technical"  # missing questions are neutralised


@dataclass(frozen=True)
class IssueReportDraft:
    id: str
    category: str
    subcategory: str | None = None
    description: str | None = None
    question_number: int | None = None

    @property
    def code(self) -> str:
        return classify(self.category, self.subcategory, self.description, self.question_number)[0]


@dataclass(frozen=True)
class CandidateFinalization:
    candidate_id: str
    end_screen_seen: bool = False
    abort_reason: AbortReason | None = None
    issue_reports: tuple[IssueReportDraft, ...] = ()


@dataclass(frozen=True)
class SessionDocument:
    id: str
    key: str
    filename: str
    size: int
    uploaded_at: datetime


@dataclass
class Finalization:
    session_id: str
    candidates: dict[str, CandidateFinalization] = field(default_factory=dict)
    has_incident: bool = False
    comment: str | None = None
    documents: list[SessionDocument] = field(default_factory=list)
    saved_at: datetime | None = None
    version: int = 0

    def for_candidate(self, candidate: Candidate) -> CandidateFinalization:
        """The draft of a candidate, or what the examiner's space already knows of them."""
        return self.candidates.get(
            candidate.id,
            CandidateFinalization(
                candidate.id, end_screen_seen=candidate.end_screen_seen_at is not None
            ),
        )


@dataclass(frozen=True)
class Missing:
    code: str
    message: str
    candidate_id: str | None = None
    field: str | None = None


def draft_problems(draft: Finalization, candidates: list[Candidate]) -> list[Missing]:
    """What a draft itself gets wrong (it is refused): unknown candidates, malformed reports."""
    known = {c.id: c for c in candidates}
    found: list[Missing] = []
    for candidate_id, entry in draft.candidates.items():
        candidate = known.get(candidate_id)
        if candidate is None:
            found.append(
                Missing(
                    "UNKNOWN_CANDIDATE", "Ce candidat n'est pas inscrit à la session.", candidate_id
                )
            )
            continue
        for i, report in enumerate(entry.issue_reports):
            _, problems = classify(
                report.category, report.subcategory, report.description, report.question_number
            )
            found.extend(
                Missing(
                    "INVALID_ISSUE_REPORT",
                    f"{_who(candidate)} : {p.message}",
                    candidate_id,
                    f"issue_reports[{i}].{p.field}",
                )
                for p in problems
            )
    if draft.has_incident and not (draft.comment or "").strip():
        found.append(
            Missing(
                "COMMENT_REQUIRED", "Décrivez l'incident signalé pour la session.", field="comment"
            )
        )
    return found


def missing_for_finalization(draft: Finalization, candidates: list[Candidate]) -> list[Missing]:
    """Everything that stops a finalisation, in one list: a draft problem, or a candidate who
    started and did not finish without an abort reason."""
    found = draft_problems(draft, candidates)
    for candidate in candidates:
        entry = draft.for_candidate(candidate)
        if candidate.unfinished_course and entry.abort_reason is None:
            found.append(
                Missing(
                    "ABORT_REASON_REQUIRED",
                    f"{_who(candidate)} n'a pas terminé son test : indiquez le motif d'abandon "
                    "(« candidat » ou « technique »).",
                    candidate.id,
                    "abort_reason",
                )
            )
    return found


def _who(candidate: Candidate) -> str:
    return f"{candidate.first_name} {candidate.last_name}"
