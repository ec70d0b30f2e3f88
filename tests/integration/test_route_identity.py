"""Every route of the four OpenAPI documents × every identity, against `route_table.ROUTES`."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pytest

from pixcore import runtime
from pixcore.messages.catalog import CampaignCreated, CampaignJoined
from pixcore.principal import ACADEMIE, ADMIN, EXAMINER, JURY, MEMBER, Principal
from tests.integration import route_table as table
from tests.integration.conftest import ORGA_SCHOOL, body

OTHER_SCHOOL = {**ORGA_SCHOOL, "uai": "0330003Z", "name": "Collège Montaigne"}


@dataclass
class World:
    school: str
    other_school: str
    login_email: str
    login_password: str
    assessment_id: str
    challenge_id: str
    skill_id: str
    tokens: dict[str, str]
    session: str = ""
    candidate: str = ""
    examiner_password: str = ""
    access_code: str = ""
    spares: dict[str, tuple[str, str]] = field(default_factory=dict)


def documented_routes(apps: dict) -> set[tuple[str, str, str]]:
    return {
        (service, method.upper(), path)
        for service, module in apps.items()
        for path, methods in module.api.openapi.document()["paths"].items()
        for method in methods
    }


def test_every_documented_route_has_its_row_and_every_row_its_route(apps):
    documented = documented_routes(apps)
    missing = sorted(documented - set(table.ROUTES))
    stale = sorted(set(table.ROUTES) - documented)
    assert not missing, f"routes without a row in tests/integration/route_table.py: {missing}"
    assert not stale, f"rows of routes that no document lists: {stale}"


def tampered(token: str) -> str:
    header, payload, signature = token.split(".")
    return f"{header}.{payload}.{signature[:-4]}{'AAAA' if signature[-4:] != 'AAAA' else 'BBBB'}"


def deliver(apps: dict, service: str) -> None:
    """Hand what a service's queue holds to its Lambda handler, as the pumps would."""
    import boto3

    from infra.local.pump import sqs_event

    sqs = boto3.client("sqs")
    url = sqs.get_queue_url(QueueName=f"pixcert-{service}-messages")["QueueUrl"]
    while messages := sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages"):
        for m in messages:
            apps[service].on_message(sqs_event([m], "arn:aws:sqs:eu-west-3:1:q"), None)
            sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])


@pytest.fixture
def world(apps, client, jury_headers) -> World:
    issue = runtime.tokens().issue
    orga = client("orga").http
    school = body(orga.post("/organizations", headers=jury_headers, body=json.dumps(ORGA_SCHOOL)))
    other = body(orga.post("/organizations", headers=jury_headers, body=json.dumps(OTHER_SCHOOL)))
    signup = {
        "first_name": "Léa",
        "last_name": "Martin",
        "birthdate": "1985-02-01",
        "email": "lea.martin@route-table.test",
        "password": "Motdepasse-2021",
    }
    assert (
        orga.post(
            "/users", headers={"Content-Type": "application/json"}, body=json.dumps(signup)
        ).status_code
        == 201
    )
    student = issue(Principal("student-1"))
    started = client("engine").http.post(
        "/competence-evaluations",
        headers={"Authorization": f"Bearer {student}", "Content-Type": "application/json"},
        body=json.dumps({"competence": "1.1"}),
    )
    assessment = body(started)["assessment_id"]
    current = body(
        client("engine").http.get(
            f"/assessments/{assessment}/next", headers={"Authorization": f"Bearer {student}"}
        )
    )
    deliver(apps, "certif")  # the centre reaches certif as OrganizationRegistered
    from chalicelib.engine import bootstrap

    skill = next(iter(bootstrap.content().skills))
    tokens = {
        table.STUDENT: student,
        table.MEMBER: issue(Principal("member-1", memberships={school["id"]: MEMBER})),
        table.ADMIN: issue(Principal("admin-1", memberships={school["id"]: ADMIN})),
        table.OTHER_ADMIN: issue(Principal("admin-2", memberships={other["id"]: ADMIN})),
        table.OTHER_EXAMINER: issue(Principal("exam-1", EXAMINER, session_id="session-other")),
        table.JURY: issue(Principal("jury-1", JURY)),
        table.ACADEMIE: issue(Principal("aca-1", ACADEMIE, academie="Paris")),
        table.EXPIRED: runtime.tokens().issue(
            Principal("jury-1", JURY), now=time.time() - 7200, lifetime=60
        ),
    }
    tokens[table.TAMPERED] = tampered(tokens[table.JURY])
    found = World(
        school["id"],
        other["id"],
        signup["email"],
        signup["password"],
        assessment,
        current["challenge_id"],
        skill,
        tokens,
    )
    session_day(apps, client, found)
    campaign_joined(apps, found)
    return found


def campaign_joined(apps: dict, world: World) -> None:
    """What orga's CampaignCreated and CampaignJoined leave in engine: the student may start."""
    from chalicelib.engine.use_cases import campaigns

    ports, now = apps["engine"].bootstrap.ports(), datetime.now(UTC)
    code, campaign = table.CAMPAIGN_CODE, "campaign-routes"
    created = CampaignCreated(
        campaign_id=campaign,
        code=code,
        organization_id=world.school,
        campaign_type="ASSESSMENT",
        target_skill_ids=[world.skill_id],
        created_at=now,
    )
    campaigns.record_created(ports, created)
    joined = CampaignJoined(
        campaign_id=campaign,
        code=code,
        organization_id=world.school,
        student_id="s-zoe",
        user_id="student-1",
        joined_at=now,
    )
    campaigns.record_joined(ports, joined)


def session_day(apps: dict, client, world: World) -> None:  # noqa: ANN001
    """A session of the school with its four students enrolled, Zoé being the student's linked
    and certifiable account; the examiner's token from the session's password; a spare session
    with one candidate per identity for the routes that remove things."""
    from tests.integration.certif.conftest import STUDENTS, Certif

    certif = Certif(client("certif").http, apps["certif"].bootstrap.ports(), world.school)
    certif.admin = {
        "Authorization": f"Bearer {world.tokens[table.ADMIN]}",
        "Content-Type": "application/json",
    }
    certif.import_students(STUDENTS, at=datetime.now(UTC))
    certif.link("s-zoe", "student-1")
    certif.profile("student-1", at=datetime.now(UTC))
    session = certif.session(**table.SESSION)
    candidates = certif.enroll(session["id"], [s[0] for s in STUDENTS])
    world.session, world.examiner_password = session["id"], session["examiner_password"]
    world.access_code = session["access_code"]
    world.candidate = next(c["id"] for c in candidates if c["student_id"] == "s-zoe")
    examiner = certif.examiner(session)["Authorization"].removeprefix("Bearer ")
    world.tokens[table.EXAMINER] = examiner
    for identity in table.IDENTITIES:
        spare = certif.session(**table.SESSION)
        (enrolled,) = certif.enroll(spare["id"], ["s-cagla"])
        world.spares[identity] = (spare["id"], enrolled["id"])


def outcome_matches(expected: str, status: int) -> bool:
    if expected == table.OK:
        return status not in (401, 403) and status < 500
    if expected == table.SUCCESS:
        return 200 <= status < 300
    if expected == table.DENIED:
        return status in (403, 404)
    return status == int(expected)


def call(client, world: World, service: str, method: str, path: str, identity: str):  # noqa: ANN001, ANN201
    request = table.ROUTES[(service, method, path)].sample(world, identity)
    values = {
        "org_id": world.school,
        "center_id": world.school,
        "assessment_id": world.assessment_id,
        "campaign_id": "campaign-unknown",
        "code": "ABCDEF123",
        "import_id": "import-unknown",
        "student_id": "student-unknown",
        "session_id": world.session,
        "course_id": "course-unknown",
        "issue_report_id": "report-unknown",
        "candidate_id": world.candidate,
        **request.params,
    }
    concrete = path.format(**values)
    if request.query:
        concrete += "?" + "&".join(f"{k}={v}" for k, v in request.query.items())
    headers = {"Content-Type": request.content_type, "Accept": "*/*"}
    if identity in world.tokens:
        headers["Authorization"] = f"Bearer {world.tokens[identity]}"
    data = (
        request.raw
        if request.raw is not None
        else (json.dumps(request.body).encode() if request.body is not None else b"")
    )
    return client(service).http.request(method, concrete, headers=headers, body=data)


def test_each_identity_gets_the_expected_answer_on_every_route(apps, client, world):
    documents = {service: module.api.openapi.document() for service, module in apps.items()}
    mismatches, cells = [], 0
    for (service, method, path), row in table.ROUTES.items():
        documented = documents[service]["paths"][path][method.lower()]["responses"]
        for identity in table.IDENTITIES:
            response = call(client, world, service, method, path, identity)
            cells += 1
            expected = row.expected(identity)
            matches = outcome_matches(expected, response.status_code)
            where = f"{service} {method} {path} as {identity}"
            if str(response.status_code) not in documented:
                mismatches.append(f"{where}: {response.status_code} is not in its document")
            if response.status_code >= 500 or (matches == (identity in row.pending)):
                pending = row.pending.get(identity)
                note = f" (pending: {pending}; now right: drop the mark)" if pending else ""
                mismatches.append(
                    f"{where}: expected {expected}, got {response.status_code} "
                    f"{response.body[:120]!r}{note}"
                )
    assert cells == len(table.ROUTES) * len(table.IDENTITIES)
    assert not mismatches, "\n".join(mismatches)
