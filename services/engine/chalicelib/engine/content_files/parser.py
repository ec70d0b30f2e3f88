"""Reads a content file (see content/FORMAT.md) into tubes, skills and challenges, or says why."""

from __future__ import annotations

from typing import Any

from chalicelib.engine.content_files.challenges import parse_challenge
from chalicelib.engine.content_files.problems import Problems, decode_json
from chalicelib.engine.domain.content import LearningContent
from chalicelib.engine.domain.content_model import MAX_SKILL_LEVEL, MIN_SKILL_LEVEL, Skill, Tube
from pixcore.referential import is_competence_code

FORMAT_NAME = "pixcert-content"
FORMAT_VERSION = 1


def load_content(raw: dict[str, Any] | bytes | str) -> LearningContent:
    """Validates a whole content file and indexes it; every problem is reported at once in
    CONTENT_INVALID."""
    problems = Problems()
    decoded: Any = raw
    if isinstance(raw, bytes | str):
        decoded, problems.text = decode_json(raw)
    if not isinstance(decoded, dict):
        problems.add("fichier", None, "le contenu doit être un objet JSON")
        problems.raise_if_any()
    data: dict[str, Any] = decoded
    if data.get("format") != FORMAT_NAME or data.get("format_version") != FORMAT_VERSION:
        problems.add(
            "fichier",
            None,
            f"« format » doit valoir {FORMAT_NAME!r} et « format_version » {FORMAT_VERSION}",
        )
    lists: dict[str, Any] = {}
    for key in ("tubes", "skills", "challenges"):
        lists[key] = data.get(key)
        if not isinstance(lists[key], list) or not lists[key]:
            problems.add("fichier", None, f"« {key} » doit être une liste non vide")
            lists[key] = []
    tubes = _tubes(lists["tubes"], problems)
    skills = _skills(lists["skills"], {t.id: t for t in tubes}, problems)
    skill_ids = {s.id for s in skills}
    challenges = []
    for index, item in enumerate(lists["challenges"]):
        challenge = parse_challenge(item, f"challenges[{index}]", skill_ids, problems)
        if challenge is not None:
            challenges.append(challenge)
    _unique(lists["challenges"], "challenges", problems)
    problems.raise_if_any()
    return LearningContent(str(data.get("name") or ""), tubes, skills, challenges)


def _tubes(items: list[Any], problems: Problems) -> tuple[Tube, ...]:
    tubes, names = [], set()
    for index, item in enumerate(items):
        where = f"tubes[{index}]"
        if not _has_texts(item, ("id", "name", "title", "competence"), where, problems):
            continue
        if not item["name"].startswith("@") or not item["name"][1:].isidentifier():
            problems.add(where, item["id"], "« name » s'écrit @sujet (lettres, sans espace)")
        elif item["name"][-1].isdigit():
            problems.add(where, item["id"], "« name » d'un sujet ne finit pas par un chiffre")
        elif item["name"] in names:
            problems.add(where, item["id"], f"un autre sujet s'appelle déjà {item['name']}")
        elif not is_competence_code(item["competence"]):
            problems.add(where, item["id"], f"compétence inconnue {item['competence']!r}")
        else:
            names.add(item["name"])
            tubes.append(Tube(item["id"], item["name"], item["title"], item["competence"]))
    _unique(items, "tubes", problems)
    return tuple(tubes)


def _skills(items: list[Any], tubes: dict[str, Tube], problems: Problems) -> tuple[Skill, ...]:
    skills, seen_levels = [], set()
    for index, item in enumerate(items):
        where = f"skills[{index}]"
        if not _has_texts(item, ("id", "name", "tube"), where, problems):
            continue
        tube, level = tubes.get(item["tube"]), item.get("level")
        if tube is None:
            problems.add(
                where, item["id"], f"« tube » ne désigne aucun sujet connu : {item['tube']!r}"
            )
        elif type(level) is not int or not MIN_SKILL_LEVEL <= level <= MAX_SKILL_LEVEL:
            problems.add(where, item["id"], "« level » est un entier de 1 à 8")
        elif item["name"] != f"{tube.name}{level}":
            problems.add(where, item["id"], f"« name » doit valoir {tube.name}{level}")
        elif (tube.id, level) in seen_levels:
            problems.add(
                where, item["id"], f"le sujet {tube.name} a déjà un acquis de niveau {level}"
            )
        else:
            seen_levels.add((tube.id, level))
            skills.append(Skill(item["id"], item["name"], tube.id, level, tube.competence_code))
    _unique(items, "skills", problems)
    return tuple(skills)


def _has_texts(item: Any, keys: tuple[str, ...], where: str, problems: Problems) -> bool:
    if not isinstance(item, dict):
        problems.add(where, None, "doit être un objet JSON")
        return False
    missing = [key for key in keys if not isinstance(item.get(key), str) or not item[key].strip()]
    if missing:
        item_id = item.get("id") if isinstance(item.get("id"), str) else None
        problems.add(where, item_id, f"champ(s) manquant(s) ou vide(s) : {', '.join(missing)}")
    return not missing


def _unique(items: list[Any], key: str, problems: Problems) -> None:
    seen: set[str] = set()
    for index, item in enumerate(items):
        item_id = item.get("id") if isinstance(item, dict) else None
        if isinstance(item_id, str) and item_id in seen:
            problems.add(f"{key}[{index}]", item_id, "cet identifiant est déjà utilisé")
        elif isinstance(item_id, str):
            seen.add(item_id)
