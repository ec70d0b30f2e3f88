"""In-memory adapters for unit tests of jury's use cases (their contract suite runs against the
DynamoDB ones too)."""

from __future__ import annotations

import copy
import hashlib
import json
from dataclasses import asdict, replace
from datetime import datetime
from typing import Any

from chalicelib.jury.domain.attestation import Attestation
from chalicelib.jury.domain.certification import Certification
from chalicelib.jury.domain.jury_session import JurySession, SessionState
from chalicelib.jury.domain.stats import (
    FIGURE_NAMES,
    NATIONAL,
    Deltas,
    Figures,
    School,
    SessionTally,
    WeekFigures,
    weekly,
)
from chalicelib.jury.ports import DocumentCheck, Position, VerifiedCertificate
from pixcore.errors import ConcurrentUpdate, Invalid


def _versioned_put(store: dict[str, Any], key: str, item: Any, conflict: Exception | None) -> None:
    stored = store.get(key)
    if (stored.version if stored else 0) != item.version:
        raise conflict or ConcurrentUpdate()
    item.version += 1
    store[key] = copy.deepcopy(item)


def _page(items: list[Any], limit: int, position: Position) -> tuple[list[Any], Position]:
    start = int((position or {}).get("offset", 0))
    end = start + limit
    return items[start:end], ({"offset": end} if end < len(items) else None)


class InMemoryCertifications:
    def __init__(self) -> None:
        self.items: dict[str, Certification] = {}

    def find(self, course_id: str) -> Certification | None:
        found = self.items.get(course_id)
        return copy.deepcopy(found) if found else None

    def get_many(self, course_ids: list[str]) -> list[Certification]:
        return [copy.deepcopy(self.items[c]) for c in course_ids if c in self.items]

    def save(self, certification: Certification, conflict: Exception | None = None) -> None:
        _versioned_put(self.items, certification.course_id, certification, conflict)

    def of_user(self, user_id: str) -> list[Certification]:
        return [copy.deepcopy(c) for c in self.items.values() if c.user_id == user_id]


class InMemorySessions:
    def __init__(self) -> None:
        self.items: dict[str, JurySession] = {}

    def find(self, session_id: str) -> JurySession | None:
        found = self.items.get(session_id)
        return copy.deepcopy(found) if found else None

    def save(self, session: JurySession, conflict: Exception | None = None) -> None:
        _versioned_put(self.items, session.session_id, session, conflict)

    def _sorted(self, keep: Any) -> list[JurySession]:
        found = [copy.deepcopy(s) for s in self.items.values() if s.finalized and keep(s)]
        return sorted(found, key=lambda s: (str(s.finalized_at), s.session_id))

    def in_state(
        self, state: SessionState, limit: int, position: Position
    ) -> tuple[list[JurySession], Position]:
        return _page(self._sorted(lambda s: s.state is state), limit, position)

    def assigned_to(
        self, user_id: str, limit: int, position: Position
    ) -> tuple[list[JurySession], Position]:
        mine = self._sorted(lambda s: s.assigned_to == user_id and not s.is_published)
        return _page(mine, limit, position)


class InMemoryVerificationCodes:
    def __init__(self) -> None:
        self.items: dict[str, VerifiedCertificate] = {}
        self.lookups = 0

    def publish(
        self, certificates: list[VerifiedCertificate], published_at: datetime | None = None
    ) -> None:
        for c in certificates:
            self.items[c.verification_code] = c

    def withdraw(self, codes: list[str]) -> None:
        for code in codes:
            self.items.pop(code, None)

    def lookup(self, codes: list[str]) -> VerifiedCertificate | None:
        self.lookups += 1
        return next((self.items[c] for c in codes if c in self.items), None)


class InMemoryMembers:
    def __init__(self) -> None:
        self.items: dict[str, tuple[datetime, dict[str, str]]] = {}

    def save(self, organization_id: str, members: dict[str, str], as_of: datetime) -> None:
        stored = self.items.get(organization_id)
        if stored is None or stored[0] < as_of:
            self.items[organization_id] = (as_of, dict(members))

    def role_of(self, organization_id: str, user_id: str) -> str | None:
        return self.items.get(organization_id, (None, {}))[1].get(user_id)


def _move(counter: dict[str, int], deltas: Deltas) -> None:
    for name, delta in deltas.items():
        counter[name] = counter.get(name, 0) + delta


class InMemoryStats:
    def __init__(self) -> None:
        self.schools: dict[str, School] = {}
        self.facts: set[str] = set()
        self.tallies: dict[str, SessionTally] = {}
        self.counters: dict[tuple[str, str], dict[str, int]] = {}
        self.week_counters: dict[tuple[str, str, str], dict[str, int]] = {}

    def save_school(self, school: School) -> None:
        self.schools[school.organization_id] = school

    def school(self, organization_id: str) -> School | None:
        return self.schools.get(organization_id)

    def _add(self, school: School, deltas: Deltas, week: str) -> None:
        for academie in (school.academie, NATIONAL):
            _move(self.counters.setdefault((academie, school.sector), {}), deltas)
            if weekly(deltas):
                key = (academie, week, school.sector)
                _move(self.week_counters.setdefault(key, {}), weekly(deltas))

    def count_once(self, fact: str, school: School, deltas: Deltas, week: str) -> bool:
        if fact in self.facts:
            return False
        self.facts.add(fact)
        self._add(school, deltas, week)
        return True

    def session_tally(self, session_id: str) -> SessionTally | None:
        return self.tallies.get(session_id)

    def save_tally(self, tally: SessionTally, school: School, deltas: Deltas, week: str) -> None:
        stored = self.tallies.get(tally.session_id)
        if (stored.version if stored else 0) != tally.version:
            raise ConcurrentUpdate()
        self.tallies[tally.session_id] = replace(tally, version=tally.version + 1)
        self._add(school, deltas, week)

    def figures(self, academie: str) -> dict[str, Figures]:
        found = {}
        for (a, sector), counter in self.counters.items():
            if a == academie:
                found[sector] = Figures(**{n: counter.get(n, 0) for n in FIGURE_NAMES})
        return found

    def weeks(self, academie: str) -> dict[str, dict[str, WeekFigures]]:
        found: dict[str, dict[str, WeekFigures]] = {}
        for (a, week, sector), counter in self.week_counters.items():
            if a == academie:
                found.setdefault(week, {})[sector] = WeekFigures(**counter)
        return found


class InMemoryThrottle:
    def __init__(self) -> None:
        self.counts: dict[str, int] = {}

    def hit(self, key: str, window_seconds: int, at: datetime) -> int:
        window = f"{key}#{int(at.timestamp()) // window_seconds}"
        self.counts[window] = self.counts.get(window, 0) + 1
        return self.counts[window]


FAKE_MARK = b"%PDF-1.7\n% fake signed attestation\n"


def _digest(body: bytes) -> str:
    return hashlib.sha256(b"fake signature" + body).hexdigest()


class FakeRenderer:
    """Writes the attestations as JSON after a PDF header, with a digest standing for a
    signature: enough for use cases, the real PDF is tested with the real renderer."""

    def __init__(self) -> None:
        self.rendered = 0

    def render(self, attestations: list[Attestation]) -> bytes:
        self.rendered += 1
        body = json.dumps([asdict(a) for a in attestations], default=str).encode()
        return FAKE_MARK + body + b"\n%%sig:" + _digest(body).encode()


class FakeSignatureChecker:
    def check(self, pdf: bytes) -> DocumentCheck:
        if not pdf.startswith(b"%PDF-"):
            raise Invalid("Ce fichier n'est pas un PDF.", code="NOT_A_PDF")
        if not pdf.startswith(FAKE_MARK) or b"\n%%sig:" not in pdf:
            return DocumentCheck(False, False, False, False)
        body, _, signature = pdf[len(FAKE_MARK) :].rpartition(b"\n%%sig:")
        intact = signature.decode(errors="replace") == _digest(body)
        codes: tuple[str, ...] = ()
        if intact:
            codes = tuple(a["verification_code"] for a in json.loads(body))
        return DocumentCheck(True, True, intact, True, "Pix (fake)", None, codes)
