"""The candidate on exam day, on faked certif and engine routes: joining, waiting, the access
code and its lockout, the test against the server's clock, cuts, reloads, the end screen."""

from __future__ import annotations

import re
import time

import pytest

from tests.browser.exam_fakes import (
    AUTHORIZED,
    COURSE,
    COURSE_ID,
    SEAT_PATH,
    SESSION_ID,
    FakeCourse,
    candidate,
    qroc_ids,
    seat,
    shift_the_clock,
)
from tests.browser.fakes import NOT_CERTIFIABLE
from tests.browser.harness import error, focus_lands_on, focus_lands_on_text

pytestmark = [pytest.mark.browser]
NO_MATCH = "Nous n'avons pas trouvé de candidat correspondant dans cette session."


def fill_join(page, session="4021", first="Zoé", last="Lefèvre", born="28/02/2011") -> None:  # noqa: ANN001
    page.get_by_label("Numéro de session").fill(session)
    page.get_by_label("Prénom").fill(first)
    page.get_by_label("Nom", exact=True).fill(last)
    page.get_by_label("Date de naissance").fill(born)


def test_a_profile_not_certifiable_sees_the_message_and_nothing_else(page, web_url, axe, look):
    candidate(page, levels={"1.1": 2, "2.1": 1})
    page.goto(f"{web_url}/candidate/")

    page.get_by_role("heading", name="Certification").wait_for()
    page.get_by_text(NOT_CERTIFIABLE).wait_for()
    assert page.locator("main input, main form, main button").count() == 0
    axe(page, "candidat : profil non certifiable")
    look(page, "candidate-not-certifiable")


def test_a_wrong_join_then_a_server_error_keep_everything_typed_then_the_examiner_lets_in(
    page, web_url, axe, look
):
    api = candidate(page)
    page.goto(f"{web_url}/candidate/")
    page.get_by_role("button", name="Rejoindre la session").click()
    page.locator("#champ-session_id-erreur").get_by_text(
        "Saisissez le numéro de session"
    ).wait_for()
    focus_lands_on(page, "champ-session_id")

    fill_join(page, session="40 2a")
    page.get_by_role("button", name="Rejoindre la session").click()
    page.locator("#champ-session_id-erreur").get_by_text("que des chiffres").wait_for()

    message = NO_MATCH + " Vérifiez le numéro de session donné par le surveillant."
    api.on("POST", f"{SEAT_PATH}/join", error("CANDIDATE_NOT_FOUND", message), 404)
    page.get_by_label("Numéro de session").fill(SESSION_ID)
    page.get_by_role("button", name="Rejoindre la session").click()
    page.get_by_role("alert").filter(has_text=NO_MATCH).wait_for()
    assert page.get_by_label("Nom", exact=True).input_value() == "Lefèvre"
    assert page.get_by_label("Date de naissance").input_value() == "28/02/2011"
    axe(page, "candidat : rejoindre, aucun candidat ne correspond")
    look(page, "candidate-join-not-found")

    api.on("POST", f"{SEAT_PATH}/join", lambda _r: (500, None))
    page.get_by_role("button", name="Rejoindre la session").click()
    page.get_by_role("alert").filter(has_text="Le service rencontre un problème").wait_for()
    page.reload()  # a draft: nothing typed is lost
    page.get_by_label("Prénom").wait_for()
    assert page.get_by_label("Prénom").input_value() == "Zoé"
    assert page.get_by_label("Numéro de session").input_value() == SESSION_ID

    polls: list[int] = []

    def my_seat(_request):  # noqa: ANN001, ANN202
        polls.append(1)
        return 200, seat(**AUTHORIZED, authorized_at="2026-03-10T08:58:00Z") if len(
            polls
        ) > 1 else seat()

    api.on("POST", f"{SEAT_PATH}/join", seat())
    api.on("GET", f"{SEAT_PATH}/me", my_seat)
    page.get_by_role("button", name="Rejoindre la session").click()
    page.get_by_text("En attente du surveillant").wait_for()
    assert api.bodies("POST", f"{SEAT_PATH}/join")[-1] == {
        "first_name": "Zoé",
        "last_name": "Lefèvre",
        "birthdate": "2011-02-28",
    }
    axe(page, "candidat : en attente du surveillant")
    look(page, "candidate-waiting")
    page.get_by_label("Code d'accès").wait_for(timeout=10_000)
    assert len(polls) >= 2


def test_a_wrong_access_code_then_the_lockout_then_the_unlock_and_the_test_starts(
    page, web_url, axe, look
):
    api = candidate(page)
    locked = {"now": False}
    api.on(
        "GET",
        f"{SEAT_PATH}/me",
        lambda _r: (
            200,
            seat(**AUTHORIZED, authorized_at="2026-03-10T08:58:00Z", locked=locked["now"]),
        ),
    )
    wrong = "Code d'accès incorrect : vérifiez le code donné par le surveillant."
    api.on("POST", f"{SEAT_PATH}/start", error("WRONG_ACCESS_CODE", wrong, attempts_left=4), 400)
    page.goto(f"{web_url}/candidate/#/certification/{SESSION_ID}")
    code = page.get_by_label("Code d'accès")
    code.wait_for()
    focus_lands_on(page, "champ-access_code")
    page.keyboard.type("bcdf22")
    page.keyboard.press("Enter")
    page.locator("#champ-access_code-erreur").get_by_text(wrong).wait_for()
    assert page.get_by_text("Il vous reste 4 essais.").is_visible()
    assert code.input_value() == "bcdf22"
    axe(page, "candidat : code d'accès erroné")
    look(page, "candidate-access-code-wrong")

    lock = "Trop de codes d'accès erronés : appelez le surveillant pour qu'il vous débloque."
    api.on("POST", f"{SEAT_PATH}/start", error("CANDIDATE_LOCKED", lock), 429)
    locked["now"] = True
    page.get_by_role("button", name="Commencer le test").click()
    page.get_by_text(lock).first.wait_for()
    page.get_by_text("Cette page se met à jour dès qu'il l'a fait.").wait_for()
    assert not page.get_by_label("Code d'accès").count()
    axe(page, "candidat : bloqué après 5 codes erronés")
    look(page, "candidate-locked")

    locked["now"] = False  # the examiner unlocks
    api.on(
        "POST",
        f"{SEAT_PATH}/start",
        {"course_id": COURSE_ID, "candidate_id": "cand-1", "session_id": SESSION_ID},
        202,
    )
    course = FakeCourse(qroc_ids(3))
    generating = {"left": 2}

    def status(_request):  # noqa: ANN001, ANN202
        generating["left"] -= 1
        if generating["left"] >= 0:
            return 200, {"course_id": COURSE_ID, "state": "generating", "question_count": None,
                         "answered_count": 0, "remaining_seconds": None, "deadline": None,
                         "timed_out": False, "end_screen": False, "end_screen_confirmed": False,
                         "refusal": None, "retry_after_seconds": 1}  # fmt: skip
        return 200, course.status()

    course.install(api)
    api.on("GET", COURSE, status)
    page.get_by_label("Code d'accès").fill("BCDF23", timeout=10_000)
    page.get_by_role("button", name="Commencer le test").click()
    page.get_by_text("La certification se génère").wait_for()
    axe(page, "candidat : la certification se génère")
    look(page, "candidate-generating")
    page.get_by_role("heading", name="Question 1 sur 3").wait_for()
    assert api.bodies("POST", f"{SEAT_PATH}/start")[-1] == {"access_code": "BCDF23"}


def test_the_countdown_follows_the_server_even_when_the_computer_clock_is_hours_off(page, web_url):
    api = candidate(page)
    shift_the_clock(page, hours=-7.5)
    course = FakeCourse(qroc_ids(2), remaining=6000)
    course.install(api)
    page.goto(f"{web_url}/candidate/#/test/{COURSE_ID}")
    page.get_by_role("heading", name="Question 1 sur 2").wait_for()
    assert abs(page.evaluate("Date.now()") / 1000 - (time.time() - 7.5 * 3600)) < 120
    timer = page.get_by_role("timer")
    assert re.search(r"Temps restant : 1:(40:00|39:5\d)", timer.inner_text()), timer.inner_text()
    # Europe/Paris, from the server's deadline (10:45 UTC in March is 11:45 in Paris).
    assert page.get_by_text("Fin du test à 11:45").is_visible()


def test_a_cut_while_answering_keeps_the_answer_retries_it_and_a_reload_resumes_with_the_time_left(
    page, web_url, axe, look
):
    api = candidate(page)
    course = FakeCourse(qroc_ids(3), remaining=3000)
    course.install(api)
    cut = {"left": 2}

    def flaky(request):  # noqa: ANN001, ANN202
        if cut["left"]:
            cut["left"] -= 1
            return "abort"
        return course.answer(request)

    api.on("POST", f"{COURSE}/answers", flaky)
    page.goto(f"{web_url}/candidate/#/test/{COURSE_ID}")
    page.get_by_role("heading", name="Question 1 sur 3").wait_for()
    look(page, "candidate-question")
    axe(page, "candidat : une question du test")
    page.locator("#reponse-1").fill("ma réponse")
    page.get_by_role("button", name="Valider").click()
    waiting = page.get_by_role("status").filter(has_text="Le serveur ne répond pas")
    waiting.wait_for()
    assert page.locator("#reponse-1").input_value() == "ma réponse"
    axe(page, "candidat : réponse en attente du réseau")
    look(page, "candidate-network-cut")
    page.get_by_role("heading", name="Question 2 sur 3").wait_for(timeout=10_000)
    first = course.challenges[0]
    assert (
        api.bodies("POST", f"{COURSE}/answers")
        == [{"challenge_id": first, "value": "ma réponse"}] * 3
    )
    assert course.answers == [{"challenge_id": first, "value": "ma réponse"}]

    page.locator("#reponse-1").fill("pas encore envoyée")
    course.remaining = 1234  # the server's clock moved on meanwhile
    page.reload()
    page.get_by_role("heading", name="Question 2 sur 3").wait_for()
    assert page.locator("#reponse-1").input_value() == "pas encore envoyée"
    assert re.search(r"Temps restant : 20:(34|33)", page.get_by_role("timer").inner_text())

    page.get_by_role("button", name="Je passe").click()
    page.get_by_role("heading", name="Question 3 sur 3").wait_for()
    assert course.answers[-1] == {"challenge_id": course.challenges[1], "skip": True}


def test_the_whole_test_and_its_end_screen_with_the_keyboard_alone(page, web_url, axe, look):
    api = candidate(page)
    course = FakeCourse(qroc_ids(2))
    course.install(api)
    page.goto(f"{web_url}/candidate/#/test/{COURSE_ID}")
    page.get_by_role("heading", name="Question 1 sur 2").wait_for()
    focus_lands_on_text(page, "Question 1 sur 2")
    page.keyboard.press("Tab")
    while page.evaluate("document.activeElement.id") != "reponse-1":
        page.keyboard.press("Tab")
    page.keyboard.type("première")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Question 2 sur 2").wait_for()
    page.keyboard.press("Tab")
    while page.evaluate("document.activeElement.textContent.trim()") != "Je passe":
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    page.get_by_role("heading", name="Vous avez presque terminé").wait_for()
    assert page.get_by_text("Appelez le surveillant", exact=True).is_visible()
    axe(page, "candidat : écran de fin")
    look(page, "candidate-end-screen")
    while page.evaluate("document.activeElement.id") != "surveillant-vu":
        page.keyboard.press("Tab")
    page.keyboard.press("Space")
    page.get_by_text("Merci : votre test de certification est terminé.").wait_for()
    assert page.get_by_label("Le surveillant a bien vu cet écran").is_checked()
    assert course.confirmed
    assert [a.get("value", "skip") for a in course.answers] == ["première", "skip"]
    axe(page, "candidat : écran de fin coché")
    look(page, "candidate-end-screen-confirmed")


def test_an_expired_login_during_the_test_comes_back_to_the_question_with_the_answer(page, web_url):
    api = candidate(page)
    course = FakeCourse(qroc_ids(2))
    course.install(api)
    api.on(
        "POST",
        f"{COURSE}/answers",
        error("TOKEN_EXPIRED", "Votre session a expiré, reconnectez-vous."),
        401,
    )
    page.goto(f"{web_url}/candidate/#/test/{COURSE_ID}")
    page.locator("#reponse-1").fill("gardée")
    page.get_by_role("button", name="Valider").click()
    page.get_by_role("heading", name="Connexion").wait_for()
    assert page.get_by_text("Votre session a expiré : reconnectez-vous").is_visible()

    api.on("POST", "/orga/auth/token", {
        "access_token": "nouveau-jeton", "token_type": "bearer", "expires_in": 3600,
        "user": {"id": "u-1", "first_name": "Zoé", "last_name": "Lefèvre", "birthdate": "2011-02-28"},
    })  # fmt: skip
    api.on("POST", f"{COURSE}/answers", course.answer)
    page.get_by_label("Adresse e-mail ou identifiant").fill("zoe.lefevre2802")
    page.get_by_label("Mot de passe").fill("Motdepasse-1")
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("heading", name="Question 1 sur 2").wait_for()
    assert page.locator("#reponse-1").input_value() == "gardée"
