"""Campaign rules: kinds, code format, what an archived campaign forbids."""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import datetime
from enum import StrEnum

from pixcore.errors import Invalid, RuleViolation

CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # A–Z without I and O
CODE_DIGITS = "123456789"
_CODE = re.compile(rf"[{CODE_LETTERS}]{{6}}[{CODE_DIGITS}]{{3}}")
MAX_NAME_LENGTH = 255


class CampaignType(StrEnum):
    ASSESSMENT = "ASSESSMENT"
    PROFILES_COLLECTION = "PROFILES_COLLECTION"


def normalize_campaign_code(text: str) -> str:
    """Codes are typed without regard to case or surrounding spaces."""
    return text.strip().upper()


def is_valid_campaign_code(text: str) -> bool:
    """A campaign code is 6 letters from A to Z except I and O, then 3 digits from 1 to 9."""
    return _CODE.fullmatch(normalize_campaign_code(text)) is not None


def validated_campaign_code(text: str) -> str:
    """The normalised code, or `Invalid` (CAMPAIGN_CODE_INVALID) before any lookup."""
    if not is_valid_campaign_code(text):
        raise Invalid(
            "Ce code de campagne n'est pas valide : il compte 6 lettres puis 3 chiffres "
            "(par exemple ABCDEF123).",
            code="CAMPAIGN_CODE_INVALID",
        )
    return normalize_campaign_code(text)


def check_new_campaign(
    name: str,
    campaign_type: CampaignType | str,
    target_skill_ids: Collection[str] = (),
    external_id_label: str | None = None,
) -> None:
    """A campaign has a name; an assessment campaign targets at least one skill, a profile
    collection targets none (it collects the whole profile)."""
    if not name.strip() or len(name) > MAX_NAME_LENGTH:
        raise Invalid(
            f"Le nom de la campagne est obligatoire ({MAX_NAME_LENGTH} caractères au plus).",
            code="CAMPAIGN_NAME_REQUIRED",
        )
    try:
        kind = CampaignType(campaign_type)
    except ValueError:
        raise Invalid(
            "Le type de campagne doit être ASSESSMENT ou PROFILES_COLLECTION.",
            code="CAMPAIGN_TYPE_INVALID",
        ) from None
    if kind is CampaignType.ASSESSMENT and not target_skill_ids:
        raise Invalid(
            "Une campagne d'évaluation doit cibler au moins un acquis.",
            code="TARGET_SKILLS_REQUIRED",
        )
    if kind is CampaignType.PROFILES_COLLECTION and target_skill_ids:
        raise Invalid(
            "Une campagne de collecte de profils ne cible pas d'acquis : elle collecte le profil "
            "entier.",
            code="TARGET_SKILLS_FORBIDDEN",
        )
    if external_id_label is not None and len(external_id_label) > MAX_NAME_LENGTH:
        raise Invalid(
            f"Le libellé de l'identifiant externe compte {MAX_NAME_LENGTH} caractères au plus.",
            code="EXTERNAL_ID_LABEL_TOO_LONG",
        )


def ensure_can_join(archived_at: datetime | None) -> None:
    """Nobody can join an archived campaign."""
    if archived_at is not None:
        raise RuleViolation(
            "Cette campagne est archivée : il n'est plus possible d'y participer.",
            code="CAMPAIGN_ARCHIVED",
        )


def ensure_can_send(archived_at: datetime | None, already_sent: bool = False) -> None:
    """Nobody can send a profile to an archived campaign, and a profile is sent once."""
    if archived_at is not None:
        raise RuleViolation(
            "Cette campagne est archivée : il n'est plus possible d'envoyer son profil.",
            code="CAMPAIGN_ARCHIVED",
        )
    if already_sent:
        raise RuleViolation(
            "Votre profil a déjà été envoyé pour cette campagne.",
            code="PROFILE_ALREADY_SENT",
        )


def check_target_skills(unknown: list[str]) -> None:
    """An assessment campaign targets skills of the learning content only; the unknown ones are
    all named (the first 20 in the message)."""
    if unknown:
        shown = ", ".join(unknown[:20]) + (" …" if len(unknown) > 20 else "")
        raise Invalid(
            f"{len(unknown)} acquis ciblé(s) n'existe(nt) pas dans le référentiel : {shown}.",
            code="TARGET_SKILLS_UNKNOWN",
            details={"unknown_skill_ids": unknown},
        )
