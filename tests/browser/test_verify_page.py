"""The public verification page on faked jury routes: from the QR code's URL or a typed code, the
certificate, or one neutral message for anything else; an attestation's PDF checked for its
signature."""

from __future__ import annotations

import pytest

from tests.browser.harness import FakeApi, error

pytestmark = [pytest.mark.browser]
CODE = "P-2B4C6D7F"
NEUTRAL = "Aucun certificat publié et valide ne correspond à ce code."
CERTIFICATE = {
    "verification_code": CODE,
    "full_name": "Zoé Lefèvre",
    "birthdate": "28/02/2011",
    "birthplace": "Créteil",
    "center_name": "Collège Victor-Hugo",
    "taken_on": "10/03/2026",
    "delivered_on": "02/04/2026",
    "pix": 187,
    "max_level": 6,
    "competences": [
        {"competence": "1.1", "level": 3},
        {"competence": "2.1", "level": 2},
        {"competence": "3.1", "level": 1},
        {"competence": "4.1", "level": 4},
        {"competence": "5.2", "level": 2},
    ],
}


def test_the_qr_code_url_shows_the_certificate(page, web_url, axe, look):
    api = FakeApi().install(page)
    api.on("GET", f"/jury/verify/{CODE}", CERTIFICATE)
    page.goto(f"{web_url}/verify/?code={CODE}")

    page.get_by_role("heading", name="Certificat Pix authentique").wait_for()
    shown = page.locator(".certificate").inner_text()
    for text in ("Zoé Lefèvre", "28/02/2011", "Créteil", "Collège Victor-Hugo", "10/03/2026",
                 "02/04/2026", "187 pix", "valable trois ans"):  # fmt: skip
        assert text in shown, text
    row = page.get_by_role("row").filter(has_text="4.1 Sécuriser l'environnement numérique")
    assert row.get_by_role("cell").last.inner_text() == "4 sur 6"
    row = page.get_by_role("row").filter(has_text="1.2 Gérer des données")
    assert row.get_by_role("cell").last.inner_text() == "non certifiée"
    assert page.get_by_label("Code de vérification").input_value() == CODE
    axe(page, "vérification : certificat trouvé")
    look(page, "verify-certificate", full_page=True)


def test_an_unknown_code_a_malformed_one_and_a_throttle_each_say_so(page, web_url, axe, look):
    api = FakeApi().install(page)
    api.on("GET", "/jury/verify/P-2B4C6D7G", error("CERTIFICATE_NOT_FOUND", NEUTRAL), 404)
    page.goto(f"{web_url}/verify/")
    field = page.get_by_label("Code de vérification")
    field.fill("p-2b4c 6d7g")
    page.get_by_role("button", name="Vérifier", exact=True).click()
    page.get_by_text(NEUTRAL).wait_for()
    assert field.input_value() == "p-2b4c 6d7g"
    assert page.evaluate("location.search") == "?code=P-2B4C6D7G"
    axe(page, "vérification : code inconnu")
    look(page, "verify-not-found")

    field.fill("P-123")
    page.get_by_role("button", name="Vérifier", exact=True).click()
    page.locator("#champ-code-erreur").get_by_text("P-XXXXXXXX").wait_for()
    assert not page.get_by_text(NEUTRAL).count()

    busy = "Trop de demandes : réessayez dans quelques instants."
    api.on("GET", "/jury/verify/P-2B4C6D7H", error("THROTTLED", busy, retry_after_seconds=30), 429)
    field.fill("P-2B4C6D7H")
    page.get_by_role("button", name="Vérifier", exact=True).click()
    page.get_by_role("alert").filter(has_text=busy).wait_for()
    assert field.input_value() == "P-2B4C6D7H"


def verdict(authentic: bool, **check: bool) -> dict:
    found = {"signed": True, "ours": True, "intact": True, "whole_document": True, **check}
    return {
        "authentic": authentic,
        "check": {**found, "signer": "Pix" if found["ours"] else None, "signed_at": None},
        "certificates": [CERTIFICATE] if authentic else [],
    }


def test_an_attestation_pdf_is_checked_and_each_doubt_said_plainly(page, web_url, axe, look):
    api = FakeApi().install(page)
    answers = iter(
        [
            verdict(True),
            verdict(False, ours=False, intact=False),
            verdict(False, signed=False),
            verdict(False, ours=False),
        ]
    )
    api.on("POST", "/jury/verify/document", lambda _request: (200, next(answers)))
    page.goto(f"{web_url}/verify/")
    page.get_by_role("button", name="Vérifier le fichier").click()
    page.locator("#champ-fichier-erreur").get_by_text("Choisissez le fichier PDF").wait_for()
    assert not api.bodies("POST", "/jury/verify/document")

    pdf = b"%PDF-1.7\n% une attestation\n"
    chooser = page.get_by_label("Attestation au format PDF")
    chooser.set_input_files(
        {"name": "attestation.pdf", "mimeType": "application/pdf", "buffer": pdf}
    )
    page.get_by_role("button", name="Vérifier le fichier").click()
    page.get_by_text("Attestation authentique : elle est signée par Pix").wait_for()
    assert api.bodies("POST", "/jury/verify/document") == [pdf]
    assert "Zoé Lefèvre" in page.locator(".document-check .certificate").inner_text()
    axe(page, "vérification : attestation PDF authentique")
    look(page, "verify-document-authentic", full_page=True)

    page.get_by_role("button", name="Vérifier le fichier").click()
    page.get_by_role("alert").get_by_text("modifié après sa signature").wait_for()
    assert not page.locator(".document-check .certificate").count()
    look(page, "verify-document-altered")
    page.get_by_role("button", name="Vérifier le fichier").click()
    page.get_by_role("alert").get_by_text("aucune signature électronique").wait_for()
    page.get_by_role("button", name="Vérifier le fichier").click()
    page.get_by_role("alert").get_by_text("signé, mais pas par Pix").wait_for()

    too_big = "Ce fichier est trop volumineux."
    api.on("POST", "/jury/verify/document", error("TOO_LARGE", too_big, max_bytes=2097152), 413)
    page.get_by_role("button", name="Vérifier le fichier").click()
    page.get_by_role("alert").filter(has_text=too_big).wait_for()
    assert chooser.evaluate("input => input.files[0].name") == "attestation.pdf"
