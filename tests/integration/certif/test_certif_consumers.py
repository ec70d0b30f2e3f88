"""Certif's queue consumer on moto: orga's student list read from orga's bucket, reconciliation
and profiles, each message handled once."""

from __future__ import annotations

import json

import boto3

from pixcore.messages.catalog import (
    CompetenceMark,
    LearnerReconciled,
    ProfileUpdated,
    StudentsImported,
)
from tests.integration.certif.conftest import TODAY
from tests.integration.test_consumers import lambda_event


def test_the_students_imported_list_is_read_from_orga_and_a_redelivery_changes_nothing(
    certif, certif_stack
):
    apps, _ = certif_stack
    key = f"imports/{certif.center_id}/i9.students.jsonl"
    line = {
        "id": "s-new",
        "ine": "123456789AB",
        "last_name": "Benali",
        "first_name": "Inès",
        "birthdate": "2011-06-14",
        "division": "3E4",
    }
    boto3.client("s3").put_object(
        Bucket="pixcert-orga-documents",
        Key=key,
        Body=(json.dumps(line, ensure_ascii=False) + "\n").encode(),
    )
    message = StudentsImported(
        organization_id=certif.center_id,
        import_id="i9",
        students_bucket="pixcert-orga-documents",
        students_key=key,
        active_count=1,
        disabled_student_ids=["s-zoe"],
        occurred_at=TODAY.replace(hour=9),
    )
    reconciled = LearnerReconciled(
        organization_id=certif.center_id, student_id="s-new", user_id="u-ines"
    )
    marks = [CompetenceMark(competence=f"{a}.1", level=2, pix=16) for a in range(1, 6)]
    profile = ProfileUpdated(
        user_id="u-ines", competences=marks, total_pix=80, certifiable=True, as_of=TODAY
    )
    for body in (message, reconciled, profile, message):
        apps["certif"].on_message(lambda_event(body.to_json()), None)
    listed = certif.json("GET", f"/centers/{certif.center_id}/students?division=3E4")["students"]
    assert [
        (s["first_name"], s["reconciled"], s["certifiable"], s["certifiable_competence_count"])
        for s in listed
    ] == [("Inès", True, True, 5)]
    everyone = certif.json("GET", f"/centers/{certif.center_id}/students")["students"]
    assert "Lefèvre" not in {s["last_name"] for s in everyone}
