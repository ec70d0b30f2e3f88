"""Code alphabets and uniqueness, per DOMAIN.md."""

import pytest

from pixcore import codes
from pixcore.errors import Conflict


def test_session_access_code_is_four_letters_then_two_digits_from_unambiguous_alphabets():
    for _ in range(500):
        code = codes.session_access_code()
        assert len(code) == 6
        assert set(code[:4]) <= set("BCDFGHJKMPQRTVWXY")
        assert set(code[4:]) <= set("2346789")
        assert codes.is_session_access_code(code)


def test_verification_code_is_p_dash_then_eight_characters():
    for _ in range(500):
        code = codes.verification_code()
        assert code.startswith("P-") and len(code) == 10
        assert set(code[2:]) <= set("2346789BCDFGHJKMPQRTVWXY")
        assert codes.is_verification_code(code)


def test_campaign_code_is_six_letters_without_i_or_o_then_three_digits_one_to_nine():
    for _ in range(500):
        code = codes.campaign_code()
        assert len(code) == 9
        assert not set(code[:6]) & {"I", "O"} and code[:6].isalpha() and code[:6].isupper()
        assert set(code[6:]) <= set("123456789")
        assert codes.is_campaign_code(code)


def test_validators_refuse_lookalikes():
    assert not codes.is_session_access_code("BCDF10")  # 1 and 0 are ambiguous
    assert not codes.is_session_access_code("ABCD23")  # A is a vowel, not in the alphabet
    assert not codes.is_verification_code("P-2B3C4D5F")  # 5 is not in the alphabet
    assert not codes.is_campaign_code("ABCDEI123")
    assert not codes.is_campaign_code("ABCDEF120")


def test_codes_are_spread_over_the_alphabet():
    drawn = {codes.verification_code() for _ in range(2000)}
    assert len(drawn) == 2000
    assert len(set("".join(c[2:] for c in drawn))) == 24


def test_unique_code_retries_until_a_free_one_is_claimed():
    taken = {"AAA", "BBB"}
    proposals = iter(["AAA", "BBB", "CCC"])
    assert codes.unique_code(lambda: next(proposals), lambda c: c not in taken) == "CCC"


def test_unique_code_gives_up_with_a_conflict():
    with pytest.raises(Conflict) as error:
        codes.unique_code(lambda: "AAA", lambda c: False, attempts=3)
    assert error.value.code == "CODE_EXHAUSTED"
