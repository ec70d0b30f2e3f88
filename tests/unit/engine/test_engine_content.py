"""The content file: the committed sample bank, its coverage, and clear errors on bad files."""

from __future__ import annotations

import copy
import importlib.util
import json
from collections import Counter
from pathlib import Path

import pytest

from chalicelib.engine.content_files import load_content
from chalicelib.engine.domain.content import describe_referential
from chalicelib.engine.domain.content_model import ChallengeType
from pixcore.errors import Invalid, NotFound
from pixcore.referential import COMPETENCE_CODES
from tests.unit.engine.builders import SAMPLE_BANK, bank_data

SCRIPT = Path(__file__).resolve().parents[3] / "services/engine/scripts/make_sample_bank.py"


def _script(monkeypatch):
    monkeypatch.syspath_prepend(str(SCRIPT.parent))  # its computed questions sit next to it
    spec = importlib.util.spec_from_file_location("make_sample_bank", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_sample_bank_is_the_script_output(monkeypatch):
    assert SAMPLE_BANK.read_text(encoding="utf-8") == _script(monkeypatch).render()
    assert SAMPLE_BANK.stat().st_size < 1_500_000


def test_sample_bank_covers_every_competence_up_to_level_6_with_variants(sample_bank):
    for code in COMPETENCE_CODES:
        tubes = sample_bank.tubes_of_competence(code)
        assert len(tubes) >= 3, code
        for tube in tubes:
            levels = {s.level for s in sample_bank.skills_of_tube(tube.id)}
            assert set(range(1, 7)) <= levels, tube.name
    assert max(s.level for s in sample_bank.skills.values()) == 8
    assert (
        sum(
            1 for t in sample_bank.tubes.values() if sample_bank.skills_of_tube(t.id)[-1].level >= 7
        )
        >= 3
    )
    for skill in sample_bank.skills.values():
        assert len(sample_bank.served_challenges(skill.id)) >= 2, skill.name


def test_sample_bank_has_every_type_media_and_timers(sample_bank):
    challenges = list(sample_bank.challenges.values())
    assert sample_bank.challenge_types() == set(ChallengeType)
    assert all(
        any(getattr(c, flag) for c in challenges)
        for flag in ("has_image", "has_embed", "has_attachment", "is_timed")
    )
    assert Counter(c.status.value for c in challenges)["proposé"] > 0
    assert all(
        "?" in c.instruction or ":" in c.instruction or "." in c.instruction for c in challenges
    )


def test_lookups_and_referential(sample_bank):
    tube = sample_bank.tubes_of_competence("3.4")[0]
    skills = sample_bank.skills_of_tube(tube.id)
    assert [s.level for s in skills] == sorted(s.level for s in skills)
    assert sample_bank.skill_of(sample_bank.challenges_of_skill(skills[0].id)[0]) == skills[0]
    referential = describe_referential(sample_bank)
    assert [a["code"] for a in referential["areas"]] == ["1", "2", "3", "4", "5"]
    assert sum(len(a["competences"]) for a in referential["areas"]) == 16
    with pytest.raises(NotFound) as caught:
        sample_bank.challenge("nope")
    assert caught.value.code == "CHALLENGE_NOT_FOUND"


def test_only_validated_challenges_in_the_learners_locale_are_served(sample_bank):
    french = sample_bank.served_challenges("skill-moteurRecherche1")
    english = sample_bank.served_challenges("skill-moteurRecherche1", "en")
    assert "chal-moteurRecherche1-en" not in {c.id for c in french}
    assert [c.id for c in english] == ["chal-moteurRecherche1-en"]
    proposed = [c for c in sample_bank.challenges.values() if c.status.value == "proposé"]
    assert all(c not in sample_bank.served_challenges(c.skill_id) for c in proposed)


def test_pix_value_is_8_shared_by_the_skills_at_that_level_capped_at_4(make_bank):
    content = make_bank({"@a": ("1.1", [1, 2, 3]), "@b": ("1.1", [2, 3]), "@c": ("1.1", [3])})
    assert content.pix_value("s@a1") == 4  # 8 ÷ 1, capped
    assert content.pix_value("s@a2") == 4  # 8 ÷ 2
    assert content.pix_value("s@b3") == pytest.approx(8 / 3)


def _problems(data) -> list[dict]:
    with pytest.raises(Invalid) as caught:
        load_content(data)
    assert caught.value.code == "CONTENT_INVALID"
    return caught.value.details["problems"]


def test_unreadable_json_names_line_and_column():
    problems = _problems(b'{\n "format": "pixcert-content",\n "tubes": [,]\n}')
    assert problems[0]["line"] == 3


def test_every_problem_is_reported_with_its_id_and_line():
    data = bank_data({"@a": ("1.1", [1, 2])})
    data["challenges"][0]["skill"] = "s@zz9"
    data["challenges"][1]["type"] = "QCX"
    data["challenges"][2]["solutions"] = [1, 2]
    data["challenges"][3]["id"] = data["challenges"][2]["id"]
    data["skills"].append({"id": "s@a1bis", "name": "@a1", "tube": "t@a", "level": 1})
    data["tubes"].append({"id": "t@x", "name": "@x", "title": "x", "competence": "6.1"})
    text = json.dumps(data, indent=1)
    problems = _problems(text)
    by_id = {(p["id"], p["problem"][:20]) for p in problems}
    ids = {p["id"] for p in problems}
    assert {"c@a1-0", "c@a1-1", "c@a2-0", "s@a1bis", "t@x"} <= ids
    assert any("QCU" in p["problem"] for p in problems if p["id"] == "c@a2-0")
    assert any("déjà utilisé" in p["problem"] for p in problems)
    line = next(p["line"] for p in problems if p["id"] == "t@x")
    assert '"id": "t@x"' in text.splitlines()[line - 1]
    assert len(by_id) == len(problems)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda c: c.update(
                type="QROCM-ind", fields=[{"name": "a", "label": "A"}], solutions={"b": ["x"]}
            ),
            "exactement les champs",
        ),
        (
            lambda c: c.update(
                type="QROCM-dep", fields=[{"name": "a"}, {"name": "b"}], solutions={"g": ["x"]}
            ),
            "au moins autant",
        ),
        (lambda c: c.update(type="QROC", solutions=["", "  "]), "liste non vide"),
        (lambda c: c.update(timer=-5), "timer"),
        (lambda c: c.update(status="brouillon"), "statut inconnu"),
        (lambda c: c.update(image={"label": "sans url"}), "image"),
        (lambda c: c.update(tolerances={"majuscules": True}), "tolerances"),
    ],
)
def test_each_challenge_rule_is_checked(change, expected):
    data = bank_data({"@a": ("1.1", [1])})
    change(data["challenges"][0])
    problems = _problems(copy.deepcopy(data))
    assert any(expected in p["problem"] and p["id"] == "c@a1-0" for p in problems), problems


def test_a_content_file_too_large_is_refused_before_it_is_read(tmp_path, monkeypatch):
    from chalicelib.engine.content_files import reader

    big = tmp_path / "bank.json"
    big.write_bytes(b" " * 2048)
    monkeypatch.setattr(reader, "MAX_CONTENT_BYTES", 1024)
    with pytest.raises(Invalid) as refused:
        reader.read_content(big)
    assert refused.value.code == "CONTENT_INVALID" and refused.value.details["bytes"] == 2048
