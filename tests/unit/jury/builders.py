"""Jury's test data: messages as certif, engine and orga send them (each with its own id), and
ports built from the in-memory fakes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from itertools import count

from chalicelib.jury.adapters.memory import (
    FakeRenderer,
    FakeSignatureChecker,
    InMemoryCertifications,
    InMemoryMembers,
    InMemorySessions,
    InMemoryStats,
    InMemoryThrottle,
    InMemoryVerificationCodes,
)
from chalicelib.jury.ports import JurySettings, Ports
from pixcore import codes
from pixcore.clock import FixedClock
from pixcore.memory import InMemoryDocumentStore, InMemoryPublisher
from pixcore.messages import catalog as c

T0 = datetime(2021, 3, 10, 8, 0, tzinfo=UTC)
SESSION_DATE = date(2021, 3, 10)
COMPETENCES = ("1.1", "1.2", "2.1", "3.1", "4.1")
_ticks = count(1)


def later() -> datetime:
    """Each message a little later than the one before (order-tolerance compares these)."""
    return T0 + timedelta(seconds=next(_ticks))


def make_ports(**settings) -> Ports:  # noqa: ANN003
    return Ports(
        certifications=InMemoryCertifications(),
        sessions=InMemorySessions(),
        codes=InMemoryVerificationCodes(),
        members=InMemoryMembers(),
        stats=InMemoryStats(),
        throttle=InMemoryThrottle(),
        documents=InMemoryDocumentStore("jury-documents"),
        renderer=FakeRenderer(),
        checker=FakeSignatureChecker(),
        publisher=InMemoryPublisher(),
        clock=FixedClock(datetime(2021, 3, 20, 10, 0, tzinfo=UTC)),
        settings=JurySettings(**settings),
    )


def registered(org: str = "center-1", academie: str = "Paris", sector: str = "PUBLIC", **kw):  # noqa: ANN003, ANN201
    return c.OrganizationRegistered(
        organization_id=org,
        uai="0750001U",
        name="Collège Victor-Hugo",
        organization_type="COLLEGE",
        sector=sector,
        academie=academie,
        is_certification_center=kw.pop("is_certification_center", True),
        occurred_at=later(),
        **kw,
    )


def session_updated(session_id: str = "s1", center: str = "center-1", revision: int = 1, **kw):  # noqa: ANN003, ANN201
    return c.SessionUpdated(
        session_id=session_id,
        center_id=center,
        session_date=SESSION_DATE,
        status=kw.pop("status", "created"),
        candidate_count=kw.pop("candidate_count", 2),
        revision=revision,
        occurred_at=later(),
        **kw,
    )


def profile(level: int = 3) -> list[c.CompetenceMark]:
    return [
        c.CompetenceMark(competence=code, level=level, pix=level * 8 + 2) for code in COMPETENCES
    ]


def answers(results: dict[int, str] | None = None, **features: c.ChallengeFeatures):  # noqa: ANN201
    """3 questions per competence, all right unless `results` says otherwise (by number);
    `q7=ChallengeFeatures(...)` gives question 7 its features."""
    results = results or {}
    made = []
    for i in range(len(COMPETENCES) * 3):
        number = i + 1
        result = results.get(number, "ok")
        made.append(
            c.CertificationAnswer(
                question_number=number,
                challenge_id=f"rec{number}",
                competence=COMPETENCES[i // 3],
                skill=f"@tube{number}",
                challenge_type="QCU",
                result=result,
                answered=result != "unanswered",
                features=features.get(f"q{number}", c.ChallengeFeatures()),
            )
            if result != "unanswered"
            else c.CertificationAnswer(
                question_number=number,
                challenge_id=f"rec{number}",
                competence=COMPETENCES[i // 3],
                skill=f"@tube{number}",
                challenge_type="QCU",
                result="aband",
                answered=False,
            )
        )
    return made


def course_ready(course: str, session_id: str = "s1", **kw):  # noqa: ANN003, ANN201
    return c.CertificationCourseReady(
        course_id=course,
        session_id=session_id,
        candidate_id=f"cand-{course}",
        user_id=kw.pop("user_id", f"user-{course}"),
        verification_code=kw.pop("verification_code", codes.verification_code()),
        max_level=6,
        question_count=15,
        profile=profile(),
        started_at=T0,
        occurred_at=later(),
        **kw,
    )


def start_refused(course: str, session_id: str = "s1"):  # noqa: ANN201
    return c.CertificationStartRefused(
        course_id=course,
        session_id=session_id,
        candidate_id=f"cand-{course}",
        user_id=f"user-{course}",
        code="NOT_CERTIFIABLE",
        message="Votre profil n'est pas encore certifiable.",
        occurred_at=later(),
    )


def completed(course: str, session_id: str = "s1", results=None, state="completed", **kw):  # noqa: ANN001, ANN003, ANN201
    features = {k: kw.pop(k) for k in list(kw) if k.startswith("q")}
    return c.CertificationCompleted(
        course_id=course,
        session_id=session_id,
        candidate_id=f"cand-{course}",
        user_id=kw.pop("user_id", f"user-{course}"),
        verification_code=kw.pop("verification_code", "P-2346789B"),
        max_level=6,
        state=state,
        started_at=T0,
        completed_at=T0 + timedelta(hours=1),
        profile=profile(),
        answers=answers(results, **features),
        occurred_at=kw.pop("occurred_at", None) or later(),
        **kw,
    )


def candidate(course: str | None, **kw) -> c.FinalizedCandidate:  # noqa: ANN003
    return c.FinalizedCandidate(
        candidate_id=f"cand-{course}",
        student_id=f"student-{course}",
        user_id=f"user-{course}",
        course_id=course,
        first_name=kw.pop("first_name", "Zoé"),
        last_name=kw.pop("last_name", "Lefèvre"),
        birthdate=date(2011, 2, 28),
        birth_city="Lyon",
        birth_department_code="69",
        division=kw.pop("division", "3E1"),
        end_screen_seen=kw.pop("end_screen_seen", True),
        **kw,
    )


def report(code: str, question_number: int | None = None, **kw) -> c.IssueReport:  # noqa: ANN003
    return c.IssueReport(
        issue_report_id=kw.pop("issue_report_id", f"r-{code}-{question_number}"),
        category=kw.pop("category", "IN_CHALLENGE" if code.startswith("E") else "OTHER"),
        code=code,
        question_number=question_number,
        **kw,
    )


def finalized(session_id: str = "s1", candidates=None, center: str = "center-1", **kw):  # noqa: ANN001, ANN003, ANN201
    return c.SessionFinalized(
        session_id=session_id,
        center_id=center,
        center_name="Collège Victor-Hugo",
        session_date=SESSION_DATE,
        examiners="M. Martin",
        finalized_at=T0 + timedelta(hours=3),
        candidates=candidates if candidates is not None else [candidate("k1"), candidate("k2")],
        occurred_at=later(),
        **kw,
    )
