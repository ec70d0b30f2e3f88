"""The item layout of sessions and their candidates in certif's table, apart from the
repositories: a session and its candidates share a partition (one query reads them all)."""

from __future__ import annotations

from datetime import date, time

from pynamodb.attributes import NumberAttribute, UnicodeAttribute, UTCDateTimeAttribute

from chalicelib.certif.adapters.codec import candidate_from_json, candidate_json
from chalicelib.certif.adapters.tables import CertifItem
from chalicelib.certif.domain.candidates import Candidate
from chalicelib.certif.domain.sessions import Schedule, Session, SessionStatus

# Session numbers start here: the counter's first value is the first session.
FIRST_SESSION_NUMBER = 10_000


class SessionItem(CertifItem):
    center_id = UnicodeAttribute()
    address = UnicodeAttribute()
    room = UnicodeAttribute()
    session_date = UnicodeAttribute()
    start_time = UnicodeAttribute()
    examiner = UnicodeAttribute()
    name = UnicodeAttribute(null=True)
    description = UnicodeAttribute(null=True)
    access_code = UnicodeAttribute()
    examiner_password = UnicodeAttribute()
    status = UnicodeAttribute()
    candidate_count = NumberAttribute(default=0)
    created_at = UTCDateTimeAttribute()
    finalized_at = UTCDateTimeAttribute(null=True)


class CandidateItem(CertifItem):
    data = UnicodeAttribute()


class CounterItem(CertifItem):
    value = NumberAttribute(default=0)


class AccessCodeItem(CertifItem):
    session_id = UnicodeAttribute()


def session_key(session_id: str) -> tuple[str, str]:
    return f"SESSION#{session_id}", "SESSION"


def candidate_key(session_id: str, candidate_id: str) -> tuple[str, str]:
    return f"SESSION#{session_id}", f"CANDIDATE#{candidate_id}"


def center_sessions_key(center_id: str) -> str:
    return f"CENTER#{center_id}#SESSIONS"


def session_item(s: Session) -> SessionItem:
    pk, sk = session_key(s.id)
    return SessionItem(
        pk,
        sk,
        gsi1pk=center_sessions_key(s.center_id),
        # By date and time, then number (zero-padded so that 10000 sorts before 9999).
        gsi1sk=f"{s.date.isoformat()}T{s.time.strftime('%H:%M')}#{int(s.id):012d}",
        center_id=s.center_id,
        address=s.address,
        room=s.room,
        session_date=s.date.isoformat(),
        start_time=s.time.strftime("%H:%M"),
        examiner=s.examiner,
        name=s.name,
        description=s.description,
        access_code=s.access_code,
        examiner_password=s.examiner_password,
        status=s.status.value,
        candidate_count=s.candidate_count,
        created_at=s.created_at,
        finalized_at=s.finalized_at,
        version=s.version,
    )


def session_from(item: SessionItem) -> Session:
    return Session(
        id=item.pk.removeprefix("SESSION#"),
        center_id=item.center_id,
        schedule=Schedule(
            address=item.address,
            room=item.room,
            date=date.fromisoformat(item.session_date),
            time=time.fromisoformat(item.start_time),
            examiner=item.examiner,
            name=item.name,
            description=item.description,
        ),
        access_code=item.access_code,
        examiner_password=item.examiner_password,
        status=SessionStatus(item.status),
        candidate_count=int(item.candidate_count or 0),
        created_at=item.created_at,
        finalized_at=item.finalized_at,
        version=int(item.version or 0),
    )


def born_key(session_id: str, birthdate: date) -> str:
    return f"SESSION#{session_id}#BORN#{birthdate.isoformat()}"


def seat_key(session_id: str, user_id: str) -> str:
    return f"SESSION#{session_id}#USER#{user_id}"


def candidate_item(c: Candidate) -> CandidateItem:
    """Indexed by birthdate (gsi2: joining looks up a few, not the whole session) and, once
    joined, by account (gsi1: the candidate's own requests find their seat)."""
    pk, sk = candidate_key(c.session_id, c.id)
    joined = c.has_joined and c.user_id
    return CandidateItem(
        pk,
        sk,
        data=candidate_json(c),
        version=c.version,
        gsi1pk=seat_key(c.session_id, c.user_id) if joined and c.user_id else None,
        gsi1sk=c.id if joined else None,
        gsi2pk=born_key(c.session_id, c.birthdate),
        gsi2sk=c.id,
    )


def candidate_from(item: CandidateItem) -> Candidate:
    return candidate_from_json(item.data, int(item.version or 0))
