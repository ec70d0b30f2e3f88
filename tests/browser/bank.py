"""The sample bank's solutions, and how a person types them into the challenge form."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from tests.browser.harness import ROOT

BANK = ROOT / "services" / "engine" / "chalicelib" / "engine" / "content" / "sample_bank.json"


@cache
def challenges() -> dict[str, dict[str, Any]]:
    return {c["id"]: c for c in json.loads(BANK.read_text(encoding="utf-8"))["challenges"]}


def right_answer(challenge_id: str) -> Any:
    """The value the engine grades `ok`, as the API receives it."""
    c = challenges()[challenge_id]
    solutions = c["solutions"]
    if c["type"] == "QCU":
        return solutions[0]
    if c["type"] == "QCM":
        return sorted(solutions)
    if c["type"] == "QROC":
        return solutions[0]
    if c["type"] == "QROCM-ind":
        return {f["name"]: solutions[f["name"]][0] for f in c["fields"]}
    groups = list(solutions.values())
    return {f["name"]: groups[i][0] for i, f in enumerate(c["fields"])}


def type_right_answer(page: Any, challenge_id: str) -> None:
    """Ticks or types the right answer in the form, as a person would."""
    c = challenges()[challenge_id]
    value = right_answer(challenge_id)
    form = page.locator("form.challenge")
    if c["type"] == "QCU":
        form.get_by_label(c["proposals"][value - 1], exact=True).check()
    elif c["type"] == "QCM":
        for number in value:
            form.get_by_label(c["proposals"][number - 1], exact=True).check()
    elif c["type"] == "QROC":
        form.locator("#reponse-1").fill(value)
    else:
        for i, f in enumerate(c["fields"]):
            form.locator(f"#reponse-{i + 1}").fill(value[f["name"]])


def first_of(kind: str, **having: bool) -> str:
    """The first validated challenge of a type, with (or without) an image, embed, file, timer."""
    for cid, c in challenges().items():
        if c["type"] != kind or c["status"] != "validé":
            continue
        if all(bool(c.get(key)) == wanted for key, wanted in having.items()):
            return cid
    raise LookupError(f"no {kind} challenge with {having} in the sample bank")
