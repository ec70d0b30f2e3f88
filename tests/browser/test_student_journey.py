"""A student on `pixcert up`, in the browser: signs up, takes evaluations until certifiable,
joins the school's campaign (a wrong code and a wrong birthdate first) and sends the profile."""

from __future__ import annotations

import importlib
import re

import pytest

from infra.samples import siecle_builder as siecle
from pixcore.referential import COMPETENCE_CODES
from tests.browser.fakes import NOT_CERTIFIABLE
from tests.browser.harness import report
from tests.browser.journey import answer_until_done, eventually, percentiles, school_with_students

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("web-stack")]
STUDENTS = [
    siecle.Eleve("900001", ine="090000001AA", last_name="DUPRÉ", first_name="Léa",
                 birthdate="28/02/2011", divisions=("2NDE3",)),
    siecle.Eleve("900002", ine="090000002BB", last_name="MARTIN", first_name="Noé",
                 birthdate="28/02/2011", divisions=("2NDE3",)),
]  # fmt: skip


def test_a_student_becomes_certifiable_joins_the_campaign_and_sends_the_profile(
    stack, page, axe, look
):
    admin, school = school_with_students(stack, STUDENTS)
    base = f"/orga/organizations/{school['id']}"
    campaign = admin.post(
        f"{base}/campaigns",
        {
            "name": "Profils des 2nde",
            "type": "PROFILES_COLLECTION",
            "landing_text": "Envoyez votre profil Pix avant les vacances.",
        },
    ).json()

    page.goto(f"{stack.url}/student/")
    page.get_by_role("heading", name="Connexion").wait_for()
    axe(page, "élève : connexion")
    page.get_by_role("link", name="Créer un compte").click()
    page.get_by_label("Prénom").fill("Léa")
    page.get_by_label("Nom", exact=True).fill("Dupré")
    page.get_by_label("Date de naissance").fill("28/02/2011")
    page.get_by_label("Mot de passe").fill("court")
    page.get_by_role("button", name="Créer mon compte").click()
    weak = page.locator("#champ-password-erreur")
    weak.get_by_text("au moins 8 caractères").wait_for()
    assert page.get_by_label("Prénom").input_value() == "Léa"
    axe(page, "élève : inscription, mot de passe refusé")
    look(page, "student-signup-error")
    page.get_by_label("Mot de passe").fill("Motdepasse-2026")
    page.get_by_role("button", name="Créer mon compte").click()
    page.get_by_text("Votre compte est créé.").wait_for()
    assert page.locator(".identifier").inner_text() == "lea.dupre2802"
    page.get_by_role("button", name="Continuer").click()

    page.locator(".competence").first.wait_for()
    assert page.locator(".competence").count() == 16
    assert page.get_by_role("heading", level=2).count() == 5
    assert page.locator(".notice--info").inner_text() == NOT_CERTIFIABLE
    axe(page, "élève : profil non certifiable")
    look(page, "student-profile-new", full_page=True)

    timings: list[dict[str, float]] = []
    for competence in COMPETENCE_CODES:
        page.get_by_role("button", name=f"Évaluer la compétence {competence} ").click()
        page.get_by_role("heading", name="Question 1").wait_for()
        if competence == COMPETENCE_CODES[0]:
            axe(page, "élève : une question")
            look(page, "student-question")
        answer_until_done(page, timings)
        page.get_by_text("Votre niveau pour cette compétence").wait_for()
        page.get_by_role("link", name="Retour à mon profil").click()
        page.locator(".summary").wait_for()
        if page.get_by_text("Votre profil est certifiable.").count():
            break
    levels = page.locator(".level-badge").all_inner_texts()
    assert sum(text != "Niveau 0" for text in levels) >= 5
    axe(page, "élève : profil certifiable")
    look(page, "student-profile-certifiable", full_page=True)
    shown = percentiles([t["shown"] for t in timings])
    api = percentiles([t["api"] for t in timings if t["api"] is not None])
    report["timings"]["student: click on Valider → next question shown"] = shown
    report["timings"]["student: the answer request's round trip (same browser)"] = api
    assert shown["count"] == api["count"] == len(timings)

    page.get_by_role("link", name="Rejoindre une campagne").click()
    page.get_by_label("Code de la campagne").fill("ZZZZZZ999")
    page.get_by_role("button", name="Accéder à la campagne").click()
    page.locator("#champ-code-erreur").get_by_text("Campagne introuvable.").wait_for()
    assert page.get_by_label("Code de la campagne").input_value() == "ZZZZZZ999"
    axe(page, "élève : code de campagne inconnu")
    page.get_by_label("Code de la campagne").fill(campaign["code"].lower())
    page.get_by_role("button", name="Accéder à la campagne").click()

    page.get_by_role("heading", name="Profils des 2nde").wait_for()
    assert page.get_by_text("Envoyez votre profil Pix avant les vacances.").is_visible()
    assert page.get_by_label("Prénom").input_value() == "Léa"
    assert page.get_by_label("Date de naissance").input_value() == "28/02/2011"
    page.get_by_label("Nom", exact=True).fill("Dupont")
    page.get_by_role("button", name="Rejoindre la campagne").click()
    page.get_by_role("alert").get_by_text("Aucun élève de l'établissement ne correspond").wait_for()
    assert page.get_by_label("Nom", exact=True).input_value() == "Dupont"
    axe(page, "élève : réconciliation refusée")
    look(page, "student-campaign-not-found")
    page.get_by_label("Nom", exact=True).fill("dupre")
    page.get_by_role("button", name="Rejoindre la campagne").click()
    page.get_by_role("heading", name="Votre participation").wait_for()
    assert page.get_by_text("classe 2NDE3").is_visible()

    # orga learns the profile from the engine's ProfileUpdated, through the queue.
    total = eventually(
        lambda: (
            stack.client()
            .with_token(page.evaluate("JSON.parse(sessionStorage['pixcert.session']).token"))
            .get("/engine/users/me/profile")
            .json()["total_pix"]
        ),
        "the engine's profile",
    )
    student = stack.client().with_token(
        page.evaluate("JSON.parse(sessionStorage['pixcert.session']).token")
    )
    path = f"/orga/campaigns/{campaign['code']}/participations/me"
    eventually(lambda: student.get(path).json()["pix_score"] == total, "orga's copy of the profile")
    page.reload()
    page.get_by_text(f"{total} pix").wait_for()
    page.get_by_role("button", name="Envoyer mon profil").click()
    # orga asks engine for the profile as of now and shows « Envoi en cours » until it answers.
    page.get_by_text(re.compile("Envoi en cours|Profil envoyé le")).wait_for()
    if not engine_answers_shares():  # engine's answer (ProfileShared) lands from its branch
        listed = admin.get(f"{base}/campaigns/{campaign['id']}/participants").json()
        assert [p["status"] for p in listed["participants"]] == ["Envoi en cours"]
        return
    page.get_by_text("Profil envoyé le").wait_for()
    axe(page, "élève : profil envoyé")
    look(page, "student-campaign-sent")

    listed = admin.get(f"{base}/campaigns/{campaign['id']}/participants").json()["participants"]
    assert [(p["last_name"], p["pix_score"], p["certifiable"]) for p in listed] == [
        ("DUPRÉ", total, True)
    ]


def engine_answers_shares() -> bool:
    """Whether engine handles « Envoyer mon profil » (ProfileShareRequested → ProfileShared)."""
    from pixcore.messages.catalog import ProfileShareRequested

    handlers = importlib.import_module("chalicelib.engine.handlers").handlers(None)
    return ProfileShareRequested in handlers
