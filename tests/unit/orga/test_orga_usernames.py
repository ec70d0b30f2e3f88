"""Generated usernames: prenom.nom + DDMM, folded, with a suffix when taken."""

from __future__ import annotations

from datetime import date

import pytest

from chalicelib.orga.domain.usernames import base_username, generate_username
from pixcore.errors import Conflict


@pytest.mark.parametrize(
    "first, last, born, expected",
    [
        ("Zoé", "N'Diaye", date(2008, 3, 2), "zoe.ndiaye0203"),
        ("Jean-Loïc", "Lefèvre Dupont", date(2007, 12, 25), "jeanloic.lefevredupont2512"),
        ("Œdipe", "CŒUR", date(2008, 2, 29), "oedipe.coeur2902"),
        ("  Ÿvette ", "Da Silva", date(2006, 1, 1), "yvette.dasilva0101"),
        ("Алина", "Ivanova", date(2007, 5, 9), "eleve.ivanova0905"),
    ],
)
def test_base_username(first, last, born, expected):
    assert base_username(first, last, born) == expected


def test_suffixes_start_at_2_and_skip_taken_ones():
    taken = {"zoe.martin0203", "zoe.martin02032"}
    assert generate_username("Zoé", "Martin", date(2008, 3, 2), taken.__contains__) == (
        "zoe.martin02033"
    )
    assert generate_username("Zoé", "Martin", date(2008, 3, 3), taken.__contains__) == (
        "zoe.martin0303"
    )


def test_an_exhausted_name_is_a_conflict():
    with pytest.raises(Conflict) as refused:
        generate_username("Zoé", "Martin", date(2008, 3, 2), lambda name: True)
    assert refused.value.code == "USERNAME_UNAVAILABLE"
