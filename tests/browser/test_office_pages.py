"""Pix Orga and Pix Certif pages on faked routes: an assessment campaign created on chosen
competences; a session edited, the edit cancelled, a date outside the window refused next to its
field, the session deleted; a finalisation refused for a missing abort reason, said next to the
candidate, the draft kept."""

from __future__ import annotations

import pytest

from tests.browser.fakes import referential
from tests.browser.harness import FakeApi, error, focus_lands_on
from tests.browser.office import staff_signed_in

pytestmark = [pytest.mark.browser]
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
    focus_lands_on(page, "abandon-k-2-candidate")
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


def certif_session(**changes):  # noqa: ANN003, ANN201
    return {
        "id": "10001", "center_id": ORG, "address": "Bâtiment B", "room": "Salle 204",
        "name": None, "date": "2027-03-15", "time": "09:00:00", "examiner": "M. Girard",
        "description": None, "access_code": "FBTX78", "examiner_password": "4YM37",
        "status": "created", "candidate_count": 0, "created_at": "2026-12-02T08:00:00Z",
        "finalized_at": None, "finalization_due_at": "2027-03-17T10:00:00Z",
        "finalization_overdue": False, "warnings": [], **changes,
    }  # fmt: skip


def test_a_session_is_edited_an_edit_cancelled_a_refused_date_kept_then_the_session_deleted(
    page, web_url, axe
):
    base = "/certif/sessions/10001"
    outside = error(
        "SESSION_OUTSIDE_WINDOW",
        "La date est hors de la période de certification des lycées (du 11/01 au 20/05).",
    )
    api = FakeApi().on("GET", base, certif_session())
    api.on("GET", f"{base}/candidates", {"candidates": []})
    api.on("PATCH", base, outside, 422)
    api.on("DELETE", base, None, 204)
    api.on("GET", f"/certif/centers/{ORG}/sessions", {"sessions": [], "next_cursor": None})
    as_admin(page, api)
    page.goto(f"{web_url}/certif/#/session/10001")

    page.get_by_role("button", name="Modifier la session").click()
    page.get_by_label("Salle").fill("Salle 310")
    page.get_by_role("button", name="Annuler les modifications").click()
    page.get_by_text("Salle 204").wait_for()
    assert api.bodies("PATCH", base) == []
    page.get_by_role("button", name="Modifier la session").click()
    assert page.get_by_label("Salle").input_value() == "Salle 204"
    page.get_by_label("Date").fill("15/06/2027")
    page.get_by_role("button", name="Enregistrer les modifications").click()
    page.locator("#champ-date-erreur").get_by_text("hors de la période").wait_for()
    assert page.get_by_label("Date").input_value() == "15/06/2027"
    focus_lands_on(page, "champ-date")
    axe(page, "certif : modification refusée, hors période")
    page.get_by_role("button", name="Annuler les modifications").click()
    page.get_by_role("button", name="Supprimer la session").click()
    page.get_by_role("dialog").get_by_role("button", name="Supprimer la session").click()
    page.wait_for_url(f"**/#/centre/{ORG}")
    assert len(api.bodies("DELETE", base)) == 1


def test_a_session_not_finalised_48_hours_after_its_end_says_so_in_the_list_and_on_its_page(
    page, web_url, axe, look
):
    # GIVEN a session of 15 March 2027, 09:00–11:00, still not finalised on the 17th after 11:00
    base = "/certif/sessions/10001"
    late = certif_session(candidate_count=2, finalization_overdue=True)
    on_time = certif_session(id="10002", date="2027-03-16", candidate_count=1)
    on_time["finalization_due_at"] = "2027-03-18T10:00:00Z"
    listed = [{k: s[k] for k in ("id", "address", "room", "name", "date", "time", "examiner",
                                 "status", "candidate_count", "finalization_due_at",
                                 "finalization_overdue")} for s in (late, on_time)]  # fmt: skip
    api = FakeApi().on("GET", f"/certif/centers/{ORG}/sessions", {"sessions": listed,
                                                               "next_cursor": None})  # fmt: skip
    api.on("GET", base, late)
    api.on("GET", f"{base}/candidates", {"candidates": []})
    api.on("GET", "/certif/sessions/10002", on_time)
    api.on("GET", "/certif/sessions/10002/candidates", {"candidates": []})
    as_admin(page, api)

    # WHEN the centre's admin opens the list of sessions
    page.goto(f"{web_url}/certif/#/centre/{ORG}")
    # THEN the late one, and only it, says so
    rows = page.locator("tbody tr")
    rows.first.get_by_text("Finalisation en retard").wait_for()
    assert rows.nth(1).get_by_text("Finalisation en retard").count() == 0
    axe(page, "certif : sessions, une finalisation en retard")
    look(page, "certif-sessions-finalization-overdue", full_page=True)
    # and its page says by when it was due (Paris time) and that it can still be finalised
    page.get_by_role("link", name="10001").click()
    notice = page.locator("[data-code=FINALIZATION_OVERDUE]")
    notice.wait_for()
    assert "au plus tard le 17/03/2027 à 11:00" in " ".join(notice.inner_text().split())
    assert "dès que possible" in notice.inner_text()
    axe(page, "certif : session à finaliser, en retard")
    look(page, "certif-session-finalization-overdue", full_page=True)
    # and a session still within its 48 h shows its deadline only
    page.goto(f"{web_url}/certif/#/session/10002")
    due = page.locator("[data-code=FINALIZATION_DUE]")
    due.wait_for()
    assert "au plus tard le 18/03/2027 à 11:00" in " ".join(due.inner_text().split())
    assert page.locator("[data-code=FINALIZATION_OVERDUE]").count() == 0
