"""Certifications, sessions, verification codes and members in jury's table. Aggregates are JSON
documents beside the attributes their indexes need, written with versioned conditional puts."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from pynamodb.attributes import UnicodeAttribute

from chalicelib.jury.adapters.codec import dumps, loads
from chalicelib.jury.adapters.tables import JuryItem
from chalicelib.jury.domain.certification import Certification
from chalicelib.jury.domain.jury_session import JurySession, SessionState
from chalicelib.jury.ports import Position, VerifiedCertificate
from pixcore import retention as keep
from pixcore.dynamo import conditional, put_versioned
from pixcore.errors import ConcurrentUpdate


class CertificationItem(JuryItem):
    data = UnicodeAttribute()


class SessionItem(JuryItem):
    data = UnicodeAttribute()


class CodeItem(JuryItem):
    data = UnicodeAttribute()


class MembersItem(JuryItem):
    members = UnicodeAttribute()
    as_of = UnicodeAttribute()


def _cert_key(course_id: str) -> tuple[str, str]:
    return f"CERT#{course_id}", "CERT"


class DynamoCertifications:
    def find(self, course_id: str) -> Certification | None:
        try:
            item = CertificationItem.get(*_cert_key(course_id), consistent_read=True)
        except CertificationItem.DoesNotExist:
            return None
        return self._load(item)

    @staticmethod
    def _load(item: CertificationItem) -> Certification:
        found = loads(Certification, item.data)
        found.version = int(item.version or 0)
        return found

    def get_many(self, course_ids: list[str]) -> list[Certification]:
        keys = [_cert_key(c) for c in dict.fromkeys(course_ids)]
        found = {
            i.pk: self._load(i) for i in CertificationItem.batch_get(keys, consistent_read=True)
        }
        return [found[k] for k, _ in keys if k in found]

    def save(self, certification: Certification, conflict: Exception | None = None) -> None:
        pk, sk = _cert_key(certification.course_id)
        item = CertificationItem(
            pk,
            sk,
            data=dumps(certification),
            gsi2pk=f"USERCERTS#{certification.user_id}",
            gsi2sk=certification.course_id,
        )
        certification.version = put_versioned(item, certification.version, conflict)

    def of_user(self, user_id: str) -> list[Certification]:
        return [self._load(i) for i in CertificationItem.gsi2.query(f"USERCERTS#{user_id}")]


def _session_key(session_id: str) -> tuple[str, str]:
    return f"JSESSION#{session_id}", "SESSION"


class DynamoSessions:
    def find(self, session_id: str) -> JurySession | None:
        try:
            item = SessionItem.get(*_session_key(session_id), consistent_read=True)
        except SessionItem.DoesNotExist:
            return None
        return self._load(item)

    @staticmethod
    def _load(item: SessionItem) -> JurySession:
        found = loads(JurySession, item.data)
        found.version = int(item.version or 0)
        return found

    def save(self, session: JurySession, conflict: Exception | None = None) -> None:
        pk, sk = _session_key(session.session_id)
        order = f"{session.finalized_at.isoformat() if session.finalized_at else ''}#{session.session_id}"
        item = SessionItem(pk, sk, data=dumps(session))
        if session.finalized:
            item.gsi1pk, item.gsi1sk = f"JSESSIONS#{session.state.value}", order
        if session.assigned_to and not session.is_published:
            item.gsi2pk, item.gsi2sk = f"ASSIGNED#{session.assigned_to}", order
        session.version = put_versioned(item, session.version, conflict)

    def _page(self, index, key: str, limit: int, position: Position):  # noqa: ANN001, ANN202
        found = index.query(key, limit=limit, page_size=limit, last_evaluated_key=position)
        sessions = [self._load(i) for i in found]
        after = found.last_evaluated_key if len(sessions) == limit else None
        return sessions, after

    def in_state(
        self, state: SessionState, limit: int, position: Position
    ) -> tuple[list[JurySession], Position]:
        return self._page(SessionItem.gsi1, f"JSESSIONS#{state.value}", limit, position)

    def assigned_to(
        self, user_id: str, limit: int, position: Position
    ) -> tuple[list[JurySession], Position]:
        return self._page(SessionItem.gsi2, f"ASSIGNED#{user_id}", limit, position)


def _code_key(code: str) -> tuple[str, str]:
    return f"VCODE#{code}", "VCODE"


class DynamoVerificationCodes:
    """Written at publication for valid certificates only: a code that is unknown, unpublished,
    rejected or cancelled is simply absent, and the lookup cannot tell them apart."""

    def publish(
        self, certificates: list[VerifiedCertificate], published_at: datetime | None = None
    ) -> None:
        """Each record expires when its certificate does: 3 years after its publication (TTL)."""
        expires = keep.after(published_at or datetime.now(UTC), keep.CERTIFICATE_VALIDITY_DAYS)
        with CodeItem.batch_write() as batch:
            for c in certificates:
                item = CodeItem(*_code_key(c.verification_code), data=dumps(c), expires_at=expires)
                batch.save(item)

    def withdraw(self, codes: list[str]) -> None:
        with CodeItem.batch_write() as batch:
            for code in codes:
                batch.delete(CodeItem(*_code_key(code)))

    def lookup(self, codes: list[str]) -> VerifiedCertificate | None:
        keys = [_code_key(c) for c in dict.fromkeys(codes)][:16]
        for item in CodeItem.batch_get(keys):
            return VerifiedCertificate(**json.loads(item.data))
        return None


class DynamoMembers:
    def save(self, organization_id: str, members: dict[str, str], as_of: datetime) -> None:
        item = MembersItem(
            f"MEMBERS#{organization_id}",
            "MEMBERS",
            members=json.dumps(members),
            as_of=as_of.isoformat(),
        )
        newer = MembersItem.pk.does_not_exist() | (MembersItem.as_of < as_of.isoformat())
        try:
            with conditional():
                item.save(condition=newer)
        except ConcurrentUpdate:
            pass  # an older list than the one kept: nothing to change

    def role_of(self, organization_id: str, user_id: str) -> str | None:
        try:
            item = MembersItem.get(f"MEMBERS#{organization_id}", "MEMBERS")
        except MembersItem.DoesNotExist:
            return None
        return json.loads(item.members).get(user_id)
