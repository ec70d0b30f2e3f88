"""A school admin on `pixcert up`, in the browser: a file that is not SIECLE and another school's
are refused with their reason; imports a SIECLE file with errors, reads them,
re-imports it fixed, creates a session (a day gone by first), enrols 25 candidates, sees the
examiner warning, downloads both PDFs and finalises with an issue report."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest
from playwright.sync_api import expect

from infra.samples import siecle_builder as siecle
from tests.browser.harness import report
from tests.browser.journey import eventually
from tests.browser.office import ADMIN, UAI, log_in, school_and_admin

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("web-stack")]
FIRST_NAMES = ["Léa", "Noé", "Inès", "Maël", "Chloé", "Anaïs", "Jérémy", "Zoé", "Éloïse", "Théo"]


def students() -> list[siecle.Eleve]:
    """26 in 2NDE1 and 4 in 2NDE2, accented names."""
    return [
        siecle.Eleve(
            f"7100{n:02d}",
            ine=f"0710000{n:02d}AB",
            last_name=["DUPRÉ", "LEFÈVRE", "N'DIAYE", "MARTIN-GARCÍA", "BOUCHÉ"][n % 5],
            first_name=f"{FIRST_NAMES[n % 10]}{'' if n < 10 else ' ' + 'ABC'[n // 10 - 1]}",
            birthdate=f"{(n % 27) + 1:02d}/0{(n % 9) + 1}/2010",
            divisions=("2NDE1",) if n < 26 else ("2NDE2",),
        )
        for n in range(30)
    ]


def with_errors(fixed: list[siecle.Eleve]) -> list[siecle.Eleve]:
    broken = list(fixed)
    broken[3] = replace(broken[3], ine="")  # INE_REQUIRED
    broken[8] = replace(broken[8], ine=broken[7].ine)  # INE_UNIQUE
    broken[12] = replace(broken[12], birthdate=None)  # missing birthdate
    return broken


def test_a_school_admin_imports_fixes_creates_a_session_enrols_and_finalises(
    stack, page, axe, look, tmp_path
):
    school = school_and_admin(stack)
    fixed = students()
    bad_file = tmp_path / "ElevesSansAdresses.xml"
    bad_file.write_bytes(siecle.siecle_xml(with_errors(fixed), uai=UAI))
    good_file = tmp_path / "ElevesSansAdresses-corrige.xml"
    good_file.write_bytes(siecle.siecle_xml(fixed, uai=UAI))

    log_in(page, f"{stack.url}/orga/", ADMIN["email"], ADMIN["password"])
    page.get_by_role("heading", name="Élèves").wait_for()
    axe(page, "orga : élèves, aucun import")
    page.get_by_role("link", name="Import SIECLE").click()
    chooser = page.get_by_label("Fichier des élèves (XML, ZIP ou CSV)")
    not_siecle = tmp_path / "liste.xml"
    not_siecle.write_text("<classe><eleve>Léa</eleve></classe>", encoding="utf-8")
    other_school = tmp_path / "ElevesSansAdresses-autre.xml"
    other_school.write_bytes(siecle.siecle_xml(fixed[:3], uai="0930001A"))
    for wrong, code in ((not_siecle, "INVALID_FILE"), (other_school, "UAI_MISMATCHED")):
        chooser.set_input_files(str(wrong))
        page.get_by_role("button", name="Importer ce fichier").click()
        page.locator(f"[data-code={code}]").wait_for(timeout=60_000)
        assert page.get_by_text("L'import a échoué : aucun élève n'a été modifié.").is_visible()
        chooser = page.get_by_label("Fichier des élèves (XML, ZIP ou CSV)")
    look(page, "orga-import-other-school", full_page=True)
    chooser.set_input_files(str(bad_file))
    axe(page, "orga : import, fichier choisi")
    page.get_by_role("button", name="Importer ce fichier").click()
    page.locator("#erreurs").wait_for(timeout=60_000)
    rows = page.locator("#erreurs + table tbody tr")
    codes = sorted(rows.evaluate_all("rs => rs.map((r) => r.dataset.code)"))
    # Both students sharing an INE are named.
    assert codes == ["BIRTHDATE_REQUIRED", "INE_REQUIRED", "INE_UNIQUE", "INE_UNIQUE"]
    duplicate = page.locator("#erreurs + table tr[data-code=INE_UNIQUE]").first
    assert fixed[7].ine in duplicate.inner_text()
    assert duplicate.locator("td").first.inner_text().isdigit()  # the line of the file
    axe(page, "orga : rapport d'import en échec")
    look(page, "orga-import-errors", full_page=True)
    with page.expect_download() as exported:
        page.get_by_role("button", name="Exporter le rapport (CSV)").click()
    assert fixed[7].ine in exported.value.path().read_text(encoding="utf-8-sig")

    page.get_by_label("Fichier des élèves (XML, ZIP ou CSV)").set_input_files(str(good_file))
    page.get_by_role("button", name="Importer ce fichier").click()
    page.get_by_text("Import terminé").wait_for(timeout=60_000)
    axe(page, "orga : import terminé")
    page.get_by_role("link", name="Élèves", exact=True).click()
    page.get_by_role("cell", name="MARTIN-GARCÍA").first.wait_for()
    page.get_by_label("Nom ou prénom").fill("lefevre")
    expect(page.locator("main tbody tr")).to_have_count(6)
    axe(page, "orga : élèves, recherche")
    look(page, "orga-students-search")
    page.get_by_role("link", name="Membres").click()
    team = page.get_by_role("table", name="1 membre")
    team.get_by_role("rowheader", name="Benali Nadia").wait_for()
    assert "Administrateur" in team.inner_text() and ADMIN["email"] in team.inner_text()
    look(page, "orga-members")
    page.get_by_label("Adresse e-mail").fill("personne@lycee-office.fr")
    page.get_by_role("button", name="Ajouter le membre").click()
    page.locator("#champ-email-erreur").get_by_text("Aucun compte").wait_for()
    axe(page, "orga : membres, compte inconnu")
    page.get_by_role("link", name="Résultats de certification").click()
    page.get_by_label("Classe").select_option("2NDE1")
    with page.expect_download() as results:
        page.get_by_role("button", name="Télécharger les résultats (CSV)").click()
    header = results.value.path().read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("Numéro de certification;Prénom;Nom;Date de naissance")
    axe(page, "orga : résultats de certification")

    eventually(
        lambda: (
            len(
                stack.client()
                .login(ADMIN["email"], ADMIN["password"])
                .get(f"/certif/centers/{school['id']}/students", query={"limit": 100})
                .json()
                .get("students", [])  # refused until certif knows the centre's admin
            )
            == 30
        ),
        "certif's enrollable students",
    )
    page.goto(f"{stack.url}/certif/")  # the same login, kept by the tab
    page.get_by_role("heading", name="Sessions — Lycée Olympe-de-Gouges").wait_for()
    axe(page, "certif : sessions du centre, aucune")
    page.get_by_role("link", name="Créer une session").click()
    page.get_by_label("Nom du site").fill("Bâtiment B")
    page.get_by_label("Salle").fill("Salle 204")
    page.get_by_label("Date").fill("01/12/2026")
    page.get_by_label("Heure de début (heure de Paris)").fill("09:00")
    page.get_by_label("Surveillant(s)").fill("M. Girard")
    page.get_by_role("button", name="Créer la session").click()
    page.locator("#champ-date-erreur").get_by_text("passé").wait_for()
    assert page.get_by_label("Salle").input_value() == "Salle 204"
    axe(page, "certif : session refusée, date passée")
    look(page, "certif-session-in-the-past")
    page.get_by_label("Date").fill("15/03/2027")
    page.get_by_role("button", name="Créer la session").click()
    page.get_by_role("heading", name="Session n°").wait_for()
    axe(page, "certif : session créée")

    page.get_by_role("link", name="Inscrire des candidats").click()
    page.get_by_label("Classe").select_option("2NDE1")
    expect(page.locator("main tbody tr")).to_have_count(26)
    started = time.monotonic()
    page.get_by_label("Sélectionner tous les élèves affichés").check()
    last = page.locator("main tbody tr").last
    last.get_by_role("checkbox").uncheck()
    page.locator("main tbody tr").first.get_by_role("textbox").fill("33")
    page.get_by_text("25 élèves sélectionnés").wait_for()
    axe(page, "certif : inscription de 25 candidats")
    look(page, "certif-enrol")
    page.get_by_role("button", name="Inscrire 25 élèves").click()
    page.get_by_role("heading", name="Candidats (25)").wait_for()
    report["timings"]["enrol_25_ms"] = round((time.monotonic() - started) * 1000)
    warning = page.get_by_text("À vérifier avant le jour de la session")
    warning.wait_for()
    assert "surveillant" in page.locator(".notice--warning").inner_text()
    axe(page, "certif : session de 25 candidats, avertissement surveillant")
    look(page, "certif-session-warning", full_page=True)

    for button, name in (
        ("Télécharger la feuille d'émargement (PDF)", "attendance"),
        ("Télécharger le PV d'incident (PDF)", "incident"),
    ):
        with page.expect_download() as pdf:
            page.get_by_role("button", name=button).click()
        data = pdf.value.path().read_bytes()
        assert data.startswith(b"%PDF"), name

    page.get_by_role("link", name="Finaliser la session").click()
    page.get_by_role("heading", name="Candidats (25)").wait_for()
    first = page.locator("article.closing").first
    first.get_by_role("button", name="Ajouter un signalement").click()
    first.get_by_label("Catégorie").select_option(label="Retard, absence ou départ")
    first.get_by_label("Précision").select_option(
        label="C4 — Était présent(e) mais a oublié de signer / a signé sur la mauvaise ligne"
    )  # noqa: E501
    first.get_by_role("button", name="Ajouter le signalement").click()
    first.get_by_text("C4", exact=True).wait_for()
    page.get_by_label("Signaler un incident").check()
    page.get_by_label("Décrivez l'incident").fill("Coupure du réseau de 10 minutes à 9 h 40.")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    page.get_by_text("Brouillon enregistré le").wait_for()
    axe(page, "certif : finalisation, brouillon enregistré")
    look(page, "certif-finalization", full_page=True)
    page.get_by_role("button", name="Finaliser la session").click()
    page.get_by_role("dialog").get_by_role("button", name="Oui, finaliser la session").click()
    page.get_by_text("La session est finalisée").wait_for()
    axe(page, "certif : session finalisée")
