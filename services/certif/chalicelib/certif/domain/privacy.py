"""What certif keeps of an erased learner: a finalised session's candidates are the exam's
record (with the signed attendance sheet the school keeps), the rest goes."""

from __future__ import annotations

from datetime import date

from chalicelib.certif.domain.sessions import Session, SessionStatus
from pixcore import retention as keep

KEPT_REASON = (
    "Session finalisée : le candidat fait partie du procès-verbal de l'examen (avec la feuille "
    "d'émargement signée que garde l'établissement) ; supprimé à la fin de la conservation."
)


def is_exam_record(session: Session) -> bool:
    """Once finalised, a session's candidates and documents are the exam's record: they are
    kept (2 years) rather than erased; before, the candidate is simply withdrawn."""
    return session.status.rank >= SessionStatus.FINALIZED.rank


def kept_until(session: Session) -> date:
    """Two years after the session, to the day (a 29 February ends on the 28th)."""
    years = keep.SESSION_DOCUMENTS_DAYS // 365
    day = session.date
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
