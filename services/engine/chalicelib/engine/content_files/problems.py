"""Collects what is wrong in a content file, each problem naming the item, its id and its line."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from pixcore.errors import Invalid

CONTENT_INVALID = "CONTENT_INVALID"
MAX_REPORTED_PROBLEMS = 200


@dataclass
class Problems:
    """Problems found so far; `text` is the raw JSON when known, to point at lines."""

    text: str | None = None
    items: list[dict[str, Any]] = field(default_factory=list)

    def add(self, where: str, item_id: str | None, problem: str) -> None:
        self.items.append({"where": where, "id": item_id, "problem": problem})

    def raise_if_any(self) -> None:
        if not self.items:
            return
        reported = self.items[:MAX_REPORTED_PROBLEMS]
        for item in reported:
            line = line_of_id(self.text, item["id"])
            if line is not None:
                item["line"] = line
        raise Invalid(
            f"Le fichier de contenu n'est pas valide : {len(self.items)} problème(s). "
            f"Premier problème : {describe(reported[0])}",
            code=CONTENT_INVALID,
            details={"problems": reported, "count": len(self.items)},
        )


def describe(item: dict[str, Any]) -> str:
    where = item["where"] + (f" « {item['id']} »" if item.get("id") else "")
    line = f" (ligne {item['line']})" if item.get("line") else ""
    return f"{where}{line} : {item['problem']}"


def line_of_id(text: str | None, item_id: str | None) -> int | None:
    """The line of the first `"id": "<item_id>"` in the raw JSON, if the text is known."""
    if not text or not item_id:
        return None
    found = re.search(r'"id"\s*:\s*' + re.escape(json.dumps(item_id)), text)
    return text.count("\n", 0, found.start()) + 1 if found else None


def decode_json(raw: bytes | str) -> tuple[Any, str]:
    """Parses raw JSON, or raises CONTENT_INVALID with the line and column of the syntax error."""
    try:
        text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError as error:
        raise Invalid(
            "Le fichier de contenu doit être encodé en UTF-8.",
            code=CONTENT_INVALID,
            details={"problems": [{"where": "fichier", "id": None, "problem": str(error)}]},
        ) from error
    try:
        return json.loads(text), text
    except json.JSONDecodeError as error:
        problem = {
            "where": "fichier",
            "id": None,
            "line": error.lineno,
            "column": error.colno,
            "problem": f"JSON illisible : {error.msg}",
        }
        raise Invalid(
            f"Le fichier de contenu n'est pas du JSON valide (ligne {error.lineno}, "
            f"colonne {error.colno}).",
            code=CONTENT_INVALID,
            details={"problems": [problem], "count": 1},
        ) from error
