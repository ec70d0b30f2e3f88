"""Answer checking per challenge type, with the inputs people really type."""

from __future__ import annotations

import pytest

from chalicelib.engine.content_files import load_content
from chalicelib.engine.domain.answers import AnswerResult, check_answer
from pixcore.errors import Invalid
from tests.unit.engine.builders import bank_data

OK, KO, PARTIALLY = AnswerResult.OK, AnswerResult.KO, AnswerResult.PARTIALLY


def challenge(**fields):
    data = bank_data({"@a": ("1.1", [1])}, variants=1)
    data["challenges"][0].update(fields)
    data["challenges"][0] = {k: v for k, v in data["challenges"][0].items() if v is not None}
    return load_content(data).challenge("c@a1-0")


QCU = dict(proposals=["Lyon", "Paris", "Lille"], solutions=[2])
QCM = dict(type="QCM", proposals=["ODT", "DOC", "PNG", "PSD"], solutions=[1, 3])
QROC = dict(type="QROC", proposals=None, solutions=["Système d'exploitation", "OS"])
QROCM_IND = dict(
    type="QROCM-ind",
    proposals=None,
    fields=[{"name": "lecteur", "label": "Lecteur"}, {"name": "dossier", "label": "Dossier"}],
    solutions={"lecteur": ["D:", "D"], "dossier": ["Compta", "comptabilité"]},
)
QROCM_DEP = dict(
    type="QROCM-dep",
    proposals=None,
    fields=[{"name": "r1", "label": "1"}, {"name": "r2", "label": "2"}],
    solutions={"g1": ["MP3"], "g2": ["OGG", "Ogg Vorbis"], "g3": ["WAV"]},
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(2, OK), ("2", OK), (" 2 ", OK), ([2], OK), (1, KO), ("", KO), ([], KO)],
)
def test_qcu(value, expected):
    assert check_answer(challenge(**QCU), value) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ([1, 3], OK),
        ([3, 1], OK),
        ("3,1", OK),
        ("1;3", OK),
        ([1], KO),
        ([1, 3, 4], KO),
        ([2, 4], KO),
    ],
)
def test_qcm_needs_exactly_the_right_set_in_any_order(value, expected):
    assert check_answer(challenge(**QCM), value) is expected


@pytest.mark.parametrize("value", [[5], "0", [True], True, False, {"a": "1"}, "deux", "²"])
def test_choice_answers_of_the_wrong_shape_are_refused(value):
    with pytest.raises(Invalid) as caught:
        check_answer(challenge(**QCM), value)
    assert caught.value.code == "ANSWER_INVALID"


def test_qcu_refuses_two_proposals():
    with pytest.raises(Invalid):
        check_answer(challenge(**QCU), [1, 2])


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("systeme d'exploitation", OK),
        ("  SYSTÈME   D’EXPLOITATION. ", OK),
        ("système-d'exploitation !", OK),
        ("os", OK),
        ("O.S.", OK),
        ("systèmes d'exploitation", KO),
        ("", KO),
        ("   ", KO),
    ],
)
def test_qroc_normalises_case_accents_spaces_and_punctuation(value, expected):
    assert check_answer(challenge(**QROC), value) is expected


@pytest.mark.parametrize(
    ("solution", "value", "expected"),
    [
        ("1,5", "1.5", OK),
        ("1,5", "15", KO),
        ("-3", "3", KO),
        ("-3", " -3 ", OK),
        ("10 000", "10000", OK),
        ("1984", "1985", KO),
        ("œuvre", "OEUVRE", OK),
    ],
)
def test_numbers_keep_their_value(solution, value, expected):
    assert (
        check_answer(challenge(type="QROC", proposals=None, solutions=[solution]), value)
        is expected
    )


def test_typos_only_when_the_challenge_tolerates_them():
    strict = challenge(type="QROC", proposals=None, solutions=["navigateur"])
    loose = challenge(
        type="QROC", proposals=None, solutions=["navigateur"], tolerances={"typos": True}
    )
    assert check_answer(strict, "navigatuer") is KO
    assert check_answer(loose, "navigatuer") is OK
    assert check_answer(loose, "ordinateur") is KO


def test_case_sensitive_when_tolerance_is_off():
    sensitive = challenge(
        type="QROC", proposals=None, solutions=["NaCl"], tolerances={"case_accents_spaces": False}
    )
    assert check_answer(sensitive, "NaCl") is OK
    assert check_answer(sensitive, "nacl") is KO


def test_signs_are_comparable_when_punctuation_is_kept():
    sign = challenge(
        type="QROC", proposals=None, solutions=["@", "arobase"], tolerances={"punctuation": False}
    )
    assert check_answer(sign, " @ ") is OK
    assert check_answer(sign, "#") is KO


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({"lecteur": "d", "dossier": "COMPTA"}, OK),
        ({"lecteur": "D:", "dossier": "Comptabilité "}, OK),
        ({"lecteur": "D:", "dossier": "Photos"}, KO),
        ({"lecteur": "D:"}, KO),
        ({"lecteur": "Compta", "dossier": "D:"}, KO),
    ],
)
def test_qrocm_ind_needs_every_field_right(value, expected):
    assert check_answer(challenge(**QROCM_IND), value) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({"r1": "mp3", "r2": "ogg"}, OK),
        ({"r1": "OGG VORBIS", "r2": "MP3"}, OK),
        ({"r1": "wav", "r2": "mp3"}, OK),
        ({"r1": "mp3", "r2": "mp3"}, PARTIALLY),
        ({"r1": "mp3", "r2": "png"}, PARTIALLY),
        ({"r1": "", "r2": "wav"}, PARTIALLY),
        ({"r1": "png", "r2": "jpeg"}, KO),
    ],
)
def test_qrocm_dep_any_order_each_group_once_partially(value, expected):
    assert check_answer(challenge(**QROCM_DEP), value) is expected


def test_unknown_field_is_refused():
    with pytest.raises(Invalid):
        check_answer(challenge(**QROCM_IND), {"lecteur": "D", "disque": "C"})


def test_skip_is_aband_even_when_timed():
    assert check_answer(challenge(**QCU, timer=30), None) is AnswerResult.SKIPPED
    assert AnswerResult.SKIPPED.value == "aband"


def test_a_late_answer_to_a_timed_challenge_is_timedout_right_or_wrong():
    timed = challenge(**QROC, timer=30)
    assert check_answer(timed, "OS", elapsed_seconds=30) is OK
    assert check_answer(timed, "OS", elapsed_seconds=31) is AnswerResult.TIMED_OUT
    assert check_answer(challenge(**QCU, timer=30), 1, elapsed_seconds=45).value == "timedout"
    assert check_answer(challenge(**QCU), 2, elapsed_seconds=4000) is OK


def test_only_ok_is_correct():
    assert [r.value for r in AnswerResult if r.is_correct] == ["ok"]


def test_every_sample_bank_challenge_accepts_its_own_solutions(sample_bank):
    import random

    from infra.samples.simulated_learner import right_value, wrong_value

    rng = random.Random(7)
    for item in sample_bank.challenges.values():
        assert check_answer(item, right_value(item, rng)) is OK, item.id
        assert check_answer(item, wrong_value(item, rng)) is KO, item.id
