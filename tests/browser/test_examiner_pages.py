"""The examiner's space on a tablet (768 × 1024), on faked certif routes: the password, the
candidates' live states, authorise, unlock, end a test with a reason, « Écran de fin vu »."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.harness import FakeApi, error

pytestmark = [pytest.mark.browser]
SID = "4021"
BASE = f"/certif/sessions/{SID}"
TABLET = {"width": 768, "height": 1024}


def person(cid: str, first: str, last: str, state: str, label: str, **more: Any) -> dict[str, Any]:
    return {
        "id": cid, "first_name": first, "last_name": last, "birthdate": "2011-02-28",
        "extra_time_label": "", "state": state, "state_label": label, "locked": False,
        "wrong_code_count": 0, "course_id": None, "started_at": None, "deadline": None,
        "end_screen_seen_at": None, "end_reason": None, **more,
    }  # fmt: skip


def room() -> dict[str, dict[str, Any]]:
    return {
        "c1": person("c1", "Zoé", "Lefèvre", "waiting_for_authorization", "En attente d'autorisation"),
        "c2": person("c2", "Mathis", "Nguyễn", "in_test", "En cours de test", course_id="k2",
                     deadline="2026-03-10T10:45:00Z", extra_time_label="33\u202f%"),
        "c3": person("c3", "Inès", "Benali", "authorized", "Autorisé à commencer", locked=True,
                     wrong_code_count=5),
        "c4": person("c4", "Léa", "Dupré", "end_screen_reached", "Écran de fin atteint", course_id="k4"),
        "c5": person("c5", "Noé", "Martin", "not_joined", "Non connecté"),
    }  # fmt: skip


def supervision(people: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return {
        "session": {
            "id": SID, "date": "2026-03-10", "time": "09:00:00",
            "address": "Collège Victor-Hugo, bâtiment B", "room": "Salle B12",
            "examiner": "M. Martin, Mme Nguyễn", "status": "created",
        },
        "candidates": sorted(people.values(), key=lambda c: c["last_name"]),
    }  # fmt: skip


def examiner_room(page: Any) -> tuple[FakeApi, dict[str, dict[str, Any]]]:
    people = room()
    api = FakeApi().install(page)
    api.on("GET", f"{BASE}/supervision", lambda _r: (200, supervision(people)))

    def acting(cid: str, change: dict[str, Any]):  # noqa: ANN202
        def act(_request: Any) -> tuple[int, Any]:
            people[cid].update(change)
            return 200, {"id": cid, "state": people[cid]["state"], "locked": people[cid]["locked"]}

        return act

    api.on(
        "POST",
        f"{BASE}/candidates/c1/authorize",
        acting("c1", {"state": "authorized", "state_label": "Autorisé à commencer"}),
    )
    api.on(
        "POST",
        f"{BASE}/candidates/c3/unlock",
        acting("c3", {"locked": False, "wrong_code_count": 0}),
    )
    api.on(
        "POST",
        f"{BASE}/candidates/c4/end-screen-seen",
        acting(
            "c4",
            {
                "state": "finished",
                "state_label": "Terminé",
                "end_screen_seen_at": "2026-03-10T10:31:00Z",
            },
        ),
    )
    api.on("POST", f"{BASE}/candidates/c2/end-test",
           acting("c2", {"state": "ended_by_examiner", "state_label": "Test arrêté par le surveillant",
                         "end_reason": "A quitté la salle sans l'accord du surveillant"}))  # fmt: skip
    return api, people


def card(page: Any, cid: str) -> Any:
    return page.locator(f'li[data-candidate="{cid}"]')


def test_the_examiner_opens_the_space_and_acts_on_each_candidate_on_a_tablet(
    page, web_url, axe, look
):
    page.set_viewport_size(TABLET)
    api, people = examiner_room(page)
    wrong = "Numéro de session ou mot de passe surveillant incorrect."
    api.on("POST", f"{BASE}/supervise", error("WRONG_EXAMINER_PASSWORD", wrong), 401)
    page.goto(f"{web_url}/examiner/")
    page.get_by_role("heading", name="Espace surveillant").wait_for()
    page.get_by_label("Numéro de session").fill(SID)
    page.get_by_label("Mot de passe surveillant").fill("xxxxx")
    page.get_by_role("button", name="Ouvrir l'espace surveillant").click()
    page.get_by_role("alert").filter(has_text=wrong).wait_for()
    assert page.get_by_label("Numéro de session").input_value() == SID
    axe(page, "surveillant : mot de passe erroné")
    look(page, "examiner-wrong-password")

    token = {
        "access_token": "jeton-surveillant",
        "token_type": "bearer",
        "expires_in": 18000,
        "session_id": SID,
    }
    api.on("POST", f"{BASE}/supervise", token)
    page.get_by_label("Mot de passe surveillant").fill("k7m2p")
    page.get_by_role("button", name="Ouvrir l'espace surveillant").click()
    card(page, "c1").wait_for()
    assert api.bodies("POST", f"{BASE}/supervise")[-1] == {"examiner_password": "k7m2p"}
    assert (
        page.get_by_text("10/03/2026").is_visible() and page.get_by_text("Salle B12").is_visible()
    )
    assert "temps majoré 33" in card(page, "c2").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= TABLET["width"]
    axe(page, "surveillant : la session et ses candidats (tablette)")
    look(page, "examiner-session", full_page=True)

    card(page, "c1").get_by_role("button", name="Autoriser l'entrée Zoé Lefèvre").click()
    card(page, "c1").get_by_text("Entrée de Zoé Lefèvre autorisée.").wait_for()
    card(page, "c1").get_by_text("Autorisé à commencer").wait_for()
    card(page, "c3").get_by_role("button", name="Débloquer").click()
    card(page, "c3").get_by_text("débloqué").wait_for()
    card(page, "c4").get_by_role("button", name="Écran de fin vu").click()
    card(page, "c4").get_by_text("Terminé", exact=True).wait_for()

    card(page, "c2").get_by_role("button", name="Arrêter le test").click()
    reason = card(page, "c2").get_by_label(
        "Motif de l'arrêt du test de Mathis Nguyễn (obligatoire)"
    )
    reason.wait_for()
    # the form moves the focus to its field once drawn (an effect, after the paint)
    page.wait_for_function("document.activeElement?.tagName === 'TEXTAREA'", timeout=5_000)
    card(page, "c2").get_by_role("button", name="Confirmer l'arrêt").click()
    card(page, "c2").get_by_text("Saisissez le motif de l'arrêt").wait_for()
    assert api.bodies("POST", f"{BASE}/candidates/c2/end-test") == []
    axe(page, "surveillant : arrêter un test sans motif")
    look(page, "examiner-end-test-reason")
    reason.fill("A quitté la salle sans l'accord du surveillant")
    card(page, "c2").get_by_role("button", name="Confirmer l'arrêt").click()
    card(page, "c2").get_by_text("Test arrêté par le surveillant").wait_for()
    assert api.bodies("POST", f"{BASE}/candidates/c2/end-test") == [
        {"reason": "A quitté la salle sans l'accord du surveillant"}
    ]
    assert people["c2"]["state"] == "ended_by_examiner"
    look(page, "examiner-after-actions", full_page=True)


def test_the_list_follows_the_room_by_polling_and_an_expired_access_asks_the_password_again(
    page, web_url
):
    api, people = examiner_room(page)
    api.on(
        "POST",
        f"{BASE}/supervise",
        {"access_token": "t", "token_type": "bearer", "expires_in": 60, "session_id": SID},
    )
    page.goto(f"{web_url}/examiner/")
    page.get_by_label("Numéro de session").fill(SID)
    page.get_by_label("Mot de passe surveillant").fill("k7m2p")
    page.get_by_role("button", name="Ouvrir l'espace surveillant").click()
    card(page, "c5").get_by_text("Non connecté").wait_for()

    people["c5"].update(state="waiting_for_authorization", state_label="En attente d'autorisation")
    card(page, "c5").get_by_role("button", name="Autoriser l'entrée Noé Martin").wait_for(
        timeout=10_000
    )

    api.on(
        "POST",
        f"{BASE}/candidates/c5/authorize",
        error("TOKEN_EXPIRED", "Votre session a expiré, reconnectez-vous."),
        401,
    )
    card(page, "c5").get_by_role("button", name="Autoriser l'entrée Noé Martin").click()
    page.get_by_text("Votre accès à l'espace surveillant a expiré").wait_for()
    assert page.get_by_label("Numéro de session").input_value() == SID
    assert page.get_by_label("Mot de passe surveillant").input_value() == ""


def test_an_error_of_an_action_is_shown_on_the_candidate_in_french(page, web_url):
    api, _people = examiner_room(page)
    api.on(
        "POST",
        f"{BASE}/supervise",
        {"access_token": "t", "token_type": "bearer", "expires_in": 60, "session_id": SID},
    )
    finished = "La session est finalisée."
    api.on(
        "POST", f"{BASE}/candidates/c1/authorize", error("SESSION_ALREADY_FINALIZED", finished), 409
    )
    page.goto(f"{web_url}/examiner/")
    page.get_by_label("Numéro de session").fill(SID)
    page.get_by_label("Mot de passe surveillant").fill("k7m2p")
    page.get_by_role("button", name="Ouvrir l'espace surveillant").click()
    card(page, "c1").get_by_role("button", name="Autoriser l'entrée Zoé Lefèvre").click()
    card(page, "c1").get_by_role("alert").get_by_text(finished).wait_for()
