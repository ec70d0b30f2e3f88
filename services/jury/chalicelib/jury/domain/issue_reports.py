"""Issue reports as the jury reads them: which ones matter, which ones resolve themselves."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pixcore.text import fold


class Feature(StrEnum):
    """What a question report says did not work, and what the challenge must have for it."""

    IMAGE = "image"
    EMBED = "embed"
    FILE = "file"
    WEBSITE_UNAVAILABLE = "website_unavailable"
    WEBSITE_BLOCKED = "website_blocked"
    SOFTWARE = "software"
    EXTRA_TIME = "extra_time"
    LINK = "link"
    OTHER = "other"


# Resolved by the auto-jury (DOMAIN.md); a broken link or another problem waits for a person.
AUTO_RESOLVED = {
    Feature.IMAGE,
    Feature.EMBED,
    Feature.FILE,
    Feature.WEBSITE_UNAVAILABLE,
    Feature.WEBSITE_BLOCKED,
    Feature.SOFTWARE,
    Feature.EXTRA_TIME,
}

# A subcategory is read by its program name or its French label; the code is the fallback.
_SUBCATEGORIES: dict[str, Feature] = {
    fold(name): feature
    for names, feature in (
        (("IMAGE_NOT_DISPLAYING", "l'image ne s'affiche pas"), Feature.IMAGE),
        (
            ("EMBED_NOT_WORKING", "le simulateur/l'application ne s'affiche pas"),
            Feature.EMBED,
        ),
        (("FILE_NOT_OPENING", "le fichier à télécharger ne s'ouvre pas"), Feature.FILE),
        (
            ("WEBSITE_UNAVAILABLE", "le site est en maintenance/inaccessible"),
            Feature.WEBSITE_UNAVAILABLE,
        ),
        (
            ("WEBSITE_BLOCKED", "le site est bloqué par les restrictions réseau"),
            Feature.WEBSITE_BLOCKED,
        ),
        (("SOFTWARE_NOT_WORKING", "logiciel ne fonctionne pas"), Feature.SOFTWARE),
        (("EXTRA_TIME_EXCEEDED", "temps majoré dépassé"), Feature.EXTRA_TIME),
        (("LINK_NOT_WORKING", "le lien ne fonctionne pas"), Feature.LINK),
        (("OTHER", "autre"), Feature.OTHER),
    )
    for name in names
}
# DOMAIN.md's order of the question subcategories, as certif numbers them.
_CODES: dict[str, Feature] = {
    "E1": Feature.IMAGE,
    "E2": Feature.LINK,
    "E3": Feature.EMBED,
    "E4": Feature.FILE,
    "E5": Feature.WEBSITE_UNAVAILABLE,
    "E6": Feature.WEBSITE_BLOCKED,
    "E7": Feature.EXTRA_TIME,
    "E8": Feature.SOFTWARE,
    "E9": Feature.OTHER,
}
# Identity, left the room, fraud, technical problem, other incident; and every question report.
IMPACTFUL_CODES = frozenset({"C1", "C3", "C6", "A1", "A2"})


@dataclass
class IssueReportState:
    issue_report_id: str
    category: str
    code: str
    subcategory: str | None = None
    description: str | None = None
    question_number: int | None = None
    resolved: bool = False
    resolution: str | None = None
    resolved_by: str | None = None

    @property
    def is_question_report(self) -> bool:
        return self.code.upper().startswith("E")

    @property
    def is_impactful(self) -> bool:
        """Identity, left the room, fraud, technical, other, any question: a person decides."""
        return self.is_question_report or self.code.upper() in IMPACTFUL_CODES

    @property
    def needs_a_person(self) -> bool:
        return self.is_impactful and not self.resolved

    @property
    def feature(self) -> Feature | None:
        """What a question report is about, from its subcategory, else from its code."""
        if not self.is_question_report:
            return None
        if self.subcategory and (found := _SUBCATEGORIES.get(fold(self.subcategory))):
            return found
        return _CODES.get(self.code.upper(), Feature.OTHER)
