"""Learning content as values: tubes, skills `@tubeN` and challenges of five types."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

MIN_SKILL_LEVEL = 1
MAX_SKILL_LEVEL = 8
DEFAULT_LOCALE = "fr-fr"


class ChallengeType(StrEnum):
    QCU = "QCU"
    QCM = "QCM"
    QROC = "QROC"
    QROCM_IND = "QROCM-ind"
    QROCM_DEP = "QROCM-dep"

    @property
    def has_choices(self) -> bool:
        return self in (ChallengeType.QCU, ChallengeType.QCM)

    @property
    def has_fields(self) -> bool:
        return self in (ChallengeType.QROCM_IND, ChallengeType.QROCM_DEP)


class ChallengeStatus(StrEnum):
    VALIDATED = "validé"
    PROPOSED = "proposé"
    ARCHIVED = "archivé"
    OBSOLETE = "périmé"


@dataclass(frozen=True)
class Tolerances:
    """How loosely a free answer is compared with its solutions (QROC and QROCM only)."""

    case_accents_spaces: bool = True
    punctuation: bool = True
    typos: bool = False


@dataclass(frozen=True)
class AnswerField:
    """One input of a QROCM challenge: `name` is the key of the answer, `label` is shown."""

    name: str
    label: str


@dataclass(frozen=True)
class Tube:
    id: str
    name: str
    title: str
    competence_code: str


@dataclass(frozen=True)
class Skill:
    id: str
    name: str
    tube_id: str
    level: int
    competence_code: str


@dataclass(frozen=True)
class Media:
    """An image, an embedded application or a file to download attached to a challenge."""

    url: str
    label: str


@dataclass(frozen=True)
class Challenge:
    id: str
    skill_id: str
    type: ChallengeType
    instruction: str
    status: ChallengeStatus
    locale: str = DEFAULT_LOCALE
    variant_group: str = ""
    proposals: tuple[str, ...] = ()
    fields: tuple[AnswerField, ...] = ()
    # QCU/QCM: 1-based proposal numbers. QROC: one group "reponse". QROCM: group -> variants.
    choice_solutions: frozenset[int] = frozenset()
    text_solutions: tuple[tuple[str, tuple[str, ...]], ...] = ()
    tolerances: Tolerances = field(default_factory=Tolerances)
    image: Media | None = None
    embed: Media | None = None
    attachment: Media | None = None
    timer: int | None = None

    @property
    def has_image(self) -> bool:
        return self.image is not None

    @property
    def has_embed(self) -> bool:
        return self.embed is not None

    @property
    def has_attachment(self) -> bool:
        return self.attachment is not None

    @property
    def is_timed(self) -> bool:
        return self.timer is not None

    @property
    def solution_groups(self) -> dict[str, tuple[str, ...]]:
        return dict(self.text_solutions)

    def is_served_in(self, locale: str = DEFAULT_LOCALE) -> bool:
        """Only validated challenges are served, in the learner's locale or its language."""
        if self.status is not ChallengeStatus.VALIDATED:
            return False
        wanted, own = locale.lower(), self.locale.lower()
        return own == wanted or own == wanted.split("-")[0]
