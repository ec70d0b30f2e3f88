"""Is a session ready for its day? Warnings the centre sees on the session, each with a code."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from chalicelib.certif.domain.candidates import Candidate
from chalicelib.certif.domain.students import Profile

CANDIDATES_PER_EXAMINER = 20


@dataclass(frozen=True)
class Warning:
    code: str
    message: str
    candidate_ids: list[str] = field(default_factory=list)


def examiner_count(examiner: str) -> int:
    """Examiners are typed comma-separated."""
    return len([name for name in examiner.split(",") if name.strip()])


def readiness(
    examiner: str,
    candidates: list[Candidate],
    links: dict[str, str],
    profiles: dict[str, Profile],
    window_problem: str | None = None,
) -> list[Warning]:
    """One examiner and one spare computer per 20 candidates; every candidate certifiable and
    linked to an account (else they could not join); the date within the certification window."""
    found: list[Warning] = []
    examiners, count = examiner_count(examiner), len(candidates)
    needed = math.ceil(count / CANDIDATES_PER_EXAMINER)
    if count > CANDIDATES_PER_EXAMINER * examiners:
        found.append(
            Warning(
                "TOO_MANY_CANDIDATES_PER_EXAMINER",
                f"{count} candidats pour {examiners} surveillant(s) : prévoyez un surveillant et "
                f"un ordinateur de secours pour 20 candidats, soit {needed} surveillants.",
            )
        )
    unlinked = [c.id for c in candidates if _user(c, links) is None]
    if unlinked:
        found.append(
            Warning(
                "CANDIDATES_WITHOUT_ACCOUNT",
                f"{len(unlinked)} candidat(s) n'ont pas de compte Pix rattaché à leur fiche élève : "
                "ils ne pourront pas rejoindre la session. Ils doivent d'abord rejoindre une "
                "campagne de l'établissement.",
                unlinked,
            )
        )
    not_certifiable = [
        c.id
        for c in candidates
        if (user := _user(c, links)) is not None
        and not (profiles.get(user) and profiles[user].certifiable)
    ]
    if not_certifiable:
        found.append(
            Warning(
                "CANDIDATES_NOT_CERTIFIABLE",
                f"{len(not_certifiable)} candidat(s) n'ont pas encore un profil certifiable "
                "(niveau 1 au moins dans 5 compétences).",
                not_certifiable,
            )
        )
    if window_problem:
        found.append(Warning("SESSION_OUTSIDE_WINDOW", window_problem))
    return found


def _user(candidate: Candidate, links: dict[str, str]) -> str | None:
    if candidate.student_id and candidate.student_id in links:
        return links[candidate.student_id]
    return candidate.user_id
