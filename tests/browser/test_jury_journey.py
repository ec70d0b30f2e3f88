"""A jury member on `pixcert up`, in the browser: a session of two candidates who took their
tests, finalised with an incident report; the jury member takes it, neutralises a question,
resolves the report, publishes; the académie's dashboard then counts that session."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from infra.local.demo_certif import become_certifiable
from infra.local.demo_exam import STEADY, ExamCandidate, take_exam
from infra.samples import siecle_builder as siecle
from tests.browser.journey import eventually
from tests.browser.office import log_in

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("web-stack")]
ACADEMIE = "Besançon"
ADMIN = {"email": "marc.vidal@lycee-jury-journey.fr", "password": "Motdepasse-2027"}
UAI = "0251234F"  # its own school: the other journeys may run on the same stack
PASSWORD = "Motdepasse-candidat-1"
STUDENTS = [
    siecle.Eleve("950001", ine="095000001AA", last_name="PERRIN", first_name="Anaïs",
                 birthdate="14/05/2010", divisions=("2NDE4",)),
    siecle.Eleve("950002", ine="095000002BB", last_name="GIRAUD", first_name="Maël",
                 birthdate="03/11/2010", divisions=("2NDE4",)),
]  # fmt: skip


def finalised_session(stack) -> tuple[dict, list[str]]:  # noqa: ANN001
    """Through the API: a school of Besançon, its two students certifiable, a session they took,
    finalised with a report a person must read (left the room) and a global comment."""
    from chalicelib.engine.content_files import read_content

    jury, anonymous = stack.jury(), stack.client()
    school = jury.post(
        "/orga/organizations",
        {"uai": UAI, "name": "Lycée Victor-Bérard", "type": "LYCEE",
         "sector": "PUBLIC", "academie": ACADEMIE, "is_certification_center": True},
    ).json()  # fmt: skip
    anonymous.post(
        "/orga/users",
        {"first_name": "Marc", "last_name": "Vidal", "birthdate": "1975-02-02", **ADMIN},
    )
    jury.post(
        f"/orga/organizations/{school['id']}/memberships",
        {"email": ADMIN["email"], "role": "ADMIN"},
    )
    admin = anonymous.login(ADMIN["email"], ADMIN["password"])
    base = f"/orga/organizations/{school['id']}"
    started = admin.post(
        f"{base}/imports", raw=siecle.siecle_xml(STUDENTS, uai=UAI), content_type="application/xml"
    ).json()
    eventually(
        lambda: admin.get(f"{base}/imports/{started['import_id']}").json()["status"] == "DONE",
        "the import",
    )
    campaign = admin.post(
        f"{base}/campaigns", {"name": "Profils des 2nde", "type": "PROFILES_COLLECTION"}
    ).json()
    content, accounts = read_content(), []
    for n, eleve in enumerate(STUDENTS):
        day, month, year = eleve.birthdate.split("/")
        person = {"first_name": eleve.first_name, "last_name": eleve.last_name.title(),
                  "birthdate": f"{year}-{month}-{day}"}  # fmt: skip
        username = f"candidat.jury.{n}"
        anonymous.post("/orga/users", {**person, "username": username, "password": PASSWORD})
        account = anonymous.login(username, PASSWORD)
        account.post(f"/orga/campaigns/{campaign['code']}/participations", person)
        become_certifiable(account, content, random.Random(n))
        accounts.append((account, person))
    center = school["id"]
    students = eventually(
        lambda: (
            (r := admin.get(f"/certif/centers/{center}/students").json().get("students"))
            and all(s["certifiable"] for s in r)
            and len(r) == 2
            and r
        ),
        "certif knows the profiles",
        timeout=60,
    )
    session = admin.post(
        f"/certif/centers/{center}/sessions",
        {"address": "Lycée Victor-Bérard", "room": "CDI", "date": (date.today() + timedelta(days=7)).isoformat(),
         "time": "14:00", "examiner": "Mme Roux"},
    ).json()  # fmt: skip
    sid = session["id"]
    admin.post(f"/certif/sessions/{sid}/candidates", {"student_ids": [s["id"] for s in students]})
    examiner = anonymous.with_token(
        anonymous.post(
            f"/certif/sessions/{sid}/supervise", {"examiner_password": session["examiner_password"]}
        ).json()["access_token"]
    )
    seats = [
        account.post(f"/certif/sessions/{sid}/join", person).json() for account, person in accounts
    ]
    courses = []
    for (account, _), seat in zip(accounts, seats, strict=True):
        examiner.post(f"/certif/sessions/{sid}/candidates/{seat['id']}/authorize")
        courses.append(
            account.post(f"/certif/sessions/{sid}/start", {"access_code": session["access_code"]}).json()["course_id"]
        )  # fmt: skip
    for n, ((account, person), course) in enumerate(zip(accounts, courses, strict=True)):
        candidate = ExamCandidate(person["first_name"], account.token, course, STEADY, ability=4.5)
        take_exam(stack.url, candidate, content, 2026 + n, lambda _c: None, lambda _c: None)
        examiner.post(f"/certif/sessions/{sid}/candidates/{seats[n]['id']}/end-screen-seen")
    closing = admin.get(f"/certif/sessions/{sid}/finalization").json()["candidates"]
    left = [{"category": "LATE_OR_LEAVING", "subcategory": "LEFT_EXAM_ROOM"}]
    admin.put(
        f"/certif/sessions/{sid}/finalization",
        {"candidates": [{"candidate_id": c["candidate_id"], "end_screen_seen": True, "abort_reason": None,
                         "issue_reports": left if i == 0 else []} for i, c in enumerate(closing)],
         "has_incident": True, "comment": "Une candidate est sortie cinq minutes."},
    )  # fmt: skip
    finalized = admin.post(f"/certif/sessions/{sid}/finalize")
    assert finalized.status == 200, finalized.body[:300]
    eventually(
        lambda: any(
            s["session_id"] == str(sid)
            for s in jury.get("/jury/sessions", query={"status": "needs_action"}).json()["sessions"]
        ),
        "the jury has the session to review",
        timeout=90,
    )
    return session, courses


def test_a_jury_member_neutralises_a_question_publishes_and_the_dashboard_counts_it(
    stack, page, axe, look
):
    session, courses = finalised_session(stack)
    sid = str(session["id"])

    log_in(page, f"{stack.url}/jury/", stack.admin_email, stack.admin_password)
    page.get_by_role("heading", name="Sessions — À traiter").wait_for()
    page.get_by_role("link", name=f"{sid} — Lycée Victor-Bérard").click()
    page.get_by_role("heading", name=f"Session n° {sid}").wait_for()
    axe(page, "jury : session à traiter (pile locale)")
    page.get_by_role("button", name="M'assigner la session").click()
    page.get_by_text("La session vous est assignée.").wait_for()
    card = page.get_by_role("region", name="PERRIN Anaïs")
    card.locator("summary", has_text="questions et leurs réponses").click()
    card.get_by_role("button", name="Neutraliser la question 1", exact=True).click()
    card.get_by_role("button", name="Dé-neutraliser la question 1", exact=True).wait_for()
    resolution = page.get_by_label("Résolution du signalement C3")
    reported = page.locator("section.certification").filter(has_text="A quitté la salle sans")
    resolution.fill("Sortie de 5 minutes, sous surveillance.")
    reported.get_by_role("button", name="Résoudre").click()
    reported.get_by_text("Résolu", exact=True).wait_for()
    card.get_by_text("Historique (résultats et actions du jury)").click()
    card.get_by_text("Question neutralisée").wait_for()
    axe(page, "jury : question neutralisée, signalement résolu (pile locale)")
    look(page, "jury-session-local-stack", full_page=True)
    page.get_by_role("button", name="Publier les résultats").click()
    page.get_by_role("dialog").get_by_role("button", name="Publier").click()
    page.get_by_text("Les résultats de la session sont publiés.").wait_for()

    jury = stack.jury()
    detail = jury.get(f"/jury/sessions/{sid}").json()
    assert detail["session"]["state"] == "published"
    perrin = next(c for c in detail["certifications"] if c["identity"]["last_name"] == "PERRIN")
    assert next(a for a in perrin["answers"] if a["question_number"] == 1)["neutralized"]
    certified = sum(c["result"]["status"] == "validated" for c in detail["certifications"])

    page.goto(f"{stack.url}/academie/#/tableau-de-bord/{ACADEMIE}")
    page.get_by_role("heading", name=f"Académie de {ACADEMIE}").wait_for()

    def total(key: str) -> str:
        return page.locator(f"tr[data-indicateur={key}] td").last.inner_text()

    expected = {"schools": "1", "certification_centers": "1", "schools_with_sessions": "1",
                "sessions_created": "1", "sessions_finalized": "1", "candidates_enrolled": "2",
                "candidates_took_part": "2", "certified": str(certified)}  # fmt: skip
    assert {k: total(k) for k in expected} == expected
    assert page.locator("tr[data-indicateur=sessions_finalized] td").first.inner_text() == "1"
    weekly = page.locator(".weeks-table td[data-indicateur=certified]").all_inner_texts()
    assert sum(int(n) for n in weekly) == certified
    axe(page, "académie : tableau de bord (pile locale)")
    look(page, "academie-dashboard-local-stack", full_page=True)
