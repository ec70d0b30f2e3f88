"""Profile collection: what the school sees of each participant, and the CSV export."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from pixcore.referential import CERTIFIABLE_COMPETENCE_COUNT, COMPETENCES
from pixcore.text import fold

from .spreadsheet import BOM, CsvLines, french_date

PENDING = "En attente"
SENDING = "Envoi en cours"
SENT = "Envoyé"
NOT_AVAILABLE = "NA"


@dataclass(frozen=True)
class CompetenceResult:
    level: int
    pix: int


@dataclass(frozen=True)
class ProfileSnapshot:
    """The profile as the student sent it, competence code → level and pix (levels capped)."""

    competences: Mapping[str, CompetenceResult] = field(default_factory=dict)
    # An assessment campaign's results: its target skills, those validated, the share in %.
    target_skill_count: int | None = None
    validated_target_skill_count: int | None = None
    mastery_percentage: int | None = None

    @property
    def pix_score(self) -> int:
        return sum(result.pix for result in self.competences.values())

    @property
    def certifiable_competences_count(self) -> int:
        """A competence counts towards certifiability from level 1."""
        return sum(1 for result in self.competences.values() if result.level >= 1)

    @property
    def certifiable(self) -> bool:
        """A profile is certifiable with at least 5 competences at level 1 or more."""
        return self.certifiable_competences_count >= CERTIFIABLE_COMPETENCE_COUNT


@dataclass(frozen=True)
class CollectionCampaign:
    id: str
    name: str
    organization_name: str
    external_id_label: str | None = None


@dataclass(frozen=True)
class CollectionParticipant:
    last_name: str
    first_name: str
    division: str | None = None
    external_id: str | None = None
    sent_at: datetime | None = None
    profile: ProfileSnapshot | None = None
    requested_at: datetime | None = None

    @property
    def has_sent(self) -> bool:
        return self.sent_at is not None and self.profile is not None


@dataclass(frozen=True)
class ParticipantSummary:
    """A line of the participants list: the figures, or « En attente » until the profile is sent."""

    last_name: str
    first_name: str
    sent_at: datetime | None
    pix_score: int | None
    certifiable: bool | None
    certifiable_competences_count: int | None
    requested_at: datetime | None = None
    mastery_percentage: int | None = None

    @property
    def status(self) -> str:
        return share_status(self.requested_at, self.sent_at)


def share_status(requested_at: datetime | None, sent_at: datetime | None) -> str:
    """« En attente » until the student sends; « Envoi en cours » while engine takes the
    snapshot of the profile as of the request; « Envoyé » once orga has it."""
    if sent_at is not None:
        return SENT
    return SENDING if requested_at is not None else PENDING


def summarize(participant: CollectionParticipant) -> ParticipantSummary:
    """A participant who has not sent their profile shows only their names and where the sending
    is."""
    profile = participant.profile
    if not participant.has_sent or profile is None:
        return ParticipantSummary(
            participant.last_name,
            participant.first_name,
            None,
            None,
            None,
            None,
            participant.requested_at,
        )
    return ParticipantSummary(
        participant.last_name,
        participant.first_name,
        participant.sent_at,
        profile.pix_score,
        profile.certifiable,
        profile.certifiable_competences_count,
        participant.requested_at,
        profile.mastery_percentage,
    )


def participants_summary(participants: Iterable[CollectionParticipant]) -> list[ParticipantSummary]:
    """Participants in alphabetical order of last then first name, ignoring case and accents."""
    ordered = sorted(participants, key=lambda p: (fold(p.last_name), fold(p.first_name)))
    return [summarize(p) for p in ordered]


def participant_headers(campaign: CollectionCampaign) -> list[str]:
    """The first columns of every campaign export: who, in which campaign and class."""
    headers = [
        "Nom de l'organisation",
        "ID Campagne",
        "Nom de la campagne",
        "Nom du Participant",
        "Prénom du Participant",
        "Classe",
    ]
    if campaign.external_id_label:
        headers.append(campaign.external_id_label)
    return headers


def participant_cells(
    campaign: CollectionCampaign, participant: CollectionParticipant
) -> list[str | int]:
    row: list[str | int] = [
        campaign.organization_name,
        campaign.id,
        campaign.name,
        participant.last_name,
        participant.first_name,
        participant.division or "",
    ]
    if campaign.external_id_label:
        row.append(participant.external_id or "")
    return row


def collection_headers(campaign: CollectionCampaign) -> list[str]:
    headers = participant_headers(campaign)
    headers += [
        "Envoi (O/N)",
        "Date de l'envoi",
        "Nombre de pix total",
        "Certifiable (O/N)",
        "Nombre de compétences certifiables",
    ]
    for competence in COMPETENCES:
        headers.append(f"Niveau pour la compétence {competence.name}")
        headers.append(f"Nombre de pix pour la compétence {competence.name}")
    return headers


def collection_csv(
    campaign: CollectionCampaign, participants: Iterable[CollectionParticipant]
) -> Iterator[str]:
    """The export, line by line (the first one starts with the BOM): encode each as UTF-8. A
    participant who has not sent their profile gets « N » and NA for every figure."""
    lines = CsvLines()
    yield BOM + lines.line(collection_headers(campaign))
    for participant in participants:
        yield lines.line(_row(campaign, participant))


def _row(campaign: CollectionCampaign, participant: CollectionParticipant) -> list[str | int]:
    row = participant_cells(campaign, participant)
    profile = participant.profile
    if not participant.has_sent or profile is None:
        return row + ["N", ""] + [NOT_AVAILABLE] * (3 + 2 * len(COMPETENCES))
    row += [
        "O",
        french_date(participant.sent_at),
        profile.pix_score,
        "O" if profile.certifiable else "N",
        profile.certifiable_competences_count,
    ]
    for competence in COMPETENCES:
        result = profile.competences.get(competence.code, CompetenceResult(0, 0))
        row += [result.level, result.pix]
    return row
