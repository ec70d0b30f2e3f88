"""Answer checking: a value given to a challenge becomes ok, ko, partially, aband or timedout."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import StrEnum

from chalicelib.engine.domain.content_model import Challenge, ChallengeType
from chalicelib.engine.domain.normalisation import matches
from pixcore.errors import Invalid

ANSWER_INVALID = "ANSWER_INVALID"

AnswerValue = str | int | Sequence[int | str] | Mapping[str, str]


class AnswerResult(StrEnum):
    OK = "ok"
    KO = "ko"
    PARTIALLY = "partially"
    SKIPPED = "aband"
    TIMED_OUT = "timedout"

    @property
    def is_correct(self) -> bool:
        """Only `ok` counts as a right answer."""
        return self is AnswerResult.OK


def check_answer(
    challenge: Challenge, value: AnswerValue | None, *, elapsed_seconds: float | None = None
) -> AnswerResult:
    """Grades one answer.

    No value (the learner clicked « Je passe ») is `aband`. A timed challenge answered after its
    timer (`elapsed_seconds` > timer) is `timedout`, right or wrong. Otherwise QCU: the right
    proposal; QCM: exactly the right set, in any order; QROC: one accepted solution after
    normalisation; QROCM-ind: every field right; QROCM-dep: `ok` when every field matches a
    different solution group, `partially` when some do, else `ko`. A value of the wrong shape
    (unknown field, proposal number out of range) is refused with ANSWER_INVALID.
    """
    if value is None:
        return AnswerResult.SKIPPED
    if challenge.type.has_choices:
        chosen = _chosen_proposals(challenge, value)
        late = _is_late(challenge, elapsed_seconds)
        return AnswerResult.TIMED_OUT if late else _grade(chosen == challenge.choice_solutions)
    answers = _field_answers(challenge, value)
    if _is_late(challenge, elapsed_seconds):
        return AnswerResult.TIMED_OUT
    groups = challenge.solution_groups
    if challenge.type is ChallengeType.QROCM_DEP:
        right = _matched_count(list(answers.values()), list(groups.values()), challenge)
        if right == len(answers):
            return AnswerResult.OK
        return AnswerResult.PARTIALLY if right else AnswerResult.KO
    return _grade(
        all(matches(answers[name], groups[name], challenge.tolerances) for name in answers)
    )


def _grade(right: bool) -> AnswerResult:
    return AnswerResult.OK if right else AnswerResult.KO


def _is_late(challenge: Challenge, elapsed_seconds: float | None) -> bool:
    return (
        challenge.timer is not None
        and elapsed_seconds is not None
        and (elapsed_seconds > challenge.timer)
    )


def _chosen_proposals(challenge: Challenge, value: AnswerValue) -> frozenset[int]:
    """Proposal numbers from 2, "2", "1,3" or [1, 3]; an empty choice is simply wrong."""
    if isinstance(value, Mapping | bool):
        raise _invalid(challenge, "une réponse à choix est un numéro ou une liste de numéros")
    if isinstance(value, str):
        items: list[int | str] = [part for part in value.replace(";", ",").split(",")]
    elif isinstance(value, int):
        items = [value]
    else:
        items = list(value)
    numbers = set()
    for item in items:
        text = item.strip() if isinstance(item, str) else item
        if text == "":
            continue
        if isinstance(text, bool) or not (
            isinstance(text, int) or (text.isascii() and text.isdecimal())
        ):
            raise _invalid(challenge, f"« {item} » n'est pas un numéro de proposition")
        number = int(text)
        if not 1 <= number <= len(challenge.proposals):
            raise _invalid(challenge, f"la proposition {number} n'existe pas")
        numbers.add(number)
    if challenge.type is ChallengeType.QCU and len(numbers) > 1:
        raise _invalid(challenge, "un QCU n'accepte qu'une seule proposition")
    return frozenset(numbers)


def _field_answers(challenge: Challenge, value: AnswerValue) -> dict[str, str]:
    """Field name → text; a QROC takes a plain text, a missing QROCM field counts as empty."""
    names = [f.name for f in challenge.fields]
    if challenge.type is ChallengeType.QROC:
        if not isinstance(value, str):
            raise _invalid(challenge, "la réponse attendue est un texte")
        return {names[0]: value}
    if not isinstance(value, Mapping):
        raise _invalid(challenge, "la réponse attendue associe chaque champ à un texte")
    unknown = set(value) - set(names)
    if unknown:
        raise _invalid(challenge, f"champ(s) inconnu(s) : {', '.join(sorted(map(str, unknown)))}")
    if not all(isinstance(text, str) for text in value.values()):
        raise _invalid(challenge, "chaque champ attend un texte")
    return {name: value.get(name, "") for name in names}


def _matched_count(answers: list[str], groups: list[tuple[str, ...]], challenge: Challenge) -> int:
    """Most answers that can each be paired with a different solution group (bipartite match)."""
    fits = [
        [g for g, accepted in enumerate(groups) if matches(answer, accepted, challenge.tolerances)]
        for answer in answers
    ]
    owner: dict[int, int] = {}

    def assign(answer: int, visited: set[int]) -> bool:
        for group in fits[answer]:
            if group in visited:
                continue
            visited.add(group)
            if group not in owner or assign(owner[group], visited):
                owner[group] = answer
                return True
        return False

    return sum(assign(answer, set()) for answer in range(len(answers)))


def _invalid(challenge: Challenge, reason: str) -> Invalid:
    return Invalid(
        f"Réponse illisible pour l'épreuve : {reason}.",
        code=ANSWER_INVALID,
        details={"challenge_id": challenge.id, "type": challenge.type.value},
    )
