"""The exam day on `pixcert up`, in the browser: the examiner opens the space on a tablet; a
candidate joins (a typo first), is authorised, types wrong access codes until locked, is
unlocked, takes the whole test through a network cut, an expired login, a closed tab and a
reload, and reaches the end screen; the examiner ends another candidate's test; once the
session is published, the attestation's QR URL opens the verification page."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import pytest

from infra.resources import VERIFICATION_URL
from tests.browser import bank
from tests.browser.exam_journey import PASSWORD, exam_day, finalize_and_publish, ok
from tests.browser.harness import report
from tests.browser.journey import CLICK_AND_TIME, eventually, percentiles

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("web-stack")]
TABLET = {"width": 768, "height": 1024}
NO_MATCH = "Nous n'avons pas trouvé de candidat correspondant dans cette session."
LOCKED = "Trop de codes d'accès erronés"


def log_in(tab: Any, username: str) -> None:
    tab.get_by_label("Adresse e-mail ou identifiant").fill(username)
    tab.get_by_label("Mot de passe").fill(PASSWORD)
    tab.get_by_role("button", name="Se connecter").click()


def join(tab: Any, session_id: str, last_name: str) -> None:
    tab.get_by_role("heading", name="Certification").wait_for()
    tab.get_by_label("Numéro de session").fill(session_id)
    tab.get_by_label("Prénom").fill("zoe")
    tab.get_by_label("Nom", exact=True).fill(last_name)
    tab.get_by_label("Date de naissance").fill("28/02/2011")
    tab.get_by_role("button", name="Rejoindre la session").click()


def card(tab: Any, candidate_id: str) -> Any:
    return tab.locator(f'li[data-candidate="{candidate_id}"]')


def seconds_left(tab: Any) -> int:
    shown = re.search(r"(?:(\d+):)?(\d\d):(\d\d)", tab.get_by_role("timer").inner_text())
    assert shown, tab.get_by_role("timer").inner_text()
    h, m, s = (int(x or 0) for x in shown.groups())
    return h * 3600 + m * 60 + s


def test_the_exam_day_in_the_browser(stack, page, browser, axe, look):
    day = exam_day(stack)
    sid, code = day.session["id"], day.session["access_code"]
    _zoe_account, zoe = day.people["Zoé"]
    mathis_account, mathis = day.people["Mathis"]
    tablet = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris", viewport=TABLET)
    examiner = tablet.new_page()

    examiner.goto(f"{stack.url}/examiner/")
    examiner.get_by_label("Numéro de session").fill(sid)
    examiner.get_by_label("Mot de passe surveillant").fill("BBBBB")
    examiner.get_by_role("button", name="Ouvrir l'espace surveillant").click()
    examiner.get_by_role("alert").get_by_text("mot de passe surveillant incorrect").wait_for()
    examiner.get_by_label("Mot de passe surveillant").fill(day.session["examiner_password"].lower())
    examiner.get_by_role("button", name="Ouvrir l'espace surveillant").click()
    card(examiner, zoe["id"]).get_by_text("Non connecté").wait_for()
    axe(examiner, "surveillant : la session avant l'arrivée des candidats")

    page.goto(f"{stack.url}/candidate/")
    log_in(page, "zoe.exam")
    join(page, sid, "Lefèvres")
    page.get_by_role("alert").filter(has_text=NO_MATCH).wait_for()
    assert page.get_by_label("Nom", exact=True).input_value() == "Lefèvres"
    page.get_by_label("Nom", exact=True).fill("lefevre")
    page.get_by_role("button", name="Rejoindre la session").click()
    page.get_by_text("En attente du surveillant").wait_for()
    ok(mathis_account.post(f"/certif/sessions/{sid}/join", {"first_name": "Mathis",
       "last_name": "Benoit", "birthdate": "2010-11-03"}), "Mathis joins")  # fmt: skip

    waiting = card(examiner, zoe["id"]).get_by_role("button", name="Autoriser l'entrée Zoé")
    waiting.click(timeout=10_000)
    card(examiner, mathis["id"]).get_by_role("button", name="Autoriser l'entrée Mathis").click()
    axe(examiner, "surveillant : candidats autorisés")

    wrong = "BBBB22" if code.upper() != "BBBB22" else "CCCC33"
    field = page.get_by_label("Code d'accès")
    for attempt in range(1, 6):
        field.fill(wrong, timeout=10_000)
        page.get_by_role("button", name="Commencer le test").click()
        if attempt < 5:
            page.get_by_text(f"Il vous reste {5 - attempt} essai").wait_for()
    page.get_by_text(LOCKED).first.wait_for()
    card(examiner, zoe["id"]).get_by_text("bloqué").wait_for(timeout=10_000)
    card(examiner, zoe["id"]).get_by_role("button", name="Débloquer").click()
    page.get_by_label("Code d'accès").fill(code.lower(), timeout=10_000)
    page.get_by_role("button", name="Commencer le test").click()
    first = page.get_by_role("heading", name=re.compile(r"^Question 1 sur \d+$"))
    first.wait_for(timeout=30_000)
    count = int(first.inner_text().split()[-1])
    assert 15 <= count <= 48
    axe(page, "candidat : première question (pixcert up)")
    ok(mathis_account.post(f"/certif/sessions/{sid}/start", {"access_code": code}), "Mathis starts")

    timings = take_the_test(page, sid, code, count, look)
    page.get_by_role("heading", name="Vous avez presque terminé").wait_for()
    axe(page, "candidat : écran de fin (pixcert up)")

    zoe_card = card(examiner, zoe["id"])
    zoe_card.get_by_role("button", name="Écran de fin vu").click(timeout=10_000)
    zoe_card.get_by_text("Écran de fin de Zoé").wait_for()
    page.get_by_label("Le surveillant a bien vu cet écran").check()
    page.get_by_text("Merci : votre test de certification est terminé.").wait_for()

    mathis_card = card(examiner, mathis["id"])
    mathis_card.get_by_text("En cours de test").wait_for(timeout=30_000)
    mathis_card.get_by_role("button", name="Arrêter le test").click()
    mathis_card.get_by_label(re.compile("Motif de l'arrêt")).fill(
        "A quitté la salle sans l'accord du surveillant"
    )
    mathis_card.get_by_role("button", name="Confirmer l'arrêt").click()
    mathis_card.get_by_text("Test arrêté par le surveillant").first.wait_for()
    axe(examiner, "surveillant : fin de session (pixcert up)")
    look(examiner, "examiner-session-live", full_page=True)
    tablet.close()

    shown = percentiles([t["shown"] for t in timings])
    api = percentiles([t["api"] for t in timings if t["api"] is not None])
    report["timings"]["candidate: click on Valider → next question shown"] = shown
    report["timings"]["candidate: the answer request's round trip (same browser)"] = api
    assert shown["count"] == api["count"] == len(timings)  # the target is bench/exam_page.py's

    finalize_and_publish(day, stack)
    mine = eventually(
        lambda: _zoe_account.get("/jury/users/me/certifications").json()["certifications"],
        "Zoé's published certification",
        timeout=60,
    )
    qr = urlsplit(VERIFICATION_URL.format(code=mine[0]["verification_code"]))
    page.goto(f"{stack.url}{qr.path}?{qr.query}")
    page.get_by_role("heading", name="Certificat Pix authentique").wait_for()
    shown_certificate = page.locator(".certificate").inner_text()
    assert "28/02/2011" in shown_certificate and "Collège Victor-Hugo" in shown_certificate
    taken_on = "/".join(reversed(day.session["date"].split("-")))
    assert re.search(rf"Date de passage\s+{taken_on}", shown_certificate), shown_certificate
    assert f"{mine[0]['pix']} pix" in shown_certificate.replace("\u202f", " ")
    axe(page, "vérification depuis le QR code (pixcert up)")
    look(page, "verify-from-qr-code", full_page=True)

    attestation = _zoe_account.request(
        "GET",
        f"/jury/certifications/{mine[0]['course_id']}/attestation.pdf",
        accept="application/pdf",
    )
    assert attestation.status == 200 and attestation.body.startswith(b"%PDF-")
    check_file(page, attestation.body)
    page.get_by_text("Attestation authentique : elle est signée par Pix").wait_for(timeout=30_000)
    assert mine[0]["verification_code"] in page.locator(".document-check .certificate").inner_text()
    axe(page, "vérification d'une attestation PDF (pixcert up)")
    look(page, "verify-document-authentic-live", full_page=True)
    at = attestation.body.index(b"stream") + 40  # one byte of the page's content, changed
    altered = attestation.body[:at] + bytes([attestation.body[at] ^ 1]) + attestation.body[at + 1 :]
    check_file(page, altered)
    page.get_by_role("alert").get_by_text("modifié après sa signature").wait_for(timeout=30_000)


def check_file(page: Any, pdf: bytes) -> None:
    page.get_by_label("Attestation au format PDF").set_input_files(
        {"name": "attestation.pdf", "mimeType": "application/pdf", "buffer": pdf}
    )
    page.get_by_role("button", name="Vérifier le fichier").click()


def take_the_test(page: Any, sid: str, code: str, count: int, look: Any) -> list[dict[str, float]]:
    """Every question answered rightly, but: « Je passe » on 2, a network cut on 3, an expired
    login on 5, the tab closed and the candidate back through the join on 7, a reload on 9.
    Every other answer is timed from the click to the next question shown."""
    timings: list[dict[str, float]] = []
    for number in range(1, count + 1):
        page.get_by_role("heading", name=f"Question {number} sur {count}").wait_for(timeout=15_000)
        challenge_id = page.locator("form.challenge").get_attribute("data-challenge")
        if number == 2:
            page.get_by_role("button", name="Je passe").click()
            continue
        bank.type_right_answer(page, challenge_id)
        if number == 3:
            page.context.set_offline(True)
            page.get_by_role("button", name="Valider").click()
            page.get_by_role("status").filter(has_text="Le serveur ne répond pas").wait_for()
            look(page, "candidate-network-cut-live")
            page.context.set_offline(False)
        elif number == 5:
            page.evaluate("""() => { const s = JSON.parse(sessionStorage['pixcert.session']);
              s.token = 'jeton-perime'; sessionStorage['pixcert.session'] = JSON.stringify(s); }""")
            page.get_by_role("button", name="Valider").click()
            page.get_by_role("heading", name="Connexion").wait_for()
            log_in(page, "zoe.exam")
            page.get_by_role("heading", name=f"Question 5 sur {count}").wait_for()
            page.get_by_role("button", name="Valider").click()
        elif number == 7:
            before = seconds_left(page)
            page.evaluate("sessionStorage.clear()")  # a new tab: logged out, nothing kept
            page.goto(page.url.split("#")[0])
            log_in(page, "zoe.exam")
            join(page, sid, "LEFÈVRE")
            page.get_by_label("Code d'accès").fill(code)
            page.get_by_role("button", name="Reprendre mon test").click()
            page.get_by_role("heading", name=f"Question 7 sur {count}").wait_for()
            assert 0 <= before - seconds_left(page) < 60
            bank.type_right_answer(page, challenge_id)
            page.get_by_role("button", name="Valider").click()
        elif number == 9:
            before = seconds_left(page)
            page.reload()
            page.get_by_role("heading", name=f"Question 9 sur {count}").wait_for()
            assert 0 <= before - seconds_left(page) < 30
            page.get_by_role("button", name="Valider").click()
        else:
            timings.append(page.evaluate(CLICK_AND_TIME, challenge_id))
    return timings
