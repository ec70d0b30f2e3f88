"""The school's certification results CSV: statuses, levels, dashes and zeros."""

from __future__ import annotations

import csv
import io
from datetime import date

from chalicelib.orga.domain.results_export import (
    HEADERS,
    CertificationResultRow,
    CertificationStatus,
    results_csv,
)
from chalicelib.orga.domain.spreadsheet import excel_safe

LEVELS = {"1.1": 3, "1.2": 2, "2.1": 0, "3.1": 4, "5.2": -1}


def row(status, **changes):
    base = dict(
        certification_id=1234,
        first_name="Zoé",
        last_name="LEFÈVRE",
        birthdate=date(2008, 2, 29),
        birthplace="AJACCIO",
        external_id="A-12",
        status=status,
        pix_score=180,
        competence_levels=LEVELS,
        comment_for_organization="Bravo",
        session_id=77,
        certification_center="Lycée Fesch",
        taken_on=date(2021, 3, 15),
    )
    base.update(changes)
    return CertificationResultRow(**base)


def cells(result_row):
    text = "".join(results_csv([result_row]))
    assert text.startswith("\ufeff")
    header, values = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert tuple(header) == HEADERS
    return dict(zip(header, values, strict=True))


def test_headers():
    assert HEADERS[:8] == (
        "Numéro de certification",
        "Prénom",
        "Nom",
        "Date de naissance",
        "Lieu de naissance",
        "Identifiant Externe",
        "Statut",
        "Nombre de Pix",
    )
    assert HEADERS[8] == "1.1" and HEADERS[23] == "5.2"
    assert HEADERS[24:] == (
        "Commentaire jury pour l'organisation",
        "Session",
        "Centre de certification",
        "Date de passage",
    )


def test_a_validated_certification():
    c = cells(row(CertificationStatus.VALIDATED))
    assert (c["Numéro de certification"], c["Date de naissance"], c["Statut"]) == (
        "1234",
        "29/02/2008",
        "Validée",
    )
    assert (c["Nombre de Pix"], c["1.1"], c["1.2"], c["3.1"]) == ("180", "3", "2", "4")
    assert (c["2.1"], c["5.2"]) == ("0", "0")  # level 0 or below shows 0
    assert c["1.3"] == "-" and c["4.3"] == "-"  # not tested
    assert (c["Session"], c["Centre de certification"], c["Date de passage"]) == (
        "77",
        "Lycée Fesch",
        "15/03/2021",
    )
    assert c["Commentaire jury pour l'organisation"] == "Bravo"


def test_a_rejected_certification_shows_zeros_where_tested():
    c = cells(row(CertificationStatus.REJECTED, pix_score=0))
    assert (c["Statut"], c["Nombre de Pix"], c["1.1"], c["3.1"], c["1.3"]) == (
        "Rejetée",
        "0",
        "0",
        "0",
        "-",
    )


def test_cancelled_started_and_error_show_dashes():
    for status, label in [
        (CertificationStatus.CANCELLED, "Annulée"),
        (CertificationStatus.STARTED, "Démarrée"),
        (CertificationStatus.ERROR, "En erreur"),
    ]:
        c = cells(row(status))
        assert c["Statut"] == label
        assert {c[code] for code in HEADERS[8:24]} == {"-"} and c["Nombre de Pix"] == "-"


def test_status_given_as_plain_text_and_formulas_neutralised():
    c = cells(row("validated", last_name="+33 DROP", comment_for_organization="@SUM(A1)"))
    assert c["Statut"] == "Validée"
    assert c["Nom"] == "'+33 DROP" and c["Commentaire jury pour l'organisation"] == "'@SUM(A1)"


def test_excel_safe():
    assert [excel_safe(v) for v in ("=1+1", "-2", "@x", "+x", "\tx", "-", "Zoé", 3, None)] == [
        "'=1+1",
        "'-2",
        "'@x",
        "'+x",
        "'\tx",
        "-",
        "Zoé",
        "3",
        "",
    ]
