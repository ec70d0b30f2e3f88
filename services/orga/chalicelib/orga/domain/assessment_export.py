"""Assessment campaigns: what the school gets of each participant — the mastery of the target
skills as engine measured it when the student sent their results — and the CSV export."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .collection_export import (
    NOT_AVAILABLE,
    CollectionCampaign,
    CollectionParticipant,
    participant_cells,
    participant_headers,
)
from .spreadsheet import BOM, CsvLines, french_date


def assessment_headers(campaign: CollectionCampaign) -> list[str]:
    return participant_headers(campaign) + [
        "Envoi (O/N)",
        "Date de l'envoi",
        "% de maîtrise des acquis ciblés",
        "Nombre d'acquis ciblés",
        "Nombre d'acquis validés",
    ]


def assessment_csv(
    campaign: CollectionCampaign, participants: Iterable[CollectionParticipant]
) -> Iterator[str]:
    """The export, line by line (the first one starts with the BOM). A participant who has not
    sent their results gets « N » and NA for every figure."""
    lines = CsvLines()
    yield BOM + lines.line(assessment_headers(campaign))
    for p in participants:
        row = participant_cells(campaign, p)
        profile = p.profile
        if not p.has_sent or profile is None or profile.mastery_percentage is None:
            lines_row = row + ["N", ""] + [NOT_AVAILABLE] * 3
        else:
            lines_row = row + [
                "O",
                french_date(p.sent_at),
                profile.mastery_percentage,
                profile.target_skill_count or 0,
                profile.validated_target_skill_count or 0,
            ]
        yield lines.line(lines_row)
