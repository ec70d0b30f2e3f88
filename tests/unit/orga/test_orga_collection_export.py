"""Profile collection: participants summary and the CSV export, column by column."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from chalicelib.orga.domain.collection_export import (
    CollectionCampaign,
    CollectionParticipant,
    CompetenceResult,
    ProfileSnapshot,
    collection_csv,
    collection_headers,
    participants_summary,
)
from pixcore.referential import COMPETENCES

CAMPAIGN = CollectionCampaign("42", "Collecte 3e", "Collège Jean Moulin")
WITH_ID = CollectionCampaign("43", "Collecte 2nde", "Lycée Fesch", external_id_label="N° élève")

# 5 competences at level ≥ 1: certifiable; 31 Dec 23:30 UTC is already 1 Jan in Paris
SENT_AT = datetime(2020, 12, 31, 23, 30, tzinfo=UTC)
PROFILE = ProfileSnapshot(
    {
        "1.1": CompetenceResult(3, 27),
        "1.2": CompetenceResult(2, 19),
        "2.1": CompetenceResult(1, 8),
        "3.1": CompetenceResult(4, 35),
        "5.2": CompetenceResult(1, 12),
        "4.1": CompetenceResult(0, 5),
    }
)
ZOE = CollectionParticipant("LEFÈVRE", "Zoé", "3E1", "A-12", SENT_AT, PROFILE)
LOIC = CollectionParticipant('=HYPERLINK("http://x")', "Loïc", "3E2")


def parse(lines):
    text = "".join(lines)
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_profile_figures():
    assert PROFILE.pix_score == 106
    assert PROFILE.certifiable_competences_count == 5 and PROFILE.certifiable
    assert not ProfileSnapshot({"1.1": CompetenceResult(5, 40)}).certifiable


def test_participants_summary_is_alphabetical_and_pending_until_sent():
    aicha = CollectionParticipant("ÉMERY", "Aïcha", sent_at=SENT_AT, profile=ProfileSnapshot())
    summary = participants_summary([ZOE, LOIC, aicha])
    # ordered ignoring accents and punctuation: emery, hyperlink…, lefevre
    assert [s.first_name for s in summary] == ["Aïcha", "Loïc", "Zoé"]
    empty, pending, zoe = summary
    assert pending.status == "En attente" and pending.pix_score is None
    assert (empty.pix_score, empty.certifiable, empty.certifiable_competences_count) == (
        0,
        False,
        0,
    )
    assert (zoe.sent_at, zoe.pix_score, zoe.certifiable, zoe.certifiable_competences_count) == (
        SENT_AT,
        106,
        True,
        5,
    )


def test_headers_in_order_with_competence_names():
    headers = collection_headers(CAMPAIGN)
    assert headers[:11] == [
        "Nom de l'organisation",
        "ID Campagne",
        "Nom de la campagne",
        "Nom du Participant",
        "Prénom du Participant",
        "Classe",
        "Envoi (O/N)",
        "Date de l'envoi",
        "Nombre de pix total",
        "Certifiable (O/N)",
        "Nombre de compétences certifiables",
    ]
    assert (
        headers[11] == "Niveau pour la compétence Mener une recherche et une veille d'information"
    )
    assert headers[12] == (
        "Nombre de pix pour la compétence Mener une recherche et une veille d'information"
    )
    assert headers[-1] == "Nombre de pix pour la compétence Construire un environnement numérique"
    assert len(headers) == 11 + 2 * len(COMPETENCES)


def test_the_external_id_column_comes_after_the_class_when_the_campaign_has_one():
    headers = collection_headers(WITH_ID)
    assert headers[5:8] == ["Classe", "N° élève", "Envoi (O/N)"]
    rows = parse(collection_csv(WITH_ID, [ZOE]))
    assert rows[1][6] == "A-12"


def test_a_sent_profile_row():
    header, row = parse(collection_csv(CAMPAIGN, [ZOE]))
    cells = dict(zip(header, row, strict=True))
    assert row[:11] == [
        "Collège Jean Moulin",
        "42",
        "Collecte 3e",
        "LEFÈVRE",
        "Zoé",
        "3E1",
        "O",
        "01/01/2021",
        "106",
        "O",
        "5",
    ]
    assert cells["Niveau pour la compétence Développer des documents textuels"] == "4"
    assert cells["Nombre de pix pour la compétence Développer des documents textuels"] == "35"
    assert cells["Niveau pour la compétence Programmer"] == "0"
    assert cells["Nombre de pix pour la compétence Sécuriser l'environnement numérique"] == "5"


def test_a_pending_row_is_n_and_na_and_formulas_are_neutralised():
    header, row = parse(collection_csv(CAMPAIGN, [LOIC]))
    assert row[3] == '\'=HYPERLINK("http://x")'
    assert row[6:8] == ["N", ""]
    assert set(row[8:]) == {"NA"} and len(row) == len(header)


def test_the_export_streams_one_line_per_participant():
    lines = collection_csv(CAMPAIGN, (ZOE for _ in range(3)))
    first = next(lines)
    assert first.startswith("\ufeffNom de l'organisation;") and first.endswith("\r\n")
    assert sum(1 for _ in lines) == 3
    assert "".join(collection_csv(CAMPAIGN, [ZOE])).encode("utf-8").startswith(b"\xef\xbb\xbf")
