"""Pix Orga and Pix Certif pages on faked routes: an assessment campaign created on chosen
competences; a finalisation refused for a missing abort reason, said next to the candidate, the
draft kept."""

from __future__ import annotations

import pytest

from tests.browser.fakes import referential
from tests.browser.harness import FakeApi, error
from tests.browser.office import staff_signed_in

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
ORG = "o-1"
SCHOOL = {
    "id": ORG,
    "uai": "0751234J",
    "name": "Lycée Olympe-de-Gouges",
    "type": "LYCEE",
    "sector": "PUBLIC",
    "academie": "Créteil",
    "is_certification_center": True,
}


def as_admin(page, api: FakeApi) -> FakeApi:  # noqa: ANN001
    me = staff_signed_in(page, role="STUDENT")
    api.on("GET", "/orga/me", {**me, "memberships": {ORG: "ADMIN"}})
    api.on("GET", f"/orga/organizations/{ORG}", SCHOOL)
    return api.install(page)


def test_an_assessment_campaign_is_created_on_chosen_competences_and_shows_its_code(
    page, web_url, axe, look
):
    skills = {"1.1": ["skill-moteurRecherche1", "skill-moteurRecherche2"], "1.2": ["skill-tri1"]}
    created = {"id": "c-9", "code": "RENTRE123"}
    api = FakeApi().on("GET", f"/orga/organizations/{ORG}/campaigns", {"campaigns": []})
    api.on("GET", "/engine/referential", referential())
    api.on("GET", f"/orga/organizations/{ORG}/campaign-target-skills", {"skills": skills})
    api.on("POST", f"/orga/organizations/{ORG}/campaigns", created, 201)
    as_admin(page, api)
    page.goto(f"{web_url}/orga/#/etablissement/{ORG}/campagnes")

    page.get_by_role("button", name="Créer une campagne").click()
    page.get_by_label("Nom de la campagne").fill("Parcours de rentrée 2nde")
    page.get_by_label("Parcours (évaluation)").check()
    page.get_by_label("1.1 Mener une recherche et une veille d'information").check()
    page.get_by_label("1.2 Gérer des données").check()
    assert page.get_by_label("5.2 Construire un environnement numérique").is_disabled()
    axe(page, "orga : nouvelle campagne d'évaluation")
    look(page, "orga-new-assessment-campaign", full_page=True)
    campaign = {
        "id": "c-9", "code": "RENTRE123", "name": "Parcours de rentrée 2nde", "type": "ASSESSMENT",
        "created_at": "2026-09-02T08:00:00Z", "archived_at": None,
    }  # fmt: skip
    api.on("GET", f"/orga/organizations/{ORG}/campaigns", {"campaigns": [campaign]})
    api.on("GET", f"/orga/organizations/{ORG}/campaigns/c-9/participants", {"participants": []})
    page.get_by_role("button", name="Créer la campagne").click()

    page.get_by_text("RENTRE123").first.wait_for()
    [sent] = api.bodies("POST", f"/orga/organizations/{ORG}/campaigns")
    assert sent["type"] == "ASSESSMENT"
    assert sorted(sent["target_skill_ids"]) == sorted(skills["1.1"] + skills["1.2"])


def finalization(**changes):  # noqa: ANN003, ANN201
    return {
        "session_id": "10001",
        "status": "created",
        "has_incident": False,
        "comment": None,
        "saved_at": None,
        "documents": [],
        "candidates": [
            {"candidate_id": "k-1", "first_name": "Léa", "last_name": "DUPRÉ", "state": "finished",
             "unfinished": False, "end_screen_seen": True, "abort_reason": None, "issue_reports": []},
            {"candidate_id": "k-2", "first_name": "Noé", "last_name": "N'DIAYE", "state": "in_test",
             "unfinished": True, "end_screen_seen": False, "abort_reason": None, "issue_reports": []},
        ],
        **changes,
    }  # fmt: skip


def test_a_finalisation_without_an_abort_reason_says_so_next_to_the_candidate_and_keeps_all(
    page, web_url, axe, look
):
    base = "/certif/sessions/10001"
    message = (
        "Noé N'DIAYE n'a pas terminé son test : indiquez le motif d'abandon "
        "(« candidat » ou « technique »)."
    )
    refused = error(
        "FINALIZATION_INCOMPLETE",
        "La session ne peut pas encore être finalisée : 1 point(s) à compléter.",
        missing=[{"code": "ABORT_REASON_REQUIRED", "message": message, "candidate_id": "k-2",
                  "field": "abort_reason"}],
    )  # fmt: skip
    saved = {"saved_at": "2027-03-15T11:05:00Z", "documents": [], "candidates": [
        {"candidate_id": "k-1"}, {"candidate_id": "k-2"}]}  # fmt: skip
    api = FakeApi().on("GET", f"{base}/finalization", finalization())
    api.on("PUT", f"{base}/finalization", saved)
    api.on("POST", f"{base}/finalize", refused, 422)
    as_admin(page, api)
    page.goto(f"{web_url}/certif/#/session/10001/finalisation")

    page.get_by_role("heading", name="Candidats (2)").wait_for()
    page.get_by_label("Signaler un incident").check()
    page.get_by_label("Décrivez l'incident").fill("Coupure du réseau à 9 h 40.")
    page.get_by_role("button", name="Finaliser la session").click()
    page.get_by_role("dialog").get_by_role("button", name="Oui, finaliser la session").click()

    page.locator("#abandon-k-2-erreur").get_by_text("indiquez le motif d'abandon").wait_for()
    assert page.evaluate("document.activeElement.id") == "abandon-k-2-candidate"
    assert page.get_by_label("Décrivez l'incident").input_value() == "Coupure du réseau à 9 h 40."
    axe(page, "certif : finalisation refusée, motif d'abandon manquant")
    look(page, "certif-finalization-missing-abort-reason", full_page=True)
    page.get_by_label("Problème technique : les questions restantes sont neutralisées").check()
    api.on("POST", f"{base}/finalize", {"id": "10001", "status": "finalized",
                                        "finalized_at": "2027-03-15T11:06:00Z"})  # fmt: skip
    page.get_by_role("button", name="Finaliser la session").click()
    page.get_by_role("dialog").get_by_role("button", name="Oui, finaliser la session").click()
    page.get_by_text("La session est finalisée").wait_for()
    last = api.bodies("PUT", f"{base}/finalization")[-1]
    noe = next(c for c in last["candidates"] if c["candidate_id"] == "k-2")
    assert noe["abort_reason"] == "technical"
    assert last["comment"] == "Coupure du réseau à 9 h 40."
