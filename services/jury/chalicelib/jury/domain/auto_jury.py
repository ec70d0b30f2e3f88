"""The auto-jury at finalisation (DOMAIN.md, step 7): abort reasons, question reports, and whether
a session can be published without a person."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from chalicelib.jury.domain.certification import Answer, Certification, Emitter, rescore
from chalicelib.jury.domain.issue_reports import AUTO_RESOLVED, Feature, IssueReportState
from chalicelib.jury.domain.jury_session import JurySession, SessionCandidate, SessionState
from chalicelib.jury.domain.scoring import Status

AUTO_JURY = "auto-jury"
NEUTRALIZED = "Question neutralisée automatiquement : le problème signalé concerne cette question."
KEPT_RIGHT = "Question non neutralisée : la réponse donnée est juste."


@dataclass(frozen=True)
class Reason:
    """Why a session waits for a person; `course_id` names the certification concerned."""

    code: str
    message: str
    course_id: str | None = None


def has_feature(answer: Answer, feature: Feature) -> bool:
    """The challenge really has what the report says failed. A site or a software has no flag
    in the course's data: the report's word is taken, provided the answer was wrong."""
    f = answer.features
    return {
        Feature.IMAGE: f.has_image,
        Feature.EMBED: f.has_embed,
        Feature.FILE: f.has_attachment,
        Feature.EXTRA_TIME: f.timer is not None,
        Feature.WEBSITE_UNAVAILABLE: True,
        Feature.WEBSITE_BLOCKED: True,
        Feature.SOFTWARE: True,
    }.get(feature, False)


def resolve_automatically(report: IssueReportState, certification: Certification) -> bool:
    """A question report on image, embed, file, site unavailable or blocked, software or extra
    time neutralises its question if the answer was wrong or skipped and the challenge has that
    feature; a right answer is kept and the report closed. Anything else stays for a person.
    Returns True when the question was neutralised."""
    feature = report.feature
    if report.resolved or feature not in AUTO_RESOLVED or report.question_number is None:
        return False
    answer = certification.answer(report.question_number)
    if answer is None or not has_feature(answer, feature):
        return False
    report.resolved, report.resolved_by = True, AUTO_JURY
    if not answer.wrong_or_skipped:
        report.resolution = KEPT_RIGHT
        return False
    answer.neutralized = True
    report.resolution = NEUTRALIZED
    return True


def apply_abort_reason(certification: Certification) -> list[int]:
    """An unfinished course: `technical` neutralises the questions never answered, `candidate`
    leaves them wrong. Returns the neutralised question numbers."""
    if not certification.is_unfinished or certification.abort_reason != "technical":
        return []
    neutralized = []
    for answer in certification.answers:
        if not answer.answered and not answer.neutralized:
            answer.neutralized = True
            neutralized.append(answer.question_number)
    return neutralized


def judge(certification: Certification, candidate: SessionCandidate, at: datetime) -> None:
    """Takes the finalisation's facts about the candidate, applies them, scores again."""
    if certification.judged:
        return
    certification.identity = candidate.identity
    certification.student_id = candidate.student_id
    certification.end_screen_seen = candidate.end_screen_seen
    certification.abort_reason = candidate.abort_reason
    certification.issue_reports = [IssueReportState(**vars(r)) for r in candidate.issue_reports]
    by_reason = apply_abort_reason(certification)
    by_report = [
        r.question_number
        for r in certification.issue_reports
        if resolve_automatically(r, certification)
    ]
    certification.judged = True
    rescore(
        certification,
        at,
        Emitter.AUTO_JURY,
        "auto_jury",
        after={
            "abort_reason": certification.abort_reason,
            "neutralized_by_abort_reason": by_reason,
            "neutralized_by_reports": by_report,
        },
    )


def pending_reasons(session: JurySession, certifications: list[Certification]) -> list[Reason]:
    """What keeps a session from being published automatically: a global comment, an impactful
    report not resolved, a result in error, an unfinished course without abort reason, an end
    screen not seen."""
    reasons = []
    if session.comment and session.comment.strip():
        reasons.append(Reason("GLOBAL_COMMENT", "La session comporte un commentaire global."))
    for c in certifications:
        for report in c.issue_reports:
            if report.needs_a_person:
                reasons.append(
                    Reason(
                        "UNRESOLVED_ISSUE_REPORT",
                        f"Signalement {report.code} à examiner.",
                        c.course_id,
                    )
                )
        if c.result.status is Status.ERROR:
            reasons.append(Reason("RESULT_IN_ERROR", "Un résultat est en erreur.", c.course_id))
        if c.is_unfinished and c.abort_reason is None:
            reasons.append(
                Reason(
                    "MISSING_ABORT_REASON",
                    "Un test non terminé n'a pas de motif d'abandon.",
                    c.course_id,
                )
            )
        if not c.end_screen_seen:
            reasons.append(
                Reason("END_SCREEN_NOT_SEEN", "L'écran de fin de test n'a pas été vu.", c.course_id)
            )
    return reasons


# Reasons a person must act on before publishing; the others are read, then published.
BLOCKING = frozenset({"UNRESOLVED_ISSUE_REPORT", "RESULT_IN_ERROR"})


def review_state(reasons: list[Reason], auto: bool) -> SessionState:
    """Right after the auto-jury, no reason at all publishes; later, only blocking ones hold."""
    if not reasons and auto:
        return SessionState.PUBLISHED
    if any(r.code in BLOCKING for r in reasons):
        return SessionState.NEEDS_ACTION
    return SessionState.TO_PUBLISH
