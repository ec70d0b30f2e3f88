"""Who may do what: the jury, members and admins, académie users, examiners of one session."""

import pytest

from pixcore.errors import Forbidden
from pixcore.principal import (
    ACADEMIE,
    EXAMINER,
    JURY,
    Principal,
    require_academie,
    require_examiner,
    require_user,
)


def test_an_examiner_token_opens_only_its_own_session():
    examiner = Principal("exam", EXAMINER, session_id="101")
    require_examiner(examiner, "101")
    with pytest.raises(Forbidden):
        require_examiner(examiner, "102")
    with pytest.raises(Forbidden):
        require_examiner(Principal("u1", JURY), "101")
    with pytest.raises(Forbidden):
        require_user(examiner)


def test_an_academie_user_sees_only_their_academie_and_the_jury_sees_all():
    rectorat = Principal("a1", ACADEMIE, academie="Lille")
    assert require_academie(rectorat, None) == "Lille"
    assert require_academie(rectorat, "Lille") == "Lille"
    with pytest.raises(Forbidden):
        require_academie(rectorat, "Amiens")
    assert require_academie(Principal("j", JURY), "Amiens") == "Amiens"
    assert require_academie(Principal("j", JURY), None) is None
    with pytest.raises(Forbidden):
        require_academie(Principal("s1"), "Lille")
