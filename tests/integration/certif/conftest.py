"""Certif through HTTP on moto: a certification centre, its students as orga's import and the
engine's profiles would leave them, a clock inside the collège calendar."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import boto3
import pytest
from moto import mock_aws

from chalicelib.certif.domain.calendar import CalendarPolicy, CalendarSettings
from infra.local import apps as app_loader
from infra.local.moto_server import deploy_template
from pixcore.clock import FixedClock
from pixcore.messages.catalog import (
    CompetenceMark,
    LearnerReconciled,
    OrganizationRegistered,
    ProfileUpdated,
    StudentsImported,
)
from pixcore.principal import ADMIN, Principal
from tests.integration.conftest import ROOT, _reset_caches, body, drain, token_for

# Tuesday 3 March 2026, 9:00 in Paris: collèges are open (22 February), sessions from 8 March.
TODAY = datetime(2026, 3, 3, 8, 0, tzinfo=UTC)
SESSION = {
    "address": "Collège Victor-Hugo",
    "room": "Salle B12",
    "date": "2026-03-10",
    "time": "14:00",
    "examiner": "M. Martin",
}
STUDENTS = [
    ("s-zoe", "Zoé", "Lefèvre", "2011-02-28", "3E1"),
    ("s-cagla", "Çağla", "Öztürk", "2010-11-03", "3E1"),
    ("s-lan", "Thị Lan", "Nguyễn", "2011-06-14", "3E2"),
    ("s-lukasz", "Łukasz", "Wójcik", "2011-01-09", "3E2"),
]


def headers(principal: Principal) -> dict[str, str]:
    return {"Authorization": f"Bearer {token_for(principal)}", "Content-Type": "application/json"}


@dataclass
class Certif:
    """The certif app on moto, with helpers that play what other services would send."""

    http: Any
    ports: Any
    center_id: str = "org-1"
    admin: dict[str, str] = field(default_factory=dict)

    def call(self, method: str, path: str, who: dict[str, str] | None = None, payload: Any = None):  # noqa: ANN201
        kwargs: dict[str, Any] = {"headers": who if who is not None else self.admin}
        if payload is not None:
            kwargs["body"] = payload if isinstance(payload, bytes) else json.dumps(payload)
        return getattr(self.http, method.lower())(path, **kwargs)

    def json(
        self,
        method: str,
        path: str,
        who: dict[str, str] | None = None,
        payload: Any = None,
        status: int = 200,
    ) -> Any:
        reply = self.call(method, path, who, payload)
        assert reply.status_code == status, reply.body
        return body(reply)

    def import_students(
        self, rows: list[tuple], at: datetime | None = None, disabled: list[str] | None = None
    ) -> None:
        from chalicelib.certif.use_cases.read_models import record_students

        key = f"imports/{self.center_id}/{len(rows)}-{(at or TODAY).timestamp()}.students.jsonl"
        lines = [
            json.dumps(
                {
                    "id": sid,
                    "ine": f"{i:09d}AB",
                    "first_name": first,
                    "last_name": last,
                    "birthdate": born,
                    "division": division,
                    "sex": "F",
                    "birth_country_code": "99100",
                    "birth_department_code": "75",
                    "birth_city_code": "75056",
                },
                ensure_ascii=False,
            )
            for i, (sid, first, last, born, division) in enumerate(rows)
        ]
        boto3.client("s3").put_object(
            Bucket="pixcert-orga-documents", Key=key, Body="\n".join(lines).encode()
        )
        message = StudentsImported(
            organization_id=self.center_id,
            import_id="imp",
            students_bucket="pixcert-orga-documents",
            students_key=key,
            active_count=len(rows),
            disabled_student_ids=disabled or [],
            occurred_at=at or TODAY,
        )
        record_students(self.ports, message)

    def link(self, student_id: str, user_id: str) -> None:
        from chalicelib.certif.use_cases.read_models import record_reconciliation

        record_reconciliation(
            self.ports,
            LearnerReconciled(
                organization_id=self.center_id, student_id=student_id, user_id=user_id
            ),
        )

    def profile(self, user_id: str, certifiable: bool = True, at: datetime | None = None) -> None:
        from chalicelib.certif.use_cases.read_models import record_profile

        levels = [2] * 6 if certifiable else [1] * 3
        marks = [
            CompetenceMark(competence=f"1.{i}", level=lv, pix=8 * lv) for i, lv in enumerate(levels)
        ]
        record_profile(
            self.ports,
            ProfileUpdated(
                user_id=user_id,
                competences=marks,
                total_pix=80,
                certifiable=certifiable,
                as_of=at or TODAY,
            ),
        )

    def student(self, student_id: str) -> dict[str, str]:
        """A student whose account is linked and certifiable; their headers."""
        user = f"user-{self.center_id}-{student_id}"
        self.link(student_id, user)
        self.profile(user)
        return headers(Principal(user))

    def session(self, **changes: Any) -> dict:
        return self.json(
            "POST",
            f"/centers/{self.center_id}/sessions",
            payload={**SESSION, **changes},
            status=201,
        )

    def enroll(self, session_id: str, student_ids: list[str]) -> list[dict]:
        return self.json(
            "POST",
            f"/sessions/{session_id}/candidates",
            payload={"student_ids": student_ids},
            status=201,
        )["candidates"]

    def examiner(self, session: dict) -> dict[str, str]:
        token = self.json(
            "POST",
            f"/sessions/{session['id']}/supervise",
            who={},
            payload={"examiner_password": session["examiner_password"]},
        )
        return {
            "Authorization": f"Bearer {token['access_token']}",
            "Content-Type": "application/json",
        }


@pytest.fixture(scope="module")
def certif_stack() -> Iterator[tuple[dict, Any]]:
    """One embedded AWS per test module (deploying the template takes seconds): each test gets
    a centre of its own instead."""
    from chalice.test import Client

    with mock_aws():
        app_loader.apply_environment()
        deploy_template(signing_key="integration-test-signing-key-0123456789abcdef")
        _reset_caches()
        apps = app_loader.load_all()
        project = str(ROOT / "services" / "certif")
        with Client(apps["certif"].app, stage_name="local", project_dir=project) as client:
            yield apps, client
        _reset_caches()


_centers = itertools.count(1)


@pytest.fixture
def certif(certif_stack) -> Certif:  # noqa: ANN001
    from chalicelib.certif.use_cases.centers import record_organization

    apps, client = certif_stack
    ports = apps["certif"].bootstrap.ports()
    ports.clock = FixedClock(TODAY)
    ports.calendar = CalendarSettings(policy=CalendarPolicy.REFUSE)  # the local stage only warns
    center_id = f"org-{next(_centers)}"
    record_organization(
        ports,
        OrganizationRegistered(
            organization_id=center_id,
            uai="0750655E",
            name="Collège Jean-Moulin",
            organization_type="COLLEGE",
            sector="PUBLIC",
            academie="Paris",
            is_certification_center=True,
        ),
    )
    for service in ("certif", "engine", "jury"):
        drain(service)
    admin = headers(Principal(f"admin-{center_id}", memberships={center_id: ADMIN}))
    found = Certif(client.http, ports, center_id, admin)
    found.import_students(STUDENTS)
    return found


@pytest.fixture
def ready(certif: Certif) -> Callable[..., tuple[dict, list[dict]]]:
    """A session with the four students enrolled."""

    def make(**changes: Any) -> tuple[dict, list[dict]]:
        session = certif.session(**changes)
        return session, certif.enroll(session["id"], [s[0] for s in STUDENTS])

    return make


def born(text: str) -> date:
    return date.fromisoformat(text)
