"""Student imports on moto: upload, job, students listed; errors, lock, presigned upload, inbox."""

from __future__ import annotations

import json

import boto3

from infra.local.pump import scheduled_event
from infra.samples.siecle_builder import Eleve, school_eleves, siecle_xml
from infra.samples.siecle_generator import students_xml
from tests.integration.conftest import body, drain
from tests.integration.test_consumers import lambda_event

UAI = "0750655E"
SCHOOL = {
    "uai": UAI,
    "name": "Collège Jean-Moulin",
    "type": "COLLEGE",
    "sector": "PUBLIC",
    "academie": "Paris",
    "is_certification_center": True,
}
BUCKET = "pixcert-orga-documents"


def upload(client, school, data: bytes, content_type: str = "application/xml"):  # noqa: ANN001, ANN201
    return client("orga").http.post(
        f"/organizations/{school['id']}/imports",
        body=data,
        headers={**school["auth"], "Content-Type": content_type},
    )


def run_jobs(apps) -> list[dict]:  # noqa: ANN001
    """Plays orga's queue into its Lambda handler, as the local pump would."""
    messages = drain("orga")
    for message in messages:
        apps["orga"].on_message(lambda_event(json.dumps(message)), None)
    return messages


def get(client, school, path: str, **query):  # noqa: ANN001, ANN201, ANN003
    return client("orga").http.get(
        f"/organizations/{school['id']}{path}", headers=school["auth"], **query
    )


def status_of(client, school, import_id: str) -> dict:  # noqa: ANN001
    return body(get(client, school, f"/imports/{import_id}"))


def test_upload_then_job_then_students_by_division_and_search(client, apps, school):
    accepted = upload(client, school, siecle_xml(school_eleves(), uai=UAI))
    assert accepted.status_code == 202 and body(accepted)["status"] == "QUEUED"
    import_id = body(accepted)["import_id"]
    assert [m["type"] for m in run_jobs(apps)] == ["StudentImportRequested"]
    record = status_of(client, school, import_id)
    assert record["status"] == "DONE" and record["errors"] == []
    assert record["counts"]["imported"] == 4 and record["counts"]["created"] == 4
    assert record["counts"]["skipped"] == {"NO_INE": 1, "LEFT": 1, "NO_DIVISION": 1}
    listed = body(get(client, school, "/students?division=3E1"))["students"]
    assert [s["last_name"] for s in listed] == ["LEFÈVRE", "N'DIAYE"]
    found = body(get(client, school, "/students?search=lefevre"))["students"]
    assert [s["first_name"] for s in found] == ["Zoé"] and found[0]["reconciled"] is False
    assert body(get(client, school, "/divisions")) == [
        {"name": "3E1", "student_count": 2},
        {"name": "3E2", "student_count": 2},
    ]
    one = body(get(client, school, f"/students/{found[0]['id']}"))
    assert one["ine"] == "1234567890A" and one["user_id"] is None and one["active"] is True


def test_students_imported_reaches_certif_with_its_list_in_s3(client, apps, school):
    upload(client, school, siecle_xml(school_eleves(), uai=UAI))
    run_jobs(apps)
    [message] = [m for m in drain("certif") if m["type"] == "StudentsImported"]
    assert message["active_count"] == 4 and message["disabled_student_ids"] == []
    lines = (
        boto3.client("s3")
        .get_object(Bucket=message["students_bucket"], Key=message["students_key"])["Body"]
        .read()
    )
    students = [json.loads(line) for line in lines.decode().splitlines()]
    assert {s["ine"] for s in students} == {
        "1234567890A",
        "0987654321B",
        "123456789CD",
        "2345678901E",
    }


def test_reimport_updates_what_changed_and_disables_the_absent(client, apps, school):
    eleves = school_eleves()
    upload(client, school, siecle_xml(eleves, uai=UAI))
    run_jobs(apps)
    first = {s["ine"]: s for s in body(get(client, school, "/students"))["students"]}
    eleves[0].divisions = ("3E2",)
    again = upload(client, school, siecle_xml([eleves[0], eleves[2], eleves[3]], uai=UAI))
    run_jobs(apps)
    record = status_of(client, school, body(again)["import_id"])
    assert record["counts"] | {"skipped": None} == {
        "read": 3,
        "imported": 3,
        "created": 0,
        "updated": 1,
        "unchanged": 2,
        "disabled": 1,
        "skipped": None,
    }
    now = {s["ine"]: s for s in body(get(client, school, "/students"))["students"]}
    assert set(now) == {"1234567890A", "123456789CD", "2345678901E"}
    assert now["1234567890A"]["division"] == "3E2"
    assert now["1234567890A"]["id"] == first["1234567890A"]["id"]
    assert body(get(client, school, "/students?division=3E1"))["students"] == []
    certif = [m for m in drain("certif") if m["type"] == "StudentsImported"]
    assert certif[-1]["disabled_student_ids"] == [first["0987654321B"]["id"]]


def test_every_error_is_reported_and_nothing_is_written(client, apps, school):
    bad = [
        Eleve("1", ine="", last_name="VIDE"),
        Eleve("2", ine="1111111111A", birthdate="31/02/2008"),
        Eleve("3", ine="2222222222B", sex=None),
    ]
    accepted = upload(client, school, siecle_xml(bad, uai=UAI))
    run_jobs(apps)
    record = status_of(client, school, body(accepted)["import_id"])
    assert record["status"] == "FAILED"
    assert {e["code"] for e in record["errors"]} == {
        "INE_REQUIRED",
        "BIRTHDATE_INVALID",
        "SEX_REQUIRED",
    }
    assert body(get(client, school, "/students"))["students"] == []
    assert [m for m in drain("certif") if m["type"] == "StudentsImported"] == []


def test_a_second_import_waits_for_the_first(client, apps, school):
    assert upload(client, school, siecle_xml(school_eleves(), uai=UAI)).status_code == 202
    second = upload(client, school, siecle_xml(school_eleves(), uai=UAI))
    assert second.status_code == 409 and body(second)["error"]["code"] == "IMPORT_IN_PROGRESS"
    run_jobs(apps)
    assert upload(client, school, siecle_xml(school_eleves(), uai=UAI)).status_code == 202


def test_the_same_job_delivered_twice_imports_once(client, apps, school):
    upload(client, school, siecle_xml(school_eleves(), uai=UAI))
    [message] = drain("orga")
    for _ in range(2):
        apps["orga"].on_message(lambda_event(json.dumps(message)), None)
    assert len([m for m in drain("certif") if m["type"] == "StudentsImported"]) == 1


def test_presigned_upload_then_start(client, apps, school):
    url = body(
        client("orga").http.post(
            f"/organizations/{school['id']}/imports/upload-url", headers=school["auth"]
        )
    )
    assert url["upload_url"].startswith("http") and url["expires_in"] == 900
    start = f"/organizations/{school['id']}/imports/{url['import_id']}/start"
    missing = client("orga").http.post(start, headers=school["auth"])
    assert missing.status_code == 404 and body(missing)["error"]["code"] == "IMPORT_FILE_MISSING"
    boto3.client("s3").put_object(
        Bucket=BUCKET,
        Key=f"imports/{school['id']}/{url['import_id']}",
        Body=students_xml(60, uai=UAI, divisions=2),
    )
    assert client("orga").http.post(start, headers=school["auth"]).status_code == 202
    run_jobs(apps)
    record = status_of(client, school, url["import_id"])
    assert record["status"] == "DONE" and record["counts"]["created"] == 60
    page = body(get(client, school, "/students?limit=25"))
    rest = body(get(client, school, f"/students?limit=200&cursor={page['next_cursor']}"))
    assert len(page["students"]) == 25 and len(rest["students"]) == 35


def test_inbox_sweep_moves_files_to_done_and_failed(client, apps, school):
    s3 = boto3.client("s3")
    s3.put_object(
        Bucket=BUCKET,
        Key=f"inbox/{UAI}/ElevesSansAdresses.xml",
        Body=siecle_xml(school_eleves(), uai=UAI),
    )
    s3.put_object(Bucket=BUCKET, Key="inbox/0951099D/eleves.xml", Body=b"<x/>")
    apps["orga"].sweep_import_inbox(scheduled_event("sweep"), None)
    run_jobs(apps)
    keys = {o["Key"] for o in s3.list_objects_v2(Bucket=BUCKET)["Contents"]}
    assert f"done/{UAI}/ElevesSansAdresses.xml" not in keys  # imported: the file is deleted
    assert {
        f"done/{UAI}/ElevesSansAdresses.xml.report.json",
        "failed/0951099D/eleves.xml",
        "failed/0951099D/eleves.xml.report.json",
    } <= keys
    assert not any(k.startswith("inbox/") for k in keys)
    report = json.loads(
        s3.get_object(Bucket=BUCKET, Key=f"done/{UAI}/ElevesSansAdresses.xml.report.json")[
            "Body"
        ].read()
    )
    assert report["status"] == "DONE" and report["counts"]["imported"] == 4
    assert len(body(get(client, school, "/students"))["students"]) == 4


def test_a_rewrite_keeps_an_account_link_made_while_the_job_runs(client, apps, school, monkeypatch):
    from chalicelib.orga.adapters.dynamo_students import DynamoStudentRepository

    # GIVEN imported students, the import's digest lost (the job reads the table back)
    eleves = school_eleves()
    upload(client, school, siecle_xml(eleves, uai=UAI))
    run_jobs(apps)
    zoe = body(get(client, school, "/students?search=zoe"))["students"][0]
    generation = apps["orga"].bootstrap.ports().students.current_generation(school["id"]).id
    boto3.client("s3").delete_object(
        Bucket=BUCKET, Key=f"imports/{school['id']}/{generation}.digest.jsonl"
    )
    read_back = DynamoStudentRepository.stored

    def then_linked(self, organization_id):  # noqa: ANN001, ANN202
        found = read_back(self, organization_id)
        self.link_user(organization_id, zoe["id"], "user-zoe")
        return found

    monkeypatch.setattr(DynamoStudentRepository, "stored", then_linked)
    # WHEN Zoé's record changes in the file while she gets linked to her account
    eleves[0].last_name = "LEFEVRE-MARTIN"
    upload(client, school, siecle_xml(eleves, uai=UAI))
    run_jobs(apps)
    # THEN she is rewritten and keeps the link
    again = body(get(client, school, f"/students/{zoe['id']}"))
    assert (again["last_name"], again["user_id"]) == ("LEFEVRE-MARTIN", "user-zoe")


def test_the_sweep_fails_an_import_whose_job_never_ran(client, apps, school, monkeypatch):
    from datetime import UTC, datetime, timedelta

    from pixcore.clock import FixedClock

    # GIVEN an upload whose job message was lost to the dead-letter queue
    accepted = upload(client, school, siecle_xml(school_eleves(), uai=UAI))
    drain("orga")
    deps = apps["orga"].bootstrap.ports()
    monkeypatch.setattr(deps, "clock", FixedClock(datetime.now(UTC) + timedelta(minutes=16)))
    # WHEN the scheduled sweep runs after the lease
    apps["orga"].sweep_import_inbox(scheduled_event("sweep"), None)
    # THEN the import failed with IMPORT_TIMEOUT and the school can import again
    record = status_of(client, school, body(accepted)["import_id"])
    assert record["status"] == "FAILED"
    assert [e["code"] for e in record["errors"]] == ["IMPORT_TIMEOUT"]
    assert upload(client, school, siecle_xml(school_eleves(), uai=UAI)).status_code == 202


def test_an_unsupported_file_type_is_refused_in_our_error_format(client, school):
    refused = upload(client, school, b"\x89PNG\r\n", content_type="image/png")
    assert refused.status_code == 415
    error = body(refused)["error"]
    assert error["code"] == "UNSUPPORTED_MEDIA_TYPE"
    assert error["details"]["content_type"] == "image/png"
    assert "XML" in error["message"] and "ZIP" in error["message"] and "CSV" in error["message"]


def test_the_divisions_route_declares_its_response_schema(apps):
    doc = apps["orga"].api.openapi.document()
    answer = doc["paths"]["/organizations/{org_id}/divisions"]["get"]["responses"]["200"]
    schema = answer["content"]["application/json"]["schema"]
    target = doc["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    assert target["type"] == "array" and target["items"]["$ref"].endswith("/DivisionOut")


def test_a_write_dynamodb_refuses_fails_the_import_at_once_and_keeps_the_list(
    client, apps, school, monkeypatch
):
    from chalicelib.orga.adapters import dynamo_student_lists

    # GIVEN a school with its students imported
    eleves = school_eleves()
    upload(client, school, siecle_xml(eleves, uai=UAI))
    run_jobs(apps)
    before = body(get(client, school, "/students"))["students"]
    # WHEN a re-import meets an item DynamoDB refuses (over 400 KB) at its third student
    real = dynamo_student_lists.to_item

    def oversized(student, generation):  # noqa: ANN001, ANN202
        item = real(student, generation)
        if generation and student.ine == "123456789CD":
            item.birth_city = "x" * 450_000
        return item

    monkeypatch.setattr(dynamo_student_lists, "to_item", oversized)
    eleves[0].divisions = ("3E2",)
    accepted = upload(client, school, siecle_xml(eleves, uai=UAI))
    run_jobs(apps)
    # THEN the import failed at once, saying what to do, and the school still sees its list
    record = status_of(client, school, body(accepted)["import_id"])
    assert record["status"] == "FAILED"
    assert [e["code"] for e in record["errors"]] == ["STUDENT_NOT_STORABLE"]
    assert "liste précédente des élèves est conservée" in record["errors"][0]["message"]
    assert body(get(client, school, "/students"))["students"] == before
    monkeypatch.setattr(dynamo_student_lists, "to_item", real)
    assert upload(client, school, siecle_xml(eleves, uai=UAI)).status_code == 202


def test_a_giant_field_is_refused_while_screening_and_nothing_is_written(client, apps, school):
    # GIVEN 30 students imported in 3E1
    first = [Eleve(str(i), ine=f"{i:010d}A", first_name=f"Élève{i}") for i in range(30)]
    upload(client, school, siecle_xml(first, uai=UAI))
    run_jobs(apps)
    before = (body(get(client, school, "/students")), body(get(client, school, "/divisions")))
    # WHEN a file moves them all to 4E1, adds 40 newcomers, and holds one 350,000-char name
    moved = [
        Eleve(e.eleve_id, ine=e.ine, first_name=e.first_name, divisions=("4E1",)) for e in first
    ]
    new = [Eleve(str(100 + i), ine=f"{100 + i:010d}B", divisions=("4E2",)) for i in range(40)]
    giant = Eleve("999", ine="9999999999Z", last_name="X" * 350_000)
    accepted = upload(client, school, siecle_xml([*moved, *new, giant], uai=UAI))
    run_jobs(apps)
    # THEN the import failed naming the field, and the school's list is as it was
    record = status_of(client, school, body(accepted)["import_id"])
    assert record["status"] == "FAILED"
    assert [(e["code"], e["field"]) for e in record["errors"]] == [
        ("FIELD_TOO_LONG", "NOM_DE_FAMILLE")
    ]
    assert "350000 caractères, 100 au plus" in record["errors"][0]["message"]
    assert (
        body(get(client, school, "/students")),
        body(get(client, school, "/divisions")),
    ) == before
    assert upload(client, school, siecle_xml(first, uai=UAI)).status_code == 202


def test_warnings_are_in_the_report_and_the_students_are_imported(client, apps, school):
    eleves = school_eleves()
    eleves[0].ine = "12345-7890"  # an unusual shape
    eleves[2].country, eleves[2].city_code, eleves[2].city = "352", None, None  # no city
    eleves[3].birthdate = "01/01/1890"
    accepted = upload(client, school, siecle_xml(eleves, uai=UAI))
    run_jobs(apps)
    record = status_of(client, school, body(accepted)["import_id"])
    assert record["status"] == "DONE" and record["counts"]["imported"] == 4
    assert sorted((w["code"], w["field"]) for w in record["warnings"]) == [
        ("BIRTHDATE_IMPLAUSIBLE", "DATE_NAISS"),
        ("BIRTH_CITY_REQUIRED", "VILLE_NAISS"),
        ("INE_INVALID", "ID_NATIONAL"),
    ]
    assert all(w["line"] and w["ine"] and w["message"] for w in record["warnings"])


def test_a_forged_or_foreign_student_cursor_is_refused(client, apps, school, jury_headers):
    upload(client, school, students_xml(60, uai=UAI, divisions=2))
    run_jobs(apps)
    cursor = body(get(client, school, "/students?limit=10"))["next_cursor"]
    forged = cursor[:-3] + ("AAA" if not cursor.endswith("AAA") else "BBB")
    for query in (f"cursor={forged}", f"cursor={cursor}&search=a", "cursor=eyJwayI6e319"):
        refused = get(client, school, f"/students?limit=10&{query}")
        assert refused.status_code == 400, query
        assert body(refused)["error"]["code"] == "INVALID_CURSOR"
    assert get(client, school, f"/students?limit=10&cursor={cursor}").status_code == 200
