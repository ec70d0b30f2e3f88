"""A learner's data export through HTTP on moto: every service contributes its part by
message, orga zips them; the archive holds every stored item that holds the learner's data."""

from __future__ import annotations

import io
import json
import zipfile

import boto3

from infra import resources
from tests.integration.conftest import body
from tests.integration.engine_helpers import headers_for
from tests.integration.privacy_helpers import INE, MIDDLE_NAME, holding, learner_everywhere, pump


def _archive(export_id: str) -> dict[str, bytes]:
    data = (
        boto3.client("s3")
        .get_object(Bucket=resources.documents_bucket("orga"), Key=f"exports/{export_id}.zip")[
            "Body"
        ]
        .read()
    )
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def _keys(files: dict[str, bytes]) -> set[str]:
    found = set()
    for name, content in files.items():
        if name.endswith(".json"):
            for items in json.loads(content).values():
                found |= {f"{i['pk']}|{i['sk']}" for i in items}
    return found


def test_a_learner_exports_everything_every_service_holds_about_them(client, apps, jury_headers):
    # GIVEN Zoé with data in orga, certif and engine; every table item that holds it
    zoe = learner_everywhere(client, apps, jury_headers)
    items = {
        what
        for where, what in holding(INE, MIDDLE_NAME, "Lefèvre", zoe.user_id, zoe.student_id)
        if where.endswith("-main")
    }
    assert len(items) >= 8
    # WHEN she asks for her data, and the services answer
    asked = client("orga").http.post("/users/me/data-export", headers=zoe.auth)
    assert asked.status_code == 202, asked.body
    assert body(asked)["status"] == "IN_PROGRESS" and body(asked)["download_url"] is None
    pump(apps)
    # THEN the archive is ready, with a link, and holds each of those items
    ready = body(client("orga").http.get("/users/me/data-export", headers=zoe.auth))
    assert ready["status"] == "COMPLETED" and ready["download_url"]
    files = _archive(ready["id"])
    assert set(files) == {"LISEZMOI.txt", "orga.json", "certif.json", "engine.json", "jury.json"}
    assert items <= _keys(files), items - _keys(files)
    assert b"password_hash" not in files["orga.json"]
    # the other candidates of her session are not in it
    assert "N'DIAYE" not in files["certif.json"].decode()
    # once a day: a second request is throttled, and points to the first
    again = client("orga").http.post("/users/me/data-export", headers=zoe.auth)
    assert again.status_code == 429
    assert body(again)["error"]["code"] == "EXPORT_THROTTLED"
    # nobody else sees it
    other = client("orga").http.get(f"/data-exports/{ready['id']}", headers=headers_for("u-2"))
    assert other.status_code == 404


def test_a_school_admin_exports_a_student_record_without_the_accounts_placement(
    client, apps, jury_headers
):
    zoe = learner_everywhere(client, apps, jury_headers)
    path = f"/organizations/{zoe.org_id}/students/{zoe.student_id}/data-export"
    assert client("orga").http.post(path, headers=zoe.auth).status_code == 403
    asked = client("orga").http.post(path, headers=zoe.admin)
    assert asked.status_code == 202, asked.body
    pump(apps)
    ready = body(client("orga").http.get(f"/data-exports/{body(asked)['id']}", headers=zoe.admin))
    assert ready["status"] == "COMPLETED"
    files = _archive(ready["id"])
    orga, engine = json.loads(files["orga.json"]), json.loads(files["engine.json"])
    assert "account" not in orga and orga["student_records"]
    assert INE in files["orga.json"].decode()
    assert "placement" not in engine and engine["campaign_participations"]


def test_an_erasure_takes_the_learners_exports_with_it(client, apps, jury_headers):
    zoe = learner_everywhere(client, apps, jury_headers)
    export_id = body(client("orga").http.post("/users/me/data-export", headers=zoe.auth))["id"]
    pump(apps)
    assert _archive(export_id)
    reply = client("orga").http.post(f"/users/{zoe.user_id}/erasure", headers=jury_headers)
    pump(apps)
    orga = body(client("orga").http.get(f"/erasures/{body(reply)['id']}", headers=jury_headers))
    assert {"what": "exports de ses données", "action": "deleted", "count": 1} in [
        {k: line[k] for k in ("what", "action", "count")} for line in orga["reports"]["orga"]
    ]
    objects = boto3.client("s3").list_objects_v2(
        Bucket=resources.documents_bucket("orga"), Prefix="exports/"
    )
    assert objects.get("Contents", []) == []
