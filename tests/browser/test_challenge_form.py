"""Every challenge type, its media and timer, « Je passe », by mouse and by keyboard alone."""

from __future__ import annotations

import pytest

from tests.browser import bank
from tests.browser.fakes import BASE, evaluation, grade, view
from tests.browser.harness import focus_lands_on, focus_lands_on_text

pytestmark = [pytest.mark.browser]

TYPES = ["QCU", "QCM", "QROC", "QROCM-ind", "QROCM-dep"]


@pytest.mark.parametrize("kind", TYPES)
def test_each_challenge_type_sends_the_answer_the_engine_grades_right(page, web_url, axe, kind):
    cid = bank.first_of(kind, image=False, embed=False, attachment=False, timer=False)
    api = evaluation(page, web_url, view(cid))
    axe(page, f"question {kind}")

    bank.type_right_answer(page, cid)
    page.get_by_role("button", name="Valider").click()

    page.get_by_text("Évaluation terminée : merci !").wait_for()
    [sent] = api.bodies("POST", f"{BASE}/answers")
    assert sent == {"challenge_id": cid, "value": bank.right_answer(cid)}
    assert grade(cid, sent["value"]) == "ok"
    axe(page, "évaluation terminée")


def test_image_embed_attachment_and_timer_are_shown(page, web_url, axe, look):
    def media(kind: str) -> dict[str, str]:
        return view(bank.first_of("QCU", **{kind: True}))[kind]

    challenge = view(
        bank.first_of("QROC", image=False),
        image=media("image"),
        embed=media("embed"),
        attachment=media("attachment"),
        timer=90,
    )
    evaluation(page, web_url, challenge)

    image = page.get_by_role("img", name=challenge["image"]["label"])
    assert image.get_attribute("src") == challenge["image"]["url"]
    frame = page.locator("iframe")
    assert frame.get_attribute("title") == challenge["embed"]["label"]
    assert frame.get_attribute("src") == challenge["embed"]["url"]
    link = page.get_by_role(
        "link", name=f"Télécharger le fichier : {challenge['attachment']['label']}"
    )
    assert link.get_attribute("href") == challenge["attachment"]["url"]
    assert page.get_by_text("Question chronométrée : 1 min 30 s.").is_visible()
    assert page.locator("[role=timer]").inner_text() in (
        "Temps restant : 01:30",
        "Temps restant : 01:29",
    )
    axe(page, "question avec image, application, fichier et minuteur")
    look(page, "student-challenge-media", full_page=True)


def test_a_timed_question_shown_again_counts_from_the_servers_seconds_left(page, web_url):
    """After a reload the server says how long the question has left on its own clock."""
    challenge = view(bank.first_of("QROC", image=False), timer=90, timer_remaining_seconds=25)
    evaluation(page, web_url, challenge)
    assert page.get_by_text("Question chronométrée : 1 min 30 s.").is_visible()
    assert page.locator("[role=timer]").inner_text() in (
        "Temps restant : 00:25",
        "Temps restant : 00:24",
    )


def test_je_passe_sends_a_skip_and_no_value(page, web_url):
    cid = bank.first_of("QCU", image=False, timer=False)
    api = evaluation(page, web_url, view(cid))

    page.get_by_role("button", name="Je passe").click()

    page.get_by_text("Évaluation terminée : merci !").wait_for()
    assert api.bodies("POST", f"{BASE}/answers") == [{"challenge_id": cid, "skip": True}]


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("QCM", "Choisissez une réponse, ou cliquez sur « Je passe »."),
        ("QROCM-ind", "Saisissez une réponse, ou cliquez sur « Je passe »."),
    ],
)
def test_validating_nothing_says_so_next_to_the_answer_and_sends_nothing(
    page, web_url, axe, kind, message
):
    api = evaluation(page, web_url, view(bank.first_of(kind, image=False)))

    page.get_by_role("button", name="Valider").click()

    error = page.locator("#reponse-erreur")
    assert error.text_content().strip() == f"Erreur : {message}"
    assert error.get_attribute("aria-live") == "polite"
    assert page.locator("#reponse-1").get_attribute("aria-invalid") == "true"
    focus_lands_on(page, "reponse-1")
    assert api.bodies("POST", f"{BASE}/answers") == []
    axe(page, f"question {kind} sans réponse")


def test_a_whole_question_with_the_keyboard_alone_and_a_visible_focus(page, web_url):
    cid = bank.first_of("QCU", image=False, embed=False, attachment=False, timer=False)
    right = bank.right_answer(cid)
    api = evaluation(page, web_url, view(cid))
    focus_lands_on_text(page, "Question 1")

    page.keyboard.press("Tab")
    focus_lands_on(page, "reponse-1")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Space")
    for _ in range(right - 1):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Je passe"
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "[document.activeElement.textContent.trim(),"
        " getComputedStyle(document.activeElement).outlineStyle]"
    )
    assert focused == ["Valider", "solid"]
    page.keyboard.press("Enter")

    page.get_by_text("Évaluation terminée : merci !").wait_for()
    assert api.bodies("POST", f"{BASE}/answers") == [{"challenge_id": cid, "value": right}]


def test_the_next_question_follows_without_a_reload_and_takes_the_focus(page, web_url):
    first = bank.first_of("QROC", image=False, timer=False)
    second = bank.first_of("QCM", image=False, timer=False)
    api = evaluation(page, web_url, view(first))
    api.on(
        "POST", f"{BASE}/answers", {"result": "ko", "next": view(second), "completed": False}, 201
    )

    page.locator("#reponse-1").fill("une réponse")
    page.get_by_role("button", name="Valider").click()

    page.get_by_role("heading", name="Question 2").wait_for()
    focus_lands_on_text(page, "Question 2")
    assert page.locator("input[type=checkbox]").count() == len(view(second)["proposals"])
    assert page.locator("input[type=checkbox]:checked").count() == 0
