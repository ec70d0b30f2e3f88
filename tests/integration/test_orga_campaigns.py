"""Campaigns on moto: a student joins with the code (reconciliation), sends the profile, the school
exports it; published results reach the school's CSV."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from infra.samples.siecle_builder import school_eleves, siecle_xml
from pixcore.messages.catalog import (
    CompetenceMark,
    ProfileShared,
    ProfileUpdated,
    PublishedResult,
    SessionPublished,
)
from tests.integration.conftest import body, drain
from tests.integration.test_consumers import lambda_event
from tests.integration.test_orga_imports import UAI, run_jobs, upload

JSON = {"Content-Type": "application/json"}


def student(client, first="Zoé", last="Lefèvre", born="2008-02-29"):  # noqa: ANN001, ANN201
    created = body(
        client("orga").http.post(
            "/users",
            headers=JSON,
            body=json.dumps(
                {
                    "first_name": first,
                    "last_name": last,
                    "birthdate": born,
                    "password": "Motdepasse1",
                }
            ),
        )
    )
    login = body(
        client("orga").http.post(
            "/auth/token",
            headers=JSON,
            body=json.dumps({"username": created["username"], "password": "Motdepasse1"}),
        )
    )
    return created["id"], {"Authorization": f"Bearer {login['access_token']}", **JSON}


def imported_school_with_campaign(client, apps, school):  # noqa: ANN001, ANN201
    upload(client, school, siecle_xml(school_eleves(), uai=UAI))
    run_jobs(apps)
    drain("certif")
    created = client("orga").http.post(
        f"/organizations/{school['id']}/campaigns",
        headers={**school["auth"], **JSON},
        body=json.dumps(
            {
                "name": "Collecte des profils 3e",
                "type": "PROFILES_COLLECTION",
                "external_id_label": "Numéro élève",
            }
        ),
    )
    assert created.status_code == 201
    return body(created)


def test_join_share_and_export(client, apps, school):
    campaign = imported_school_with_campaign(client, apps, school)
    user_id, auth = student(client)
    shown = client("orga").http.get(f"/campaigns/{campaign['code'].lower()}", headers=auth)
    assert body(shown)["name"] == "Collecte des profils 3e"

    joined = client("orga").http.post(
        f"/campaigns/{campaign['code']}/participations",
        headers=auth,
        body=json.dumps(
            {
                "first_name": "zoe",
                "last_name": "LEFEVRE",
                "birthdate": "2008-02-29",
                "external_id": "A-12",
            }
        ),
    )
    assert joined.status_code == 201, joined.body
    assert body(joined)["division"] == "3E1"
    assert [m["type"] for m in drain("certif")] == ["LearnerReconciled"]
    assert [m["type"] for m in drain("engine")] == [
        "CampaignCreated",
        "LearnerReconciled",
        "CampaignJoined",
    ]

    marks = [
        CompetenceMark(competence=c, level=2, pix=18) for c in ("1.1", "1.2", "2.1", "3.1", "4.2")
    ]
    profile = ProfileUpdated(
        user_id=user_id, competences=marks, total_pix=90, certifiable=True, as_of=datetime.now(UTC)
    )
    apps["orga"].on_message(lambda_event(profile.to_json()), None)
    preview = body(
        client("orga").http.get(f"/campaigns/{campaign['code']}/participations/me", headers=auth)
    )
    assert (preview["pix_score"], preview["certifiable"], preview["shared_at"]) == (90, True, None)
    sending = client("orga").http.post(f"/campaigns/{campaign['code']}/share", headers=auth)
    assert sending.status_code == 200 and body(sending)["status"] == "Envoi en cours"
    [request] = drain("engine")
    assert (request["type"], request["user_id"]) == ("ProfileShareRequested", user_id)
    answer = ProfileShared(
        campaign_id=campaign["id"],
        code=campaign["code"],
        user_id=user_id,
        competences=marks,
        total_pix=90,
        certifiable=True,
        as_of=datetime.now(UTC),
    )
    apps["orga"].on_message(lambda_event(answer.to_json()), None)  # engine's answer
    shared = body(
        client("orga").http.get(f"/campaigns/{campaign['code']}/participations/me", headers=auth)
    )
    assert shared["status"] == "Envoyé" and shared["shared_at"] and shared["pix_score"] == 90
    again = client("orga").http.post(f"/campaigns/{campaign['code']}/share", headers=auth)
    assert again.status_code == 422 and body(again)["error"]["code"] == "PROFILE_ALREADY_SENT"

    listed = body(
        client("orga").http.get(f"/organizations/{school['id']}/campaigns", headers=school["auth"])
    )["campaigns"]
    assert (listed[0]["participants_count"], listed[0]["shared_profiles_count"]) == (1, 1)
    people = body(
        client("orga").http.get(
            f"/organizations/{school['id']}/campaigns/{campaign['id']}/participants",
            headers=school["auth"],
        )
    )["participants"]
    assert people[0]["pix_score"] == 90 and people[0]["certifiable"] is True

    export = client("orga").http.get(
        f"/organizations/{school['id']}/campaigns/{campaign['id']}/export.csv",
        headers=school["auth"],
    )
    assert export.status_code == 200 and export.headers["Content-Type"].startswith("text/csv")
    text = export.body.decode("utf-8") if isinstance(export.body, bytes) else export.body
    header, row = text.lstrip("\ufeff").splitlines()
    assert header.startswith("Nom de l'organisation;ID Campagne;Nom de la campagne;")
    assert ";Numéro élève;" in header and ";A-12;O;" in row and ";90;O;5;" in row


def test_another_account_cannot_take_a_reconciled_record(client, apps, school):
    campaign = imported_school_with_campaign(client, apps, school)
    _, first = student(client)
    _, second = student(client)
    payload = json.dumps({"first_name": "Zoé", "last_name": "Lefèvre", "birthdate": "2008-02-29"})
    assert (
        client("orga")
        .http.post(f"/campaigns/{campaign['code']}/participations", headers=first, body=payload)
        .status_code
        == 201
    )
    refused = client("orga").http.post(
        f"/campaigns/{campaign['code']}/participations", headers=second, body=payload
    )
    assert refused.status_code == 409 and body(refused)["error"]["code"] == "STUDENT_ALREADY_LINKED"


def test_an_archived_campaign_refuses_newcomers(client, apps, school):
    campaign = imported_school_with_campaign(client, apps, school)
    archived = client("orga").http.post(
        f"/organizations/{school['id']}/campaigns/{campaign['id']}/archive", headers=school["auth"]
    )
    assert body(archived)["archived_at"]
    _, auth = student(client)
    refused = client("orga").http.post(
        f"/campaigns/{campaign['code']}/participations",
        headers=auth,
        body=json.dumps({"first_name": "Zoé", "last_name": "Lefèvre", "birthdate": "2008-02-29"}),
    )
    assert refused.status_code == 422 and body(refused)["error"]["code"] == "CAMPAIGN_ARCHIVED"


def test_published_results_reach_the_school_csv_by_division(client, apps, school):
    campaign = imported_school_with_campaign(client, apps, school)
    _, auth = student(client)
    joined = body(
        client("orga").http.post(
            f"/campaigns/{campaign['code']}/participations",
            headers=auth,
            body=json.dumps(
                {"first_name": "Zoé", "last_name": "Lefèvre", "birthdate": "2008-02-29"}
            ),
        )
    )
    published = SessionPublished(
        session_id="1042",
        center_id=school["id"],
        center_name=school["name"],
        session_date=date(2026, 3, 10),
        published_at=datetime.now(UTC),
        results=[
            PublishedResult(
                course_id="9001",
                candidate_id="c1",
                student_id=joined["student_id"],
                status="validated",
                pix=144,
                verification_code="P-2B3C4D6F",
                first_name="Zoé",
                last_name="Lefèvre",
                birthdate=date(2008, 2, 29),
                competences=[CompetenceMark(competence="1.1", level=3, pix=24)],
            )
        ],
    )
    apps["orga"].on_message(lambda_event(published.to_json()), None)
    for division, rows in (("3E1", 1), ("3E2", 0), (None, 1)):
        response = client("orga").http.get(
            f"/organizations/{school['id']}/certification-results.csv"
            + (f"?division={division}" if division else ""),
            headers=school["auth"],
        )
        text = response.body.decode("utf-8") if isinstance(response.body, bytes) else response.body
        lines = text.lstrip("\ufeff").splitlines()
        assert len(lines) == 1 + rows, (division, lines)
    assert lines[1].startswith("9001;Zoé;Lefèvre;29/02/2008;")


def test_an_account_cannot_take_a_second_student_of_the_school(client, apps, school):
    campaign = imported_school_with_campaign(client, apps, school)
    _, auth = student(client)
    path = f"/campaigns/{campaign['code']}/participations"
    zoe = {"first_name": "Zoé", "last_name": "Lefèvre", "birthdate": "2008-02-29"}
    assert client("orga").http.post(path, headers=auth, body=json.dumps(zoe)).status_code == 201
    me = client("orga").http.get("/me", headers=auth)  # the link sits in the account's index
    assert me.status_code == 200 and body(me)["memberships"] == {}, me.body
    other = body(
        client("orga").http.post(
            f"/organizations/{school['id']}/campaigns",
            headers={**school["auth"], **JSON},
            body=json.dumps({"name": "Autre collecte", "type": "PROFILES_COLLECTION"}),
        )
    )
    loic = {"first_name": "Loïc", "last_name": "N'Diaye", "birthdate": "2007-07-14"}
    refused = client("orga").http.post(
        f"/campaigns/{other['code']}/participations", headers=auth, body=json.dumps(loic)
    )
    assert refused.status_code == 409, refused.body
    assert body(refused)["error"]["code"] == "ACCOUNT_ALREADY_LINKED"


def test_an_assessment_campaign_carries_its_targets_to_engine_and_shows_mastery(
    client, apps, school
):
    upload(client, school, siecle_xml(school_eleves(), uai=UAI))
    run_jobs(apps)
    path = f"/organizations/{school['id']}/campaigns"
    unknown = client("orga").http.post(
        path,
        headers={**school["auth"], **JSON},
        body=json.dumps({"name": "Rentrée", "type": "ASSESSMENT", "target_skill_ids": ["x1"]}),
    )
    assert body(unknown)["error"]["details"]["unknown_skill_ids"] == ["x1"]
    targets = ["skill-moteurRecherche2", "skill-evaluerSource3"]
    campaign = body(
        client("orga").http.post(
            path,
            headers={**school["auth"], **JSON},
            body=json.dumps({"name": "Rentrée", "type": "ASSESSMENT", "target_skill_ids": targets}),
        )
    )
    [created] = [m for m in drain("engine") if m["type"] == "CampaignCreated"]
    assert (created["code"], created["target_skill_ids"]) == (campaign["code"], targets)
    user_id, auth = student(client)
    zoe = {"first_name": "Zoé", "last_name": "Lefèvre", "birthdate": "2008-02-29"}
    client("orga").http.post(
        f"/campaigns/{campaign['code']}/participations", headers=auth, body=json.dumps(zoe)
    )
    client("orga").http.post(f"/campaigns/{campaign['code']}/share", headers=auth)
    answer = ProfileShared(
        campaign_id=campaign["id"],
        code=campaign["code"],
        user_id=user_id,
        competences=[CompetenceMark(competence="1.1", level=2, pix=16)],
        total_pix=16,
        certifiable=False,
        as_of=datetime.now(UTC),
        target_skill_count=2,
        validated_target_skill_count=1,
        mastery_percentage=50,
    )
    apps["orga"].on_message(lambda_event(answer.to_json()), None)
    [person] = body(
        client("orga").http.get(f"{path}/{campaign['id']}/participants", headers=school["auth"])
    )["participants"]
    assert (person["status"], person["mastery_percentage"]) == ("Envoyé", 50)
    export = client("orga").http.get(f"{path}/{campaign['id']}/export.csv", headers=school["auth"])
    text = export.body.decode("utf-8") if isinstance(export.body, bytes) else export.body
    assert text.splitlines()[1].endswith(";O;" + text.splitlines()[1].split(";")[-4] + ";50;2;1")


def test_a_school_reads_the_skills_its_assessment_campaigns_may_target_and_others_may_not(
    client, school
):
    path = f"/organizations/{school['id']}/campaign-target-skills"

    targets = body(client("orga").http.get(path, headers=school["auth"]))["skills"]
    other = client("orga").http.get(
        "/organizations/another-school/campaign-target-skills", headers=school["auth"]
    )

    assert sorted(targets) == sorted(c for c in targets if c.count(".") == 1)
    assert "skill-moteurRecherche2" in targets["1.1"]
    assert len(targets) == 16
    assert other.status_code == 403
