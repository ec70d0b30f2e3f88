"""The jury's console on faked jury routes: sessions by tab and a batch published, a question
neutralised then the session published, and a change made meanwhile by another member shown
rather than overwritten."""

from __future__ import annotations

import copy
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.fakes import referential
from tests.browser.harness import FakeApi, error
from tests.browser.office import JURY_ID, certification, changed, jury_session, staff_signed_in

pytestmark = [pytest.mark.browser]
DETAIL = "/jury/sessions/1042"


def console(page, web_url, api: FakeApi, where: str) -> FakeApi:  # noqa: ANN001
    api.on("GET", "/orga/me", staff_signed_in(page))
    api.on("GET", "/engine/referential", referential())
    api.install(page)
    page.goto(f"{web_url}/jury/#{where}")
    return api


def test_sessions_are_listed_by_tab_and_a_batch_is_published_with_each_outcome(
    page, web_url, axe, look
):
    ready = [
        jury_session(session_id="1042", state="to_publish", reasons=[]),
        jury_session(session_id="1043", state="to_publish", reasons=[], center_name="Collège Rosa-Parks"),
        jury_session(session_id="1044", state="to_publish", reasons=["END_SCREEN_NOT_SEEN"],
                     assigned_to=JURY_ID),
    ]  # fmt: skip
    asked: list[dict] = []

    def sessions(request):  # noqa: ANN001, ANN202
        query = parse_qs(urlsplit(request.url).query)
        asked.append(query)
        if query.get("status") == ["to_publish"]:
            return 200, {"sessions": ready, "next_cursor": None}
        return 200, {"sessions": [jury_session()], "next_cursor": None}

    outcomes = {
        "results": [
            {"session_id": "1042", "published": True, "code": None, "message": None},
            {"session_id": "1044", "published": False, "code": "SESSION_NOT_READY",
             "message": "La session n'est pas prête à être publiée."},
        ]
    }  # fmt: skip
    api = FakeApi().on("GET", "/jury/sessions", sessions)
    api.on("POST", "/jury/sessions/publish", outcomes)
    console(page, web_url, api, "/sessions/a-traiter")

    page.get_by_role("heading", name="Sessions — À traiter").wait_for()
    # the heading is drawn before the list arrives: wait for the rows, not for the title
    expect(page.get_by_role("row").nth(1).get_by_text("Signalement à examiner")).to_have_count(1)
    axe(page, "jury : sessions à traiter")
    page.get_by_role("link", name="À publier").click()
    page.get_by_role("heading", name="Sessions — À publier").wait_for()
    expect(page.get_by_role("checkbox")).to_have_count(3)
    expect(page.get_by_role("row").nth(3).get_by_text("Vous")).to_have_count(1)
    page.get_by_label("Choisir la session n° 1042").check()
    page.get_by_label("Choisir la session n° 1044").check()
    axe(page, "jury : sessions à publier, deux choisies")
    look(page, "jury-sessions-to-publish")
    page.get_by_role("button", name="Publier la sélection (2 sessions)").click()
    dialog = page.get_by_role("dialog", name="Publier les sessions choisies ?")
    dialog.get_by_role("button", name="Publier").click()

    page.get_by_text("1 session publiée : n° 1042.").wait_for()
    assert page.get_by_text(
        "Session n° 1044 non publiée : La session n'est pas prête à être publiée."
    ).is_visible()
    assert api.bodies("POST", "/jury/sessions/publish") == [{"session_ids": ["1042", "1044"]}]
    assert {"status": ["needs_action"], "limit": ["50"]} in asked


def test_a_question_is_neutralised_a_report_resolved_then_the_session_published(
    page, web_url, axe, look
):
    cert = certification()
    detail = {"session": jury_session(), "certifications": [cert]}
    api = FakeApi().on("GET", DETAIL, lambda _r: (200, copy.deepcopy(detail)))
    api.on("POST", f"{DETAIL}/assign", jury_session(assigned_to=JURY_ID))
    console(page, web_url, api, "/session/1042")

    page.get_by_role("heading", name="Session n° 1042").wait_for()
    card = page.get_by_role("region", name="DUPRÉ Léa")
    card.get_by_text("E1", exact=True).wait_for()
    assert "L'image ne s'affiche pas (question 7)" in card.locator(".reports").inner_text()
    assert card.get_by_role("row").nth(7).inner_text().split("\t")[:2] == [
        "7",
        "3.1 Développer des documents textuels",
    ]  # noqa: E501
    axe(page, "jury : une session à traiter")
    page.get_by_role("button", name="M'assigner la session").click()
    detail["session"] = jury_session(assigned_to=JURY_ID)
    page.get_by_text("La session vous est assignée.").wait_for()

    neutralised = changed(cert, version=5)
    neutralised["answers"][6]["neutralized"] = True

    def neutralise(_request):  # noqa: ANN001, ANN202 - jury's state changes as it answers
        detail["certifications"] = [neutralised]
        return 200, neutralised

    api.on("POST", "/jury/certifications/course-7/neutralize", neutralise)
    card.get_by_role("button", name="Neutraliser la question 7").click()
    card.get_by_role("button", name="Dé-neutraliser la question 7").wait_for()
    assert api.bodies("POST", "/jury/certifications/course-7/neutralize") == [
        {"version": 4, "question_number": 7}
    ]
    resolved = changed(neutralised, version=6)
    resolved["issue_reports"][0].update(resolved=True, resolution="Image absente : neutralisée.")

    def resolve(_request):  # noqa: ANN001, ANN202
        detail["certifications"] = [resolved]
        return 200, resolved

    api.on("POST", "/jury/issue-reports/ir-1/resolve", resolve)
    card.get_by_label("Résolution du signalement E1").fill("Image absente : neutralisée.")
    card.get_by_role("button", name="Résoudre").click()
    card.get_by_text("Résolu").wait_for()
    assert api.bodies("POST", "/jury/issue-reports/ir-1/resolve") == [
        {"certification_id": "course-7", "comment": "Image absente : neutralisée.", "version": 5}
    ]
    history = {
        "course_id": "course-7",
        "version": 6,
        "history": [
            {"at": "2027-03-15T12:10:00Z", "emitter": "algorithm", "action": "score", "by": None,
             "before": {}, "after": {}, "result": {**cert["result"]}},
            {"at": "2027-03-20T08:30:00Z", "emitter": "neutralization", "action": "neutralize",
             "by": JURY_ID, "before": {"question_number": 7, "neutralized": False},
             "after": {"question_number": 7, "neutralized": True},
             "result": {**cert["result"], "pix": 96}},
        ],
    }  # fmt: skip
    api.on("GET", "/jury/certifications/course-7/history", history)
    card.get_by_text("Historique (résultats et actions du jury)").click()
    card.get_by_text("question : 7 ; neutralisée : non → oui").wait_for()
    assert card.get_by_text("20/03/2027 à 09:30").is_visible()
    axe(page, "jury : question neutralisée, signalement résolu, historique")
    look(page, "jury-session-review", full_page=True)

    detail["session"] = jury_session(state="to_publish", reasons=[], assigned_to=JURY_ID)
    published = jury_session(state="published", reasons=[], published_at="2027-03-20T08:45:00Z")
    api.on("POST", f"{DETAIL}/publish", published)
    page.get_by_role("button", name="Publier les résultats").click()
    page.get_by_role("dialog", name="Publier la session n° 1042 ?").get_by_role(
        "button", name="Publier"
    ).click()
    page.get_by_text("Les résultats de la session sont publiés.").wait_for()
    assert len(api.bodies("POST", f"{DETAIL}/publish")) == 1


def test_a_read_answering_after_a_change_does_not_take_its_reply_back(page, web_url):
    """The page reads the session again after each change; a read answering with the version
    from before (it started earlier, or a replica lags) leaves the newer one on screen."""
    cert = certification()
    before = {"session": jury_session(assigned_to=JURY_ID), "certifications": [cert]}
    api = FakeApi().on("GET", DETAIL, lambda _r: (200, copy.deepcopy(before)))
    neutralised = changed(cert, version=5)
    neutralised["answers"][6]["neutralized"] = True
    api.on("POST", "/jury/certifications/course-7/neutralize", neutralised)
    console(page, web_url, api, "/session/1042")
    card = page.get_by_role("region", name="DUPRÉ Léa")
    card.get_by_text("E1", exact=True).wait_for()
    reads = len(api.bodies("GET", DETAIL))

    card.get_by_role("button", name="Neutraliser la question 7").click()
    card.get_by_role("button", name="Dé-neutraliser la question 7").wait_for()
    for _ in range(100):  # the read that follows the change, answered with the older version
        if len(api.bodies("GET", DETAIL)) > reads:
            break
        page.wait_for_timeout(50)
    assert len(api.bodies("GET", DETAIL)) > reads
    page.wait_for_timeout(300)  # time for that answer to be drawn, were it drawn
    assert card.get_by_role("button", name="Dé-neutraliser la question 7").is_visible()
    assert card.get_by_role("button", name="Neutraliser la question 7", exact=True).count() == 0


def test_a_change_made_meanwhile_by_another_member_is_shown_and_nothing_typed_is_lost(
    page, web_url, axe
):
    cert = certification()
    detail = {"session": jury_session(assigned_to=JURY_ID), "certifications": [cert]}
    api = FakeApi().on("GET", DETAIL, lambda _r: (200, copy.deepcopy(detail)))
    stale = error(
        "STALE_VERSION",
        "Cette certification a été modifiée entre-temps : rechargez-la avant d'agir.",
        current_version=5,
    )
    api.on("PATCH", "/jury/certifications/course-7", stale, 409)
    console(page, web_url, api, "/session/1042")

    card = page.get_by_role("region", name="DUPRÉ Léa")
    card.get_by_text("Corriger l'identité, écrire les commentaires").click()
    card.get_by_label("Nom", exact=True).fill("Dupré-Martin")
    card.get_by_label("Commentaire pour l'établissement").fill("Nom d'usage corrigé.")
    # Meanwhile another member cancelled the certification.
    detail["certifications"] = [changed(cert, version=5, cancelled_by_jury=True)]
    card.get_by_role("button", name="Enregistrer les modifications").click()

    card.get_by_text("modifiée entre-temps").first.wait_for()
    card.get_by_role("button", name="Rétablir la certification").wait_for()
    assert card.get_by_label("Nom", exact=True).input_value() == "Dupré-Martin"
    assert card.get_by_label("Commentaire pour l'établissement").input_value() == (
        "Nom d'usage corrigé."
    )
    axe(page, "jury : changement concurrent")
    saved = changed(cert, version=6, cancelled_by_jury=True)
    saved["identity"]["last_name"] = "Dupré-Martin"

    def save(_request):  # noqa: ANN001, ANN202 - jury's state changes as it answers
        detail["certifications"] = [saved]
        return 200, saved

    api.on("PATCH", "/jury/certifications/course-7", save)
    card.get_by_role("button", name="Enregistrer les modifications").click()
    # The card now bears the corrected name.
    card = page.get_by_role("region", name="DUPRÉ-MARTIN Léa")
    card.get_by_text("Modifications enregistrées.").wait_for()
    first, second = api.bodies("PATCH", "/jury/certifications/course-7")
    assert first == {"version": 4, "last_name": "Dupré-Martin",
                     "comment_for_organization": "Nom d'usage corrigé."}  # fmt: skip
    assert second == {**first, "version": 5}
