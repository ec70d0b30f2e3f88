"""Reconciliation: linking a student's account to their school record by names and birthdate."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from pixcore.errors import Conflict, Invalid, NotFound
from pixcore.text import fold, levenshtein

MAX_DISTANCE_RATIO = 0.25


@dataclass(frozen=True)
class StudentIdentity:
    """What reconciliation needs to know of a school's student record."""

    id: str
    first_name: str
    last_name: str
    preferred_last_name: str | None
    birthdate: date
    user_id: str | None = None
    active: bool = True


@dataclass(frozen=True)
class TypedIdentity:
    """What the student typed when joining."""

    first_name: str
    last_name: str
    birthdate: date


def same_name(typed: str, actual: str | None) -> bool:
    """Two names are the same once trimmed, lower-cased, without accents, spaces or punctuation."""
    return actual is not None and fold(typed) == fold(actual)


def close_name(typed: str, actual: str | None) -> bool:
    """A name is close when at most 25 % of the typed name's letters need changing (Levenshtein
    distance on the normalised names): one typo in « Mathilde », none in « Léa »."""
    if actual is None:
        return False
    folded = fold(typed)
    return levenshtein(folded, fold(actual)) <= MAX_DISTANCE_RATIO * len(folded)


def names_match(
    typed: TypedIdentity, student: StudentIdentity, compare: Callable[[str, str | None], bool]
) -> bool:
    """The first name is compared with the student's first name, the last name with their birth
    name or their usual name (« nom d'usage ») — a student may know themself by either. Middle
    names are not used: they would make siblings ambiguous for no real gain."""
    return compare(typed.first_name, student.first_name) and (
        compare(typed.last_name, student.last_name)
        or compare(typed.last_name, student.preferred_last_name)
    )


def find_student(typed: TypedIdentity, students: Iterable[StudentIdentity]) -> StudentIdentity:
    """Among the school's active students born on exactly that day, the one whose names match:
    strictly if any does, else closely. None: STUDENT_NOT_FOUND; several: STUDENT_AMBIGUOUS."""
    if not fold(typed.first_name) or not fold(typed.last_name):
        raise Invalid("Le prénom et le nom sont obligatoires.", code="NAME_REQUIRED")
    born_that_day = [s for s in students if s.active and s.birthdate == typed.birthdate]
    for compare in (same_name, close_name):
        matching = [s for s in born_that_day if names_match(typed, s, compare)]
        if len(matching) == 1:
            return matching[0]
        if len(matching) > 1:
            raise Conflict(
                "Plusieurs élèves de l'établissement correspondent à ces informations : "
                "adressez-vous à votre professeur.",
                code="STUDENT_AMBIGUOUS",
            )
    raise NotFound(
        "Aucun élève de l'établissement ne correspond à ces nom, prénom et date de naissance : "
        "vérifiez-les, ou adressez-vous à votre professeur.",
        code="STUDENT_NOT_FOUND",
    )


def reconcile(
    typed: TypedIdentity, user_id: str, students: Iterable[StudentIdentity]
) -> StudentIdentity:
    """The record the account gets linked to. A record already linked to another account is
    refused (STUDENT_ALREADY_LINKED), and an account keeps a single record per school
    (ACCOUNT_ALREADY_LINKED). Joining again with the same account is harmless."""
    students = list(students)
    student = find_student(typed, students)
    if student.user_id == user_id:
        return student
    if student.user_id is not None:
        raise Conflict(
            "Cet élève est déjà associé à un autre compte Pix : connectez-vous avec ce compte, "
            "ou adressez-vous à votre professeur.",
            code="STUDENT_ALREADY_LINKED",
        )
    if any(s.user_id == user_id and s.active for s in students):
        raise Conflict(
            "Votre compte est déjà associé à un autre élève de cet établissement : adressez-vous "
            "à votre professeur.",
            code="ACCOUNT_ALREADY_LINKED",
        )
    return student
