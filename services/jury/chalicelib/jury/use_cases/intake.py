"""Courses and finalisations arriving from engine and certif, in any order and more than once."""

from __future__ import annotations

from chalicelib.jury.domain.certification import (
    Answer,
    Certification,
    Emitter,
    Features,
    Identity,
    birthplace,
    rescore,
)
from chalicelib.jury.domain.issue_reports import IssueReportState
from chalicelib.jury.domain.jury_session import JurySession, SessionCandidate
from chalicelib.jury.domain.scoring import Level
from chalicelib.jury.ports import Ports
from chalicelib.jury.use_cases import counting
from chalicelib.jury.use_cases.judging import judge_if_ready
from pixcore.logs import get_logger
from pixcore.messages.catalog import (
    CertificationCompleted,
    CertificationCourseReady,
    CertificationStartRefused,
    CompetenceMark,
    FinalizedCandidate,
    SessionFinalized,
)
from pixcore.retry import retry_on_conflict

log = get_logger("jury.intake")
ATTEMPTS = 5


def _profile(marks: list[CompetenceMark]) -> dict[str, Level]:
    return {m.competence: Level(m.level, m.pix) for m in marks}


def _new(m: CertificationCourseReady | CertificationCompleted) -> Certification:
    return Certification(
        course_id=m.course_id,
        session_id=m.session_id,
        candidate_id=m.candidate_id,
        user_id=m.user_id,
        verification_code=m.verification_code,
        max_level=m.max_level,
        profile=_profile(m.profile),
    )


def course_ready(ports: Ports, message: CertificationCourseReady) -> None:
    """The course started: its certification exists as `started`; the candidate took part."""

    def record() -> None:
        found = ports.certifications.find(message.course_id)
        if found is not None and (found.started_at or found.is_completed):
            return
        certification = found or _new(message)
        certification.question_count = message.question_count
        certification.started_at = message.started_at or message.occurred_at
        ports.certifications.save(certification)

    def forget_refusal() -> None:
        session = ports.sessions.find(message.session_id)
        if session is None or message.course_id not in session.refused_courses:
            return
        session.refused_courses.discard(message.course_id)
        ports.sessions.save(session)

    retry_on_conflict(record, ATTEMPTS)
    retry_on_conflict(forget_refusal, ATTEMPTS)
    counting.took_part(
        ports, message.session_id, message.course_id, message.started_at or message.occurred_at
    )


def course_refused(ports: Ports, message: CertificationStartRefused) -> None:
    """Engine refused to create a course (the candidate is not certifiable): the session need
    not wait for it. A course that started after all (a later start) is never marked refused."""

    def note_session() -> bool:
        if ports.certifications.find(message.course_id) is not None:
            return False
        session = ports.sessions.find(message.session_id) or JurySession(message.session_id)
        if message.course_id in session.refused_courses:
            return False
        session.refused_courses.add(message.course_id)
        ports.sessions.save(session)
        return True

    if retry_on_conflict(note_session, ATTEMPTS):
        log.info("course.refused", course_id=message.course_id, code=message.code)
    judge_if_ready(ports, message.session_id)


def course_completed(ports: Ports, message: CertificationCompleted) -> None:
    """Every question of the course, scored by the algorithm; an older or repeated completion, or
    one arriving after the auto-jury, changes nothing."""

    def record() -> None:
        certification = ports.certifications.find(message.course_id) or _new(message)
        done = certification.completion_occurred_at
        if (done and done >= message.occurred_at) or certification.judged:
            return
        certification.profile = _profile(message.profile)
        certification.max_level = message.max_level
        certification.course_state = message.state
        certification.completed_at = message.completed_at or message.occurred_at
        certification.completion_occurred_at = message.occurred_at
        certification.answers = [
            Answer(
                a.question_number,
                a.challenge_id,
                a.competence,
                a.skill,
                a.challenge_type,
                a.result,
                a.answered,
                Features(**a.features.model_dump()),
            )
            for a in message.answers
        ]
        rescore(certification, ports.clock.now(), Emitter.ALGORITHM, "course_completed")
        ports.certifications.save(certification)

    def note_session() -> None:
        session = ports.sessions.find(message.session_id) or JurySession(message.session_id)
        if message.course_id in session.completed_courses:
            return
        session.completed_courses.add(message.course_id)
        ports.sessions.save(session)

    retry_on_conflict(record, ATTEMPTS)
    retry_on_conflict(note_session, ATTEMPTS)
    judge_if_ready(ports, message.session_id)


def _candidate(c: FinalizedCandidate) -> SessionCandidate:
    return SessionCandidate(
        candidate_id=c.candidate_id,
        identity=Identity(
            c.first_name,
            c.last_name,
            c.birthdate,
            birthplace(c.birth_city, c.birth_department_code, c.birth_country),
            c.sex,
            c.external_id,
            c.division,
        ),
        course_id=c.course_id,
        student_id=c.student_id,
        user_id=c.user_id,
        end_screen_seen=c.end_screen_seen,
        abort_reason=c.abort_reason,
        extra_time_percentage=c.extra_time_percentage,
        issue_reports=[IssueReportState(**r.model_dump()) for r in c.issue_reports],
    )


def session_finalized(ports: Ports, message: SessionFinalized) -> None:
    """The session's facts, once; then it is judged as soon as every course is known."""

    def record() -> None:
        session = ports.sessions.find(message.session_id) or JurySession(message.session_id)
        if session.finalized:
            return
        session.center_id = message.center_id
        session.center_name = message.center_name
        session.session_date = message.session_date
        session.examiners = message.examiners
        session.comment = message.comment
        session.finalized = True
        session.finalized_at = message.finalized_at or message.occurred_at
        session.candidates = [_candidate(c) for c in message.candidates]
        ports.sessions.save(session)

    retry_on_conflict(record, ATTEMPTS)
    counting.finalized(ports, message)
    judge_if_ready(ports, message.session_id)
