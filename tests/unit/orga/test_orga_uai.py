"""UAI check letters, on real schools' UAIs including Corsica and overseas."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.orga.domain.uai import (
    CHECK_ALPHABET,
    check_letter,
    is_valid_uai,
    uai_department,
    validated_uai,
)
from pixcore.errors import Invalid

REAL_UAIS = [
    "0951099D",  # the worked example of the check-letter rule
    "0750655E",  # lycée Louis-le-Grand, Paris
    "0750654D",  # lycée Henri-IV, Paris
    "6200001G",  # lycée Fesch, Ajaccio (Corse-du-Sud is 620 in UAIs)
    "7200009X",  # lycée Giocante de Casabianca, Bastia (Haute-Corse is 720)
]


@pytest.mark.parametrize("uai", REAL_UAIS)
def test_real_uais_are_valid(uai):
    assert is_valid_uai(uai) and is_valid_uai(f" {uai.lower()} ")
    assert validated_uai(uai.lower()) == uai


@pytest.mark.parametrize("uai", ["0750655F", "0750656E", "075065E", "07506555E", "02A0001A", ""])
def test_wrong_letters_typos_and_shapes_are_invalid(uai):
    assert not is_valid_uai(uai)
    with pytest.raises(Invalid) as refused:
        validated_uai(uai)
    assert refused.value.code == "UAI_INVALID"


def test_the_message_gives_the_expected_letter():
    with pytest.raises(Invalid) as refused:
        validated_uai("0750655F")
    assert "devrait être E" in refused.value.message


def test_the_alphabet_has_23_letters_without_i_o_q():
    assert len(CHECK_ALPHABET) == 23 and not set("IOQ") & set(CHECK_ALPHABET)
    assert check_letter("0951099") == "D"


@given(st.integers(0, 9_999_999), st.integers(0, 6), st.integers(1, 9))
def test_any_single_digit_change_is_caught(number, position, delta):
    digits = f"{number:07d}"
    changed = digits[:position] + str((int(digits[position]) + delta) % 10) + digits[position + 1 :]
    # 23 is prime and does not divide d × 10^k for 0 < d < 10: the letter must change
    assert check_letter(changed) != check_letter(digits)


def test_departments_including_corsica_and_overseas():
    assert [uai_department(u) for u in ("0750655E", "6200001G", "7200009X", "9740001H")] == [
        "075",
        "02A",
        "02B",
        "974",
    ]
