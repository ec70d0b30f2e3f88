"""Campaign pages on faked orga and engine routes: an assessment campaign starts its own
evaluation; an archived one says so and offers nothing; an external id is asked when required."""

from __future__ import annotations

import pytest

from tests.browser.fakes import signed_in
from tests.browser.harness import FakeApi, error, focus_lands_on

pytestmark = [pytest.mark.browser]
CODE = "BADGES123"


def campaign(**changes):  # noqa: ANN003, ANN201
    return {
        "id": "c-1",
        "code": CODE,
        "name": "Parcours de rentrée",
        "type": "ASSESSMENT",
        "organization_id": "o-1",
        "external_id_label": None,
        "landing_text": None,
        "target_skill_ids": ["skill-moteurRecherche1", "skill-moteurRecherche2"],
        "created_at": "2026-09-01T08:00:00Z",
        "archived_at": None,
        **changes,
    }


def participation(**changes):  # noqa: ANN003, ANN201
    return {
        "campaign_id": "c-1",
        "student_id": "s-1",
        "first_name": "Zoé",
        "last_name": "LEFÈVRE",
        "division": "3E1",
        "joined_at": "2026-09-02T07:30:00Z",
        "shared_at": None,
        "pix_score": None,
        "certifiable": None,
        "certifiable_competences_count": None,
        **changes,
    }


def open_campaign(page, web_url, api: FakeApi) -> None:  # noqa: ANN001
    api.install(page)
    signed_in(page)
    page.goto(f"{web_url}/student/#/campagne/{CODE}")


def test_an_assessment_campaign_is_joined_then_its_evaluation_starts(page, web_url, axe):
    api = FakeApi().on("GET", f"/orga/campaigns/{CODE}", campaign())
    not_joined = error("NOT_A_PARTICIPANT", "Vous ne participez pas à cette campagne.")
    api.on("GET", f"/orga/campaigns/{CODE}/participations/me", not_joined, 404)
    api.on("POST", f"/orga/campaigns/{CODE}/participations", participation(), 201)
    open_campaign(page, web_url, api)

    page.get_by_role("heading", name="Qui êtes-vous ?").wait_for()
    assert page.get_by_label("Date de naissance").input_value() == "28/02/2011"
    axe(page, "élève : rejoindre une campagne")
    api.on("GET", f"/orga/campaigns/{CODE}/participations/me", participation())
    api.on("POST", "/engine/assessments", {"assessment_id": "a-9", "kind": "CAMPAIGN"}, 201)
    page.get_by_role("button", name="Rejoindre la campagne").click()
    page.get_by_role("button", name="Commencer le parcours").click()

    page.wait_for_url("**/#/evaluation/a-9")
    assert api.bodies("POST", f"/orga/campaigns/{CODE}/participations") == [
        {"first_name": "Zoé", "last_name": "Lefèvre", "birthdate": "2011-02-28"}
    ]
    assert api.bodies("POST", "/engine/assessments") == [{"campaign_code": CODE}]


def test_an_archived_campaign_says_so_and_offers_nothing(page, web_url, axe):
    api = FakeApi().on(
        "GET", f"/orga/campaigns/{CODE}", campaign(archived_at="2026-10-05T10:00:00Z")
    )
    not_joined = error("NOT_A_PARTICIPANT", "Vous ne participez pas à cette campagne.")
    api.on("GET", f"/orga/campaigns/{CODE}/participations/me", not_joined, 404)
    open_campaign(page, web_url, api)

    page.get_by_text("Cette campagne est archivée depuis le 05/10/2026").wait_for()
    assert page.locator("form").count() == 0
    assert page.get_by_role("button").filter(has_text="campagne").count() == 0
    axe(page, "élève : campagne archivée")


def test_the_external_id_is_asked_under_the_school_s_label_and_required(page, web_url):
    api = FakeApi().on(
        "GET",
        f"/orga/campaigns/{CODE}",
        campaign(type="PROFILES_COLLECTION", external_id_label="Numéro élève"),
    )
    not_joined = error("NOT_A_PARTICIPANT", "Vous ne participez pas à cette campagne.")
    api.on("GET", f"/orga/campaigns/{CODE}/participations/me", not_joined, 404)
    open_campaign(page, web_url, api)

    page.get_by_label("Numéro élève").wait_for()
    page.get_by_label("Date de naissance").fill("31/02/2011")
    page.get_by_role("button", name="Rejoindre la campagne").click()

    assert page.locator("#champ-external_id-erreur").inner_text().endswith("Numéro élève.")
    assert "date réelle" in page.locator("#champ-birthdate-erreur").inner_text()
    focus_lands_on(page, "champ-birthdate")
    assert api.bodies("POST", f"/orga/campaigns/{CODE}/participations") == []
