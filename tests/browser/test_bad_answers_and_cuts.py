"""A cut network, an expired login, a server error: the message is shown, nothing typed is lost."""

from __future__ import annotations

import pytest

from tests.browser import bank
from tests.browser.fakes import BASE, evaluation, view
from tests.browser.harness import error

pytestmark = [pytest.mark.browser]


def qroc() -> str:
    return bank.first_of("QROC", image=False, embed=False, attachment=False, timer=False)


def test_a_network_cut_says_so_keeps_the_answer_and_sends_it_again(page, web_url, axe):
    cid = qroc()
    api = evaluation(page, web_url, view(cid))
    attempts: list[int] = []

    def cut_once(_request):  # noqa: ANN001, ANN202
        attempts.append(1)
        return (
            "abort"
            if len(attempts) == 1
            else (201, {"result": "ok", "next": None, "completed": True})
        )

    api.on("POST", f"{BASE}/answers", cut_once)
    page.locator("#reponse-1").fill("des guillemets")
    page.get_by_role("button", name="Valider").click()

    notice = page.get_by_role("status").filter(has_text="Le serveur ne répond pas")
    notice.wait_for()
    assert "Nouvel essai dans 1 s." in notice.inner_text()
    assert page.locator("#reponse-1").input_value() == "des guillemets"
    assert page.get_by_role("button", name="Envoi…").is_disabled()
    axe(page, "réponse en attente du réseau")

    page.get_by_text("Évaluation terminée : merci !").wait_for()
    sent = api.bodies("POST", f"{BASE}/answers")
    assert sent == [{"challenge_id": cid, "value": "des guillemets"}] * 2


def test_an_expired_login_comes_back_to_the_same_question_with_the_answer_typed(page, web_url):
    cid = qroc()
    api = evaluation(page, web_url, view(cid))
    api.on(
        "POST",
        f"{BASE}/answers",
        error("TOKEN_EXPIRED", "Votre session a expiré, reconnectez-vous."),
        401,
    )
    page.locator("#reponse-1").fill("guillemets")
    page.get_by_role("button", name="Valider").click()

    page.get_by_role("heading", name="Connexion").wait_for()
    assert page.get_by_text("Votre session a expiré : reconnectez-vous").is_visible()
    api.on(
        "POST",
        "/orga/auth/token",
        {
            "access_token": "nouveau-jeton",
            "token_type": "bearer",
            "expires_in": 3600,
            "user": {
                "id": "u-1",
                "first_name": "Zoé",
                "last_name": "Lefèvre",
                "birthdate": "2011-02-28",
                "email": None,
                "username": "zoe.lefevre2802",
                "role": "STUDENT",
                "memberships": {},
            },
        },
    )
    api.on("POST", f"{BASE}/answers", {"result": "ok", "next": None, "completed": True}, 201)
    page.get_by_label("Adresse e-mail ou identifiant").fill("zoe.lefevre2802")
    page.get_by_label("Mot de passe").fill("Motdepasse-1")
    page.get_by_role("button", name="Se connecter").click()

    page.get_by_role("heading", name="Question 1").wait_for()
    assert page.locator("#reponse-1").input_value() == "guillemets"
    page.get_by_role("button", name="Valider").click()
    page.get_by_text("Évaluation terminée : merci !").wait_for()
    assert api.bodies("POST", "/orga/auth/token") == [
        {"username": "zoe.lefevre2802", "password": "Motdepasse-1"}
    ]


def test_a_refused_answer_shows_the_api_message_and_the_answer_stays(page, web_url, axe):
    cid = qroc()
    api = evaluation(page, web_url, view(cid))
    message = "Réponse illisible pour l'épreuve : la réponse attendue est un texte."
    api.on("POST", f"{BASE}/answers", error("ANSWER_INVALID", message), 400)
    page.locator("#reponse-1").fill("guillemets")
    page.get_by_role("button", name="Valider").click()

    page.get_by_role("alert").filter(has_text=message).wait_for()
    assert page.locator("#reponse-1").input_value() == "guillemets"
    assert page.get_by_role("button", name="Valider").is_enabled()
    axe(page, "réponse refusée")


def test_a_server_error_is_said_in_french_and_the_answer_stays(page, web_url):
    cid = qroc()
    api = evaluation(page, web_url, view(cid))
    api.on("POST", f"{BASE}/answers", lambda _r: (500, None))
    page.locator("#reponse-1").fill("guillemets")
    page.get_by_role("button", name="Valider").click()

    page.get_by_role("alert").filter(has_text="Le service rencontre un problème").wait_for()
    assert page.locator("#reponse-1").input_value() == "guillemets"


def test_a_reload_shows_the_same_question_with_what_was_typed(page, web_url):
    cid = qroc()
    evaluation(page, web_url, view(cid))
    page.locator("#reponse-1").fill("entre guillemets")

    page.reload()

    page.get_by_role("heading", name="Question 1").wait_for()
    assert page.locator("#reponse-1").input_value() == "entre guillemets"


def test_logging_out_forgets_what_was_typed_for_the_next_person(page, web_url):
    cid = qroc()
    evaluation(page, web_url, view(cid))
    page.locator("#reponse-1").fill("une réponse à moi")

    page.get_by_role("button", name="Se déconnecter").click()
    page.get_by_role("heading", name="Connexion").wait_for()
    assert not page.get_by_text("Votre session a expiré").count()
    drafts = page.evaluate("Object.keys(sessionStorage).filter((k) => k.includes('draft'))")
    assert drafts == []
    page.reload()  # the same tab logged in again (the fake API's token)

    page.get_by_role("heading", name="Question 1").wait_for()
    assert page.locator("#reponse-1").input_value() == ""
