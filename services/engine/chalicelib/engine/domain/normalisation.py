"""Free-answer normalisation: trim, case, accents, spaces and punctuation, numbers kept intact."""

from __future__ import annotations

import re
import unicodedata

from chalicelib.engine.domain.content_model import Tolerances
from pixcore.text import levenshtein, strip_accents

TYPO_RATIO = 0.25

_TYPOGRAPHY = str.maketrans(
    {"’": "'", "‘": "'", "ʼ": "'", "«": '"', "»": '"', "“": '"', "”": '"', "−": "-", "–": "-"}
)
# Private-use characters stand in for the number signs while the rest of the punctuation goes.
_DECIMAL_MARK, _MINUS_MARK = "\ue000", "\ue001"
_MARKS = (_DECIMAL_MARK, _MINUS_MARK)
_DECIMAL_SEPARATOR = re.compile(r"(?<=\d)[.,](?=\d)")
_LEADING_MINUS = re.compile(r"(?:(?<=^)|(?<=\s))-(?=\d)")
_DIGIT = re.compile(r"\d")


DEFAULT_TOLERANCES = Tolerances()


def normalise(text: str, tolerances: Tolerances = DEFAULT_TOLERANCES) -> str:
    """The comparable form of a free answer.

    Always: Unicode and typographic quotes unified, surrounding spaces trimmed, inner runs of
    spaces collapsed. With `punctuation`: punctuation removed, except what gives a number its
    value — a point or comma between two digits is a decimal separator (« 1,5 » = « 1.5 »,
    never « 15 ») and a minus sign before a number stays (« -3 » ≠ « 3 »). With
    `case_accents_spaces`: lower case, accents and ligatures removed, all spaces removed
    (« 1 000 » = « 1000 »).
    """
    text = " ".join(unicodedata.normalize("NFC", text).translate(_TYPOGRAPHY).split())
    if tolerances.punctuation:
        text = _DECIMAL_SEPARATOR.sub(_DECIMAL_MARK, text)
        text = _LEADING_MINUS.sub(_MINUS_MARK, text)
        kept = (ch for ch in text if ch.isalnum() or ch.isspace() or ch in _MARKS)
        text = " ".join("".join(kept).split())
        text = text.replace(_DECIMAL_MARK, ".").replace(_MINUS_MARK, "-")
    if tolerances.case_accents_spaces:
        text = "".join(strip_accents(text).casefold().split())
    return text


def matches(answer: str, accepted: tuple[str, ...], tolerances: Tolerances) -> bool:
    """A free answer is right when its normalised form equals one accepted solution's.

    With the `typos` tolerance, an answer at most 25 % of the solution's length away (edit
    distance) is accepted too, but never for a solution containing a digit: « 1984 » and
    « 1985 » are different answers, not a typo. An empty answer is never right.
    """
    given = normalise(answer, tolerances)
    if not given:
        return False
    for solution in accepted:
        expected = normalise(solution, tolerances)
        if given == expected:
            return True
        typo_allowed = tolerances.typos and not _DIGIT.search(expected)
        if typo_allowed and levenshtein(given, expected) <= int(len(expected) * TYPO_RATIO):
            return True
    return False
