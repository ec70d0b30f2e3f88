"""Reconciliation: names and birthdate against the school's records, exactly one match."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from chalicelib.orga.domain.reconciliation import (
    StudentIdentity,
    TypedIdentity,
    close_name,
    find_student,
    reconcile,
    same_name,
)
from pixcore.errors import Conflict, Invalid, NotFound
from pixcore.text import fold

BORN = date(2008, 3, 2)
ZOE = StudentIdentity("s1", "Zoé", "N'Diaye", "Cœur", BORN)
LEA = StudentIdentity("s2", "Léa", "Martin", None, date(2007, 6, 1))
LEO = StudentIdentity("s3", "Léo", "Martin", None, date(2007, 6, 1))
MATHILDE = StudentIdentity("s4", "Mathilde", "Lefèvre-Dupont", None, date(2008, 1, 15))
SCHOOL = [ZOE, LEA, LEO, MATHILDE]


def typed(first, last, born):
    return TypedIdentity(first, last, born)


@pytest.mark.parametrize(
    "first, last",
    [
        ("Zoé", "N'Diaye"),
        (" zoe ", "ndiaye"),
        ("ZOE", "N DIAYE"),
        ("Zoé", "coeur"),
        ("zoe", "Cœur"),
    ],
)
def test_names_match_ignoring_case_accents_spaces_punctuation_and_usual_name(first, last):
    assert find_student(typed(first, last, BORN), SCHOOL) is ZOE


def test_the_birthdate_must_be_exactly_the_same():
    with pytest.raises(NotFound) as refused:
        find_student(typed("Zoé", "N'Diaye", date(2008, 3, 3)), SCHOOL)
    assert refused.value.code == "STUDENT_NOT_FOUND"


def test_a_typo_within_a_quarter_of_the_name_is_forgiven():
    assert find_student(typed("Mathilda", "Lefevre Dupond", date(2008, 1, 15)), SCHOOL) is MATHILDE


def test_a_typo_beyond_a_quarter_of_the_name_is_not():
    with pytest.raises(NotFound):
        find_student(typed("Matilda", "Lefevre", date(2008, 1, 15)), SCHOOL)


def test_twins_are_told_apart_by_an_exact_first_name():
    assert find_student(typed("Lea", "MARTIN", date(2007, 6, 1)), SCHOOL) is LEA
    assert find_student(typed("Léo", "Martin", date(2007, 6, 1)), SCHOOL) is LEO


def test_two_records_matching_strictly_are_ambiguous():
    double = StudentIdentity("s9", "Zoe", "NDIAYE", None, BORN)
    with pytest.raises(Conflict) as refused:
        find_student(typed("Zoé", "N'Diaye", BORN), [*SCHOOL, double])
    assert refused.value.code == "STUDENT_AMBIGUOUS"


def test_two_records_matching_closely_are_ambiguous():
    a = StudentIdentity("a", "Mathilde", "Durant", None, BORN)
    b = StudentIdentity("b", "Mathilde", "Durang", None, BORN)
    with pytest.raises(Conflict) as refused:
        find_student(typed("Mathilde", "Duran", BORN), [a, b])
    assert refused.value.code == "STUDENT_AMBIGUOUS"


def test_a_strict_match_wins_over_close_ones():
    a = StudentIdentity("a", "Mathilde", "Durant", None, BORN)
    b = StudentIdentity("b", "Mathilde", "Durand", None, BORN)
    assert find_student(typed("Mathilde", "Durand", BORN), [a, b]) is b


def test_disabled_students_cannot_reconcile():
    gone = StudentIdentity("s1", "Zoé", "N'Diaye", None, BORN, active=False)
    with pytest.raises(NotFound):
        find_student(typed("Zoé", "N'Diaye", BORN), [gone])


def test_empty_names_are_invalid():
    with pytest.raises(Invalid):
        find_student(typed(" - ", "N'Diaye", BORN), SCHOOL)


def test_a_record_linked_to_another_account_is_refused():
    linked = StudentIdentity("s1", "Zoé", "N'Diaye", None, BORN, user_id="u-other")
    with pytest.raises(Conflict) as refused:
        reconcile(typed("Zoé", "N'Diaye", BORN), "u-me", [linked])
    assert refused.value.code == "STUDENT_ALREADY_LINKED"


def test_joining_again_with_the_same_account_is_harmless():
    linked = StudentIdentity("s1", "Zoé", "N'Diaye", None, BORN, user_id="u-me")
    assert reconcile(typed("zoe", "ndiaye", BORN), "u-me", [linked]) is linked


def test_an_account_already_linked_to_another_record_of_the_school_is_refused():
    mine = StudentIdentity("s2", "Léa", "Martin", None, date(2007, 6, 1), user_id="u-me")
    with pytest.raises(Conflict) as refused:
        reconcile(typed("Zoé", "N'Diaye", BORN), "u-me", [ZOE, mine])
    assert refused.value.code == "ACCOUNT_ALREADY_LINKED"


def test_a_free_record_is_returned_for_linking():
    assert reconcile(typed("Zoé", "N'Diaye", BORN), "u-me", SCHOOL) is ZOE


names = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéèêëïîôüç' -", min_size=1, max_size=20)


@given(names, names, st.sampled_from([str.upper, str.title, str.lower]))
def test_any_spelling_variant_of_case_and_spacing_matches_strictly(first, last, variant):
    assume(fold(first) and fold(last))
    student = StudentIdentity("x", first, last, None, BORN)
    assert (
        find_student(typed(f"  {variant(first)} ", variant(last).replace(" ", ""), BORN), [student])
        is student
    )


@given(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=4, max_size=20),
    st.integers(0, 19),
    st.sampled_from("abcdefghijklmnopqrstuvwxyz"),
)
def test_one_substitution_in_a_name_of_four_letters_or_more_is_close(name, position, letter):
    position %= len(name)
    typo = name[:position] + letter + name[position + 1 :]
    assert close_name(typo, name)


@given(names, names)
def test_same_name_implies_close_name_and_is_symmetric(a, b):
    assume(fold(a))
    if same_name(a, b):
        assert close_name(a, b) and same_name(b, a)


@given(names, names, names)
def test_a_different_birthdate_never_matches(first, last, other):
    assume(fold(first) and fold(last))
    student = StudentIdentity("x", first, last, other, BORN)
    with pytest.raises(NotFound):
        find_student(typed(first, last, date(2008, 3, 1)), [student])
