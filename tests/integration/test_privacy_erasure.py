"""Erasure through HTTP on moto, propagated by message to every service: afterwards a scan of
every table and bucket finds none of the learner's personal data, except what PRIVACY.md keeps
and the erasure report names."""

from __future__ import annotations

import json

import boto3

from infra import resources
from tests.integration.conftest import body
from tests.integration.privacy_helpers import (
    BORN,
    INE,
    MIDDLE_NAME,
    holding,
    learner_everywhere,
    pump,
)


def _erasure(client, erasure_id: str, who: dict[str, str]) -> dict:  # noqa: ANN001
    reply = client("orga").http.get(f"/erasures/{erasure_id}", headers=who)
    assert reply.status_code == 200, reply.body
    return body(reply)


def test_the_jury_erases_an_account_and_no_copy_is_left_anywhere(client, apps, jury_headers):
    # GIVEN Zoé, imported by her school, reconciled, placed, enrolled, on a printed sheet
    zoe = learner_everywhere(client, apps, jury_headers)
    everything = (INE, MIDDLE_NAME, "Lefèvre", zoe.user_id, zoe.student_id, zoe.username)
    assert {where for where, _ in holding(*everything)} >= {
        "pixcert-orga-main",
        "pixcert-certif-main",
        "pixcert-engine-main",
        "pixcert-orga-documents",
        "pixcert-certif-documents",
    }
    # and a big message about her session waits in S3 for a late consumer (a claim check)
    claim = f"claim-checks/SessionFinalized/{zoe.session_id}.json"
    candidates = [{"student_id": zoe.student_id, "first_name": "Zoé"}, {"student_id": "s-2"}]
    boto3.client("s3").put_object(
        Bucket=resources.claim_check_bucket(),
        Key=claim,
        Body=json.dumps({"type": "SessionFinalized", "candidates": candidates}).encode(),
    )
    # WHEN the jury erases her account, and every service has had its message
    reply = client("orga").http.post(f"/users/{zoe.user_id}/erasure", headers=jury_headers)
    assert reply.status_code == 202, reply.body
    started = body(reply)
    assert started["status"] == "IN_PROGRESS" and started["waiting_for"] == [
        "certif",
        "engine",
        "jury",
    ]
    pump(apps)
    # THEN each service said what it did, and nothing of hers is stored anywhere
    report = _erasure(client, started["id"], jury_headers)
    assert report["status"] == "COMPLETED" and report["waiting_for"] == []
    assert set(report["reports"]) == {"orga", "certif", "engine", "jury"}
    assert not [
        line for lines in report["reports"].values() for line in lines if line["action"] == "kept"
    ]
    left = [
        (where, what)
        for where, what in holding(*everything, "29/02/2008", BORN)
        if not what.startswith("ERASURE#")  # the erasure's own record: ids only, a year
    ]
    assert left == []
    late = boto3.client("s3").get_object(Bucket=resources.claim_check_bucket(), Key=claim)
    assert json.loads(late["Body"].read())["candidates"] == [{"student_id": "s-2"}]
    # and the school's other students are still there
    assert holding("N'DIAYE") and holding("0987654321B")
    # the account cannot log in any more
    login = client("orga").http.post(
        "/auth/token",
        headers={"Content-Type": "application/json"},
        body=json.dumps({"username": zoe.username, "password": "Motdepasse1"}),
    )
    assert login.status_code == 401


def test_a_school_erases_its_student_record_and_the_account_keeps_its_own_data(
    client, apps, jury_headers
):
    zoe = learner_everywhere(client, apps, jury_headers)
    path = f"/organizations/{zoe.org_id}/students/{zoe.student_id}/erasure"
    # a member who is not an admin, or another school's admin, may not
    assert client("orga").http.post(path, headers=zoe.auth).status_code == 403
    reply = client("orga").http.post(path, headers=zoe.admin)
    assert reply.status_code == 202, reply.body
    pump(apps)
    report = _erasure(client, body(reply)["id"], zoe.admin)
    assert report["status"] == "COMPLETED"
    deleted = {line["what"] for lines in report["reports"].values() for line in lines}
    assert "candidats de sessions non finalisées" in deleted
    assert "feuilles d'émargement et PV d'incident déjà produits" in deleted
    kept = [line for line in report["reports"]["engine"] if line["action"] == "kept"]
    assert kept and "compte" in kept[0]["reason"]
    # The school's record (INE, SIECLE names, the student id) is nowhere; the account's own
    # items (orga's USER#, LOGIN#, PROFILE#, engine's USER#) stay until the account is erased.
    left = [
        (where, what)
        for where, what in holding(INE, MIDDLE_NAME, zoe.student_id)
        if not what.startswith("ERASURE#")
    ]
    assert left == []
    # the student can no longer be found or enrolled by the school
    gone = client("orga").http.get(
        f"/organizations/{zoe.org_id}/students/{zoe.student_id}", headers=zoe.admin
    )
    assert gone.status_code == 404
    # erasing again: nothing is left to erase, the answer says so
    again = client("orga").http.post(path, headers=zoe.admin)
    assert again.status_code == 404 and body(again)["error"]["code"] == "STUDENT_NOT_FOUND"


def test_an_erasure_is_seen_by_the_jury_and_its_schools_admins_only(client, apps, jury_headers):
    zoe = learner_everywhere(client, apps, jury_headers)
    path = f"/organizations/{zoe.org_id}/students/{zoe.student_id}/erasure"
    erasure_id = body(client("orga").http.post(path, headers=zoe.admin))["id"]
    assert client("orga").http.get(f"/erasures/{erasure_id}", headers=zoe.auth).status_code == 404
    assert (
        client("orga").http.get(f"/erasures/{erasure_id}", headers=jury_headers).status_code == 200
    )
    account = client("orga").http.post(f"/users/{zoe.user_id}/erasure", headers=zoe.admin)
    assert account.status_code == 403 and body(account)["error"]["code"] == "JURY_ONLY"


def test_the_accounts_of_the_academie_and_of_schools_staff_are_not_erased_like_a_learners(
    client, jury_headers
):
    # GIVEN an académie account the jury created
    created = client("orga").http.post(
        "/academie-users",
        headers=jury_headers,
        body=json.dumps(
            {
                "email": "statistiques@ac-paris.fr",
                "academie": "Paris",
                "first_name": "Service",
                "last_name": "Statistiques",
                "password": "Academie123",
            }
        ),
    )
    assert created.status_code == 200, created.body
    # WHEN the jury asks for its erasure THEN it is refused, and the account still logs in
    reply = client("orga").http.post(f"/users/{body(created)['id']}/erasure", headers=jury_headers)
    assert reply.status_code == 409
    assert body(reply)["error"]["code"] == "ACCOUNT_IS_STAFF"
    login = client("orga").http.post(
        "/auth/token",
        headers={"Content-Type": "application/json"},
        body=json.dumps({"email": "statistiques@ac-paris.fr", "password": "Academie123"}),
    )
    assert login.status_code == 200, login.body
