"""Reads and checks one challenge of a content file, type by type."""

from __future__ import annotations

from typing import Any

from chalicelib.engine.content_files.problems import Problems
from chalicelib.engine.domain.content_model import (
    AnswerField,
    Challenge,
    ChallengeStatus,
    ChallengeType,
    Media,
    Tolerances,
)
from chalicelib.engine.domain.normalisation import normalise

QROC_FIELD = "reponse"
_TOLERANCE_KEYS = ("case_accents_spaces", "punctuation", "typos")
_MEDIA_KEYS = ("image", "embed", "attachment")


def parse_challenge(
    raw: Any, where: str, skill_ids: set[str], problems: Problems
) -> Challenge | None:
    """A Challenge from its JSON object, or None after recording every problem found in it."""
    if not isinstance(raw, dict):
        problems.add(where, None, "une épreuve doit être un objet JSON")
        return None
    cid = raw.get("id") if isinstance(raw.get("id"), str) and raw.get("id") else None
    before = len(problems.items)

    def bad(problem: str) -> None:
        problems.add(where, cid, problem)

    if cid is None:
        bad("« id » manquant ou vide")
    skill_id = raw.get("skill")
    if skill_id not in skill_ids:
        bad(f"« skill » ne désigne aucun acquis connu : {skill_id!r}")
    try:
        kind = ChallengeType(str(raw.get("type")))
    except ValueError:
        expected = ", ".join(t.value for t in ChallengeType)
        bad(f"type inconnu {raw.get('type')!r} (attendu : {expected})")
        return None
    try:
        status = ChallengeStatus(str(raw.get("status")))
    except ValueError:
        bad(f"statut inconnu {raw.get('status')!r}")
        status = ChallengeStatus.PROPOSED
    instruction = raw.get("instruction")
    if not isinstance(instruction, str) or not instruction.strip():
        bad("« instruction » manquante ou vide")
    locale = raw.get("locale", "fr-fr")
    if not isinstance(locale, str) or not locale:
        bad("« locale » doit être un texte, par exemple « fr-fr »")
    variant_group = raw.get("variant_group")
    if variant_group is not None and (not isinstance(variant_group, str) or not variant_group):
        bad("« variant_group » doit être un texte non vide, ou absent")
    timer = raw.get("timer")
    if timer is not None and (type(timer) is not int or timer <= 0):
        bad("« timer » doit être un nombre entier de secondes positif, ou null")
    tolerances = _tolerances(raw.get("tolerances", {}), bad)
    media = {key: _media(raw.get(key), key, bad) for key in _MEDIA_KEYS}
    answer_shape = _answer_shape(kind, raw, tolerances, bad)
    if len(problems.items) > before or answer_shape is None:
        return None
    proposals, fields, choices, texts = answer_shape
    assert isinstance(cid, str) and isinstance(skill_id, str) and isinstance(instruction, str)
    return Challenge(
        id=cid,
        skill_id=skill_id,
        type=kind,
        instruction=instruction.strip(),
        status=status,
        locale=locale,
        variant_group=variant_group or cid,
        proposals=proposals,
        fields=fields,
        choice_solutions=choices,
        text_solutions=texts,
        tolerances=tolerances,
        timer=timer,
        **media,
    )


def _tolerances(raw: Any, bad: Any) -> Tolerances:
    if not isinstance(raw, dict) or set(raw) - set(_TOLERANCE_KEYS):
        bad(f"« tolerances » n'accepte que les clés {', '.join(_TOLERANCE_KEYS)}")
        return Tolerances()
    if not all(isinstance(value, bool) for value in raw.values()):
        bad("les valeurs de « tolerances » doivent être true ou false")
        return Tolerances()
    return Tolerances(**raw)


def _media(raw: Any, key: str, bad: Any) -> Media | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or not isinstance(raw.get("url"), str) or not raw["url"]:
        bad(f"« {key} » doit être null ou un objet avec « url » et « label »")
        return None
    return Media(url=raw["url"], label=str(raw.get("label") or ""))


_Shape = tuple[tuple[str, ...], tuple[AnswerField, ...], frozenset[int], tuple]


def _answer_shape(
    kind: ChallengeType, raw: dict, tolerances: Tolerances, bad: Any
) -> _Shape | None:
    solutions = raw.get("solutions")
    if kind.has_choices:
        return _choices(kind, raw.get("proposals"), solutions, bad)
    if kind is ChallengeType.QROC:
        fields: tuple[AnswerField, ...] = (AnswerField(QROC_FIELD, str(raw.get("label") or "")),)
        groups = {QROC_FIELD: solutions}
    else:
        fields = _fields(raw.get("fields"), bad)
        if not isinstance(solutions, dict) or not fields:
            bad("« solutions » d'un QROCM : un objet { groupe: [variantes acceptées] }")
            return None
        groups = solutions
        names = {f.name for f in fields}
        if kind is ChallengeType.QROCM_IND and set(groups) != names:
            bad(f"les solutions doivent avoir exactement les champs {sorted(names)}")
        if kind is ChallengeType.QROCM_DEP and len(groups) < len(fields):
            bad("un QROCM-dep a au moins autant de groupes de solutions que de champs")
    texts = []
    for name, variants in groups.items():
        if (
            not isinstance(variants, list)
            or not variants
            or not all(isinstance(v, str) and normalise(v, tolerances) for v in variants)
        ):
            bad(f"solutions « {name} » : une liste non vide de réponses (texte non vide)")
            return None
        texts.append((name, tuple(variants)))
    return (), fields, frozenset(), tuple(texts)


def _choices(kind: ChallengeType, proposals: Any, solutions: Any, bad: Any) -> _Shape | None:
    if (
        not isinstance(proposals, list)
        or len(proposals) < 2
        or not all(isinstance(p, str) and p.strip() for p in proposals)
    ):
        bad("« proposals » : au moins deux propositions (texte non vide)")
        return None
    if (
        not isinstance(solutions, list)
        or not solutions
        or not all(type(s) is int and 1 <= s <= len(proposals) for s in solutions)
    ):
        bad(f"« solutions » : numéros de propositions entre 1 et {len(proposals)}")
        return None
    if len(set(solutions)) != len(solutions):
        bad("« solutions » : une proposition est citée deux fois")
        return None
    if kind is ChallengeType.QCU and len(solutions) != 1:
        bad("un QCU a exactement une bonne proposition")
        return None
    return tuple(p.strip() for p in proposals), (), frozenset(solutions), ()


def _fields(raw: Any, bad: Any) -> tuple[AnswerField, ...]:
    if not isinstance(raw, list) or not raw:
        bad("« fields » : une liste de champs { name, label }")
        return ()
    fields = []
    for item in raw:
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"]:
            bad("chaque champ de « fields » a un « name » non vide")
            return ()
        fields.append(AnswerField(item["name"], str(item.get("label") or "")))
    if len({f.name for f in fields}) != len(fields):
        bad("deux champs portent le même « name »")
        return ()
    return tuple(fields)
