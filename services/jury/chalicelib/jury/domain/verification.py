"""Reading a verification code as a person types it: `P-` + 8 characters of an alphabet without
look-alikes, so what is mistyped can be read back."""

from __future__ import annotations

from itertools import product

from pixcore.codes import VERIFICATION_ALPHABET

CODE_LENGTH = 8
MAX_CANDIDATES = 16
# Characters outside the alphabet that a person writes for one inside it.
LOOK_ALIKES: dict[str, str] = {
    "O": "DQ",
    "0": "DQ",
    "I": "7T",
    "1": "7T",
    "L": "7T",
    "Z": "2",
    "A": "4",
    "U": "V",
    "S": "6",
    "5": "6",
    "E": "3",
}
_SEPARATORS = str.maketrans("", "", " -._/\t")


def candidate_codes(typed: str) -> list[str] | None:
    """Every code the typed text may stand for (case-insensitive, separators ignored, look-alike
    characters read as the ones of the alphabet); None when it cannot be a code."""
    text = typed.upper().translate(_SEPARATORS)
    if len(text) == CODE_LENGTH + 1 and text[0] == "P":
        text = text[1:]
    if len(text) != CODE_LENGTH:
        return None
    choices = []
    for ch in text:
        if ch in VERIFICATION_ALPHABET:
            choices.append(ch)
        elif ch in LOOK_ALIKES:
            choices.append(LOOK_ALIKES[ch])
        else:
            return None
    count = 1
    for options in choices:
        count *= len(options)
    if count > MAX_CANDIDATES:
        return None
    return ["P-" + "".join(chars) for chars in product(*choices)]
