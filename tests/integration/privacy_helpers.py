"""A learner with data in every service (orga's import and campaign, engine's placement,
certif's session and attendance sheet), the queues pumped as the local stack does, and a scan
of every table and bucket for what the learner's data looks like."""

from __future__ import annotations

import json
import subprocess
import unicodedata
from dataclasses import dataclass
from typing import Any

import boto3

from infra import resources
from infra.samples.siecle_builder import school_eleves, siecle_xml
from pixcore.principal import ADMIN, Principal
from tests.integration.conftest import ORGA_SCHOOL, body, drain, token_for
from tests.integration.engine_helpers import first_challenge, post, start
from tests.integration.test_consumers import lambda_event
from tests.integration.test_orga_campaigns import student
from tests.integration.test_orga_imports import UAI, upload

JSON = {"Content-Type": "application/json"}
# Zoé as SIECLE knows her (infra/samples/siecle_builder.py) and as she signs up.
INE, MIDDLE_NAME, BORN = "1234567890A", "Ÿvette", "2008-02-29"


def pump(apps: dict, rounds: int = 20) -> int:
    """Every queue into its service's handler until all are empty; how many were handled."""
    handled = 0
    for _ in range(rounds):
        moved = 0
        for service in resources.SERVICES:
            for message in drain(service):
                apps[service].on_message(lambda_event(json.dumps(message)), None)
                moved += 1
        handled += moved
        if not moved:
            return handled
    raise AssertionError("the queues never emptied")


@dataclass
class Learner:
    org_id: str
    admin: dict[str, str]
    user_id: str
    auth: dict[str, str]
    student_id: str
    username: str
    session_id: str
    campaign_code: str


def learner_everywhere(client: Any, apps: dict, jury_headers: dict[str, str]) -> Learner:
    orga, certif = client("orga").http, client("certif").http
    org = body(orga.post("/organizations", headers=jury_headers, body=json.dumps(ORGA_SCHOOL)))
    admin = {
        "Authorization": f"Bearer {token_for(Principal('admin-1', 'STUDENT', {org['id']: ADMIN}))}",
        **JSON,
    }
    pump(apps)
    school = {"id": org["id"], "auth": admin}
    assert upload(client, school, siecle_xml(school_eleves(), uai=UAI)).status_code == 202
    pump(apps)
    campaign = body(
        orga.post(
            f"/organizations/{org['id']}/campaigns",
            headers=admin,
            body=json.dumps({"name": "Parcours de rentrée", "type": "PROFILES_COLLECTION"}),
        )
    )
    user_id, auth = student(client, born=BORN)
    me = body(orga.get("/me", headers=auth))
    joined = orga.post(
        f"/campaigns/{campaign['code']}/participations",
        headers=auth,
        body=json.dumps(
            {"first_name": "Zoé", "last_name": "Lefèvre", "birthdate": BORN, "external_id": "Z-1"}
        ),
    )
    assert joined.status_code == 201, joined.body
    pump(apps)
    student_id = body(joined)["student_id"]
    # engine: a placement test started and one answer given
    assessment = start(client, auth, "1.1")
    challenge = first_challenge(client, auth, assessment["assessment_id"])
    answer = {"challenge_id": challenge["challenge_id"], "skip": True}
    assert post(client, f"/assessments/{assessment['assessment_id']}/answers", answer, auth)
    # certif: a session, Zoé enrolled, the attendance sheet printed
    session = certif.post(
        f"/centers/{org['id']}/sessions",
        headers=admin,
        body=json.dumps(
            {
                "address": "Collège Jean-Moulin",
                "room": "B12",
                "date": "2027-03-10",
                "time": "14:00",
                "examiner": "M. Martin",
            }
        ),
    )
    assert session.status_code == 201, session.body
    session_id = body(session)["id"]
    enrolled = certif.post(
        f"/sessions/{session_id}/candidates",
        headers=admin,
        body=json.dumps({"student_ids": [student_id, other_student(client, org["id"], admin)]}),
    )
    assert enrolled.status_code == 201, enrolled.body
    sheet = certif.get(
        f"/sessions/{session_id}/attendance-sheet.pdf",
        headers={**admin, "Accept": "application/pdf"},
    )
    assert sheet.status_code == 200, sheet.body
    pump(apps)
    return Learner(
        org["id"], admin, user_id, auth, student_id, me["username"], session_id, campaign["code"]
    )


def other_student(client: Any, org_id: str, admin: dict[str, str]) -> str:
    found = body(
        client("orga").http.get(f"/organizations/{org_id}/students?search=Loïc", headers=admin)
    )
    return found["students"][0]["id"]


def fold(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text)
    return "".join(c for c in plain if not unicodedata.combining(c)).casefold()


def _pdf_text(data: bytes) -> str:
    done = subprocess.run(
        ["pdftotext", "-", "-"], input=data, capture_output=True, check=True, timeout=30
    )
    return done.stdout.decode()


def stored_everywhere() -> list[tuple[str, str, str]]:
    """(where, what, folded text) of every item of every table and every object of every
    bucket of the stack, PDFs as their text."""
    found: list[tuple[str, str, str]] = []
    dynamodb, s3 = boto3.client("dynamodb"), boto3.client("s3")
    for name in dynamodb.list_tables()["TableNames"]:
        for page in dynamodb.get_paginator("scan").paginate(TableName=name):
            for item in page["Items"]:
                key = f"{item.get('pk', {}).get('S', '')}|{item.get('sk', {}).get('S', '')}"
                found.append((name, key, fold(json.dumps(item, ensure_ascii=False))))
    for bucket in (b["Name"] for b in s3.list_buckets()["Buckets"]):
        for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
            for obj in page.get("Contents", []):
                data = s3.get_object(Bucket=bucket, Key=obj["Key"])["Body"].read()
                text = _pdf_text(data) if data.startswith(b"%PDF") else data.decode("latin-1")
                found.append((bucket, obj["Key"], fold(text)))
    return found


def holding(*needles: str) -> list[tuple[str, str]]:
    """Where any of these appear (folded: case and accents ignored)."""
    folded = [fold(n) for n in needles]
    return [
        (where, what) for where, what, text in stored_everywhere() if any(n in text for n in folded)
    ]
