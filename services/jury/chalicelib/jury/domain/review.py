"""What a jury member may change on a certification, each change kept in its history."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime

from chalicelib.jury.domain.certification import (
    Certification,
    Emitter,
    Identity,
    note,
    rescore,
)
from pixcore.errors import NotFound, RuleViolation

COMMENT_KINDS = ("for_candidate", "for_organization", "for_jury")


def _question(certification: Certification, question_number: int):  # noqa: ANN202
    answer = certification.answer(question_number)
    if answer is None:
        raise NotFound(
            "Cette question ne fait pas partie du test.",
            code="QUESTION_NOT_FOUND",
            details={"question_number": question_number},
        )
    return answer


def neutralize(certification: Certification, question_number: int, by: str, at: datetime) -> None:
    """A neutralised question leaves the rate and its competence's counts; scored at once."""
    answer = _question(certification, question_number)
    if answer.neutralized:
        raise RuleViolation("Cette question est déjà neutralisée.", code="ALREADY_NEUTRALIZED")
    answer.neutralized = True
    rescore(
        certification,
        at,
        Emitter.NEUTRALIZATION,
        "neutralize",
        by,
        {"question_number": question_number, "neutralized": False},
        {"question_number": question_number, "neutralized": True},
    )


def deneutralize(certification: Certification, question_number: int, by: str, at: datetime) -> None:
    answer = _question(certification, question_number)
    if not answer.neutralized:
        raise RuleViolation("Cette question n'est pas neutralisée.", code="NOT_NEUTRALIZED")
    answer.neutralized = False
    rescore(
        certification,
        at,
        Emitter.NEUTRALIZATION,
        "deneutralize",
        by,
        {"question_number": question_number, "neutralized": True},
        {"question_number": question_number, "neutralized": False},
    )


def cancel(certification: Certification, by: str, at: datetime) -> None:
    if certification.cancelled_by_jury:
        raise RuleViolation("Cette certification est déjà annulée.", code="ALREADY_CANCELLED")
    certification.cancelled_by_jury = True
    rescore(
        certification,
        at,
        Emitter.JURY,
        "cancel",
        by,
        {"status": certification.result.status.value},
        {"status": "cancelled"},
    )


def uncancel(certification: Certification, by: str, at: datetime) -> None:
    """Restores the certification: its result is scored again from the course."""
    if not certification.cancelled_by_jury:
        raise RuleViolation("Cette certification n'est pas annulée.", code="NOT_CANCELLED")
    certification.cancelled_by_jury = False
    rescore(certification, at, Emitter.JURY, "uncancel", by, {"status": "cancelled"})
    certification.history[-1].after = {"status": certification.result.status.value}


def resolve_report(
    certification: Certification, issue_report_id: str, comment: str, by: str, at: datetime
) -> None:
    report = certification.report(issue_report_id)
    if report is None:
        raise NotFound("Signalement introuvable.", code="ISSUE_REPORT_NOT_FOUND")
    if report.resolved:
        raise RuleViolation("Ce signalement est déjà résolu.", code="ALREADY_RESOLVED")
    report.resolved, report.resolution, report.resolved_by = True, comment, by
    note(
        certification,
        at,
        "resolve_issue_report",
        by,
        {"issue_report_id": issue_report_id, "resolved": False},
        {"issue_report_id": issue_report_id, "resolved": True, "resolution": comment},
    )


def _identity_view(identity: Identity) -> dict[str, str | None]:
    view = asdict(identity)
    view["birthdate"] = identity.birthdate.isoformat()
    return view


def correct_identity(
    certification: Certification, changes: dict[str, str | date | None], by: str, at: datetime
) -> None:
    """Names, birthdate, birthplace as they should appear on the results and the attestation."""
    if certification.identity is None:
        raise RuleViolation(
            "L'identité du candidat n'est pas encore connue (session non finalisée).",
            code="IDENTITY_UNKNOWN",
        )
    before = _identity_view(certification.identity)
    for name, value in changes.items():
        setattr(certification.identity, name, value)
    after = _identity_view(certification.identity)
    changed = [k for k in after if after[k] != before[k]]
    note(
        certification,
        at,
        "correct_identity",
        by,
        {k: before[k] for k in changed},
        {k: after[k] for k in changed},
    )


def set_comment(
    certification: Certification, kind: str, text: str | None, by: str, at: datetime
) -> None:
    """Comments for the candidate, for the school (in its results CSV), for the jury."""
    if kind not in COMMENT_KINDS:
        raise RuleViolation("Type de commentaire inconnu.", code="UNKNOWN_COMMENT_KIND")
    before = getattr(certification.comments, kind)
    setattr(certification.comments, kind, text or None)
    note(certification, at, "comment", by, {kind: before}, {kind: text or None})
