"""Writes the engine's sample bank (content/sample_bank.json) from the questions of
sample_questions.txt, the same bytes on every run."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

from computed_questions import COMPUTED

HERE = Path(__file__).resolve().parent
QUESTIONS = HERE / "sample_questions.txt"
OUTPUT = HERE.parent / "chalicelib" / "engine" / "content" / "sample_bank.json"
SEED = 2021
ASSETS = "https://assets.pixcert.example"
Tube = tuple[str, str, list[str]]


def read_questions(path: Path = QUESTIONS) -> dict[str, list[Tube]]:
    """Competence code → its tubes (name, title, one question line per level); see the file."""
    competences: dict[str, list[Tube]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            tubes = competences.setdefault(line.strip("[]"), [])
        elif line.startswith("@"):
            name, title = line.split(" = ", 1)
            tubes.append((name, title, []))
        else:
            tubes[-1][2].append(line.replace("\\n", "\n"))
    return competences


CONTEXTS = (
    "Pour un exposé au CDI, ",
    "Lors d'un stage en entreprise, ",
    "En préparant un voyage de classe, ",
    "Au club numérique du collège, ",
)
CHOICE_HINT = {
    "QCU": "Une seule réponse est possible.",
    "QCM": "Plusieurs réponses sont possibles.",
}


def _alternatives(text: str) -> list[str]:
    return [part.strip() for part in text.split(" / ") if part.strip()]


def _items(text: str) -> list[str]:
    return [part.strip() for part in text.split(" ; ") if part.strip()]


def _free_tolerances(solutions: list[str]) -> dict[str, bool]:
    """Answers made of signs only (« @ », « $ ») keep their punctuation to stay comparable."""
    signs_only = any(not any(ch.isalnum() for ch in s) for s in solutions)
    return {"punctuation": False} if signs_only else {}


def _choice(kind: str, stem: str, rights: list[str], wrongs: list[str], rng: random.Random) -> dict:
    proposals = [_alternatives(r)[0] for r in rights] + wrongs
    rng.shuffle(proposals)
    solutions = sorted(proposals.index(_alternatives(r)[0]) + 1 for r in rights)
    return {
        "type": kind,
        "instruction": f"{stem}\n\n{CHOICE_HINT[kind]}",
        "proposals": proposals,
        "solutions": solutions,
    }


def _reworded(stem: str, rng: random.Random) -> str:
    if len(stem) > 1 and stem[1].isupper():
        return stem
    return rng.choice(CONTEXTS) + stem[0].lower() + stem[1:]


def _line_variants(line: str, rng: random.Random) -> list[dict]:
    """The two declinations of a one-line item (see sample_questions.txt)."""
    parts = [part.strip() for part in line.split(" | ")]
    stem, rights = parts[0], _items(parts[1])
    wrongs = _items(parts[2]) if len(parts) > 2 else []
    free = len(parts) > 3 and parts[3] == "R"
    if " = " in rights[0]:
        pairs = [right.split(" = ", 1) for right in rights]
        fields = [{"name": f"champ{i}", "label": label} for i, (label, _) in enumerate(pairs, 1)]
        solutions = {f"champ{i}": _alternatives(a) for i, (_, a) in enumerate(pairs, 1)}
        first = {"type": "QROCM-ind", "instruction": stem, "fields": fields, "solutions": solutions}
        return [first, {**first, "fields": fields[::-1], "instruction": _reworded(stem, rng)}]
    kind = "QCU" if len(rights) == 1 else "QCM"
    first = _choice(kind, stem, rights, wrongs, rng)
    if not free:
        return [first, _choice(kind, _reworded(stem, rng), rights, wrongs, rng)]
    every = [a for right in rights for a in _alternatives(right)]
    if kind == "QCU":
        second = {"type": "QROC", "instruction": stem, "label": "Réponse :", "solutions": every}
    else:
        fields = [{"name": f"reponse{i}", "label": f"Réponse {i}"} for i in (1, 2)]
        groups = {f"groupe{i}": _alternatives(r) for i, r in enumerate(rights, 1)}
        second = {
            "type": "QROCM-dep",
            "instruction": f"{stem} Citez-en deux.",
            "fields": fields,
            "solutions": groups,
        }
    tolerances = _free_tolerances(every)
    return [first, {**second, "tolerances": tolerances} if tolerances else second]


def _numbers_question(stem: str, answer: int | str, rng: random.Random, as_choice: bool) -> dict:
    if not as_choice:
        return {
            "type": "QROC",
            "instruction": stem,
            "label": "Réponse :",
            "solutions": [str(answer)],
        }
    if isinstance(answer, int):
        wrongs = sorted(
            {answer + 1, answer - 1, answer * 2 if answer else 3, answer + 10} - {answer}
        )
    else:
        family = (
            ("admis", "ajourné", "#VALEUR!")
            if answer in ("admis", "ajourné")
            else ("Lyon", "Nantes", "Lille", "#N/A")
        )
        wrongs = [w for w in family if w != answer]
    return _choice("QCU", stem, [str(answer)], [str(w) for w in wrongs[:3]], rng)


def _with_media(challenge: dict, index: int) -> dict:
    """Spreads images, embedded apps, files and timers over the bank, always in the same places."""
    cid, extra = challenge["id"], []
    if index % 7 == 3:
        challenge["image"] = {"url": f"{ASSETS}/images/{cid}.png", "label": "Illustration"}
        extra.append("L'illustration ci-dessous peut vous aider.")
    if index % 11 == 5:
        challenge["embed"] = {"url": f"{ASSETS}/embeds/{cid}.html", "label": "Simulateur"}
        extra.append("Utilisez le simulateur pour vérifier votre réponse.")
    if index % 13 == 8:
        challenge["attachment"] = {"url": f"{ASSETS}/files/{cid}.ods", "label": "Données"}
        extra.append("Le fichier à télécharger contient les données utiles.")
    if index % 9 == 4 and challenge["type"] in ("QCU", "QROC"):
        challenge["timer"] = 60
    if extra:
        challenge["instruction"] += "\n\n" + " ".join(extra)
    return challenge


def build_bank() -> dict:
    """The whole sample bank as JSON-ready data; the same on every call."""
    rng = random.Random(SEED)
    tubes, skills, challenges = [], [], []
    for competence, tube_specs in read_questions().items():
        for name, title, lines in tube_specs:
            tubes.append(
                {"id": f"tube-{name[1:]}", "name": name, "title": title, "competence": competence}
            )
            computed = COMPUTED.get(name)
            for level in range(1, (8 if computed else len(lines)) + 1):
                skill_id = f"skill-{name[1:]}{level}"
                skills.append(
                    {
                        "id": skill_id,
                        "name": f"{name}{level}",
                        "tube": tubes[-1]["id"],
                        "level": level,
                    }
                )
                if computed:
                    variants = [
                        _numbers_question(*computed(level, rng), rng, as_choice=bool(k))
                        for k in (0, 1)
                    ]
                else:
                    variants = _line_variants(lines[level - 1], rng)
                if len(skills) % 10 == 0:
                    variants.append({**variants[0], "status": "proposé", "own_group": True})
                for letter, variant in zip("abc", variants, strict=False):
                    own = variant.pop("own_group", False)
                    challenge = {
                        "id": f"chal-{name[1:]}{level}-{letter}",
                        "skill": skill_id,
                        "status": variant.pop("status", "validé"),
                        "locale": "fr-fr",
                        "variant_group": f"grp-{name[1:]}{level}{'-' + letter if own else ''}",
                        **variant,
                    }
                    challenges.append(_with_media(challenge, len(challenges)))
    challenges.append(
        {
            "id": "chal-moteurRecherche1-en",
            "skill": "skill-moteurRecherche1",
            "status": "validé",
            "locale": "en",
            "variant_group": "grp-moteurRecherche1-en",
            "type": "QCU",
            "instruction": "Which tool finds web pages from keywords?",
            "proposals": ["a spreadsheet", "a search engine", "a firewall"],
            "solutions": [2],
        }
    )
    return {
        "format": "pixcert-content",
        "format_version": 1,
        "name": "Banque d'exemple pixcert (générée)",
        "tubes": tubes,
        "skills": skills,
        "challenges": challenges,
    }


def render() -> str:
    return json.dumps(build_bank(), ensure_ascii=False, indent=1) + "\n"


def main() -> int:
    OUTPUT.write_text(render(), encoding="utf-8")
    print(f"{OUTPUT} : {OUTPUT.stat().st_size} octets")
    return 0


if __name__ == "__main__":
    sys.exit(main())
