"""The browser's API client (web/shared/operations.json and each app's own operations.json)
against the services' OpenAPI documents: a route or field renamed on one side fails here."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from infra.local import apps as app_loader

ROOT = Path(__file__).resolve().parents[3]
WEB = ROOT / "web"


def declared_operations() -> dict[str, Any]:
    """Every operations.json of web/: the shared one and the apps' own; a name is one route."""
    found: dict[str, Any] = {}
    # operations-office.json: what the staff's apps share (Pix Orga, Pix Certif, jury, académie).
    for path in sorted(WEB.glob("*/operations*.json")):
        for name, op in json.loads(path.read_text(encoding="utf-8")).items():
            assert found.get(name, op) == op, f"{name} declared twice, differently ({path})"
            found[name] = op
    return found


OPERATIONS = declared_operations()


@cache
def documents() -> dict[str, dict[str, Any]]:
    app_loader.apply_environment()
    return {name: module.api.openapi.document() for name, module in app_loader.load_all().items()}


def resolve(doc: dict[str, Any], schema: dict[str, Any]) -> list[dict[str, Any]]:
    """The object schemas a value may have (through $ref, anyOf / oneOf; null dropped)."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return resolve(doc, doc["components"]["schemas"][name])
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            return [s for option in schema[key] for s in resolve(doc, option)]
    return [] if schema.get("type") == "null" else [schema]


# Fields the documents describe only as "an object" (no properties): the browser's own check of
# each reply (web/shared/api.js) still catches a rename there; the service should type them.
FREE_FORM = {"referential": "engine's ReferentialOut.areas is list[dict[str, Any]]"}


def field_exists(
    doc: dict[str, Any], schema: dict[str, Any], steps: list[str], free_form: bool = False
) -> bool:
    if not steps:
        return True
    step, rest = steps[0], steps[1:]
    is_list, key = step.endswith("[]"), step.removesuffix("[]")
    for option in resolve(doc, schema):
        if free_form and option.get("type") == "object" and "properties" not in option:
            return True
        inner = option.get("properties", {}).get(key)
        if inner is None:
            continue
        if not is_list:
            if field_exists(doc, inner, rest, free_form):
                return True
            continue
        for array in resolve(doc, inner):
            items = array.get("items", {})
            if array.get("type") == "array" and field_exists(doc, items, rest, free_form):
                return True
    return False


def route(name: str) -> tuple[dict[str, Any], dict[str, Any]]:
    op = OPERATIONS[name]
    doc = documents()[op["service"]]
    assert op["path"] in doc["paths"], f"{name}: no route {op['path']} in {op['service']}"
    methods = doc["paths"][op["path"]]
    assert op["method"].lower() in methods, f"{name}: {op['path']} does not take {op['method']}"
    return doc, methods[op["method"].lower()]


@pytest.mark.parametrize("name", sorted(OPERATIONS))
def test_each_operation_is_a_documented_route(name):
    route(name)


@pytest.mark.parametrize("name", sorted(n for n in OPERATIONS if OPERATIONS[n].get("sends")))
def test_each_operation_sends_fields_its_route_accepts_and_all_it_requires(name):
    doc, operation = route(name)
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    [body] = resolve(doc, schema)
    sends = set(OPERATIONS[name]["sends"])
    assert sends <= set(body["properties"]), sends - set(body["properties"])
    assert set(body.get("required", [])) <= sends


@pytest.mark.parametrize("name", sorted(n for n in OPERATIONS if OPERATIONS[n].get("reads")))
def test_each_field_the_pages_read_is_in_the_documented_response(name):
    doc, operation = route(name)
    success = [v for k, v in operation["responses"].items() if k.startswith("2")]
    schemas = [s["content"]["application/json"]["schema"] for s in success if "content" in s]
    assert schemas, f"{name}: the route documents no JSON response"
    free = name in FREE_FORM
    for path in OPERATIONS[name]["reads"]:
        steps = path.split(".")
        assert any(field_exists(doc, s, steps, free) for s in schemas), f"{name}: {path}"


@pytest.mark.parametrize("name", sorted(n for n in OPERATIONS if OPERATIONS[n].get("produces")))
def test_each_file_an_operation_downloads_is_the_type_its_route_produces(name):
    _, operation = route(name)
    assert OPERATIONS[name]["produces"] in operation["responses"]["200"]["content"]


@pytest.mark.parametrize("name", sorted(n for n in OPERATIONS if OPERATIONS[n].get("accepts")))
def test_each_file_an_operation_uploads_is_a_type_its_route_accepts(name):
    _, operation = route(name)
    assert OPERATIONS[name]["accepts"] in operation["requestBody"]["content"]


def test_the_pages_call_only_declared_operations_and_every_declared_one_is_used():
    called: set[str] = set()
    for script in WEB.rglob("*.js"):
        if "vendor" in script.parts:
            continue
        text = script.read_text(encoding="utf-8")
        called |= set(
            re.findall(r"""\b(?:call|callUntilAnswered|upload|download)\(\s*["'](\w+)["']""", text)
        )
    assert called - set(OPERATIONS) == set(), "called but not declared in operations.json"
    assert set(OPERATIONS) - called == set(), "declared in operations.json but never called"


def test_the_field_checker_sees_a_rename():
    doc = documents()["engine"]
    profile = doc["components"]["schemas"]["ProfileOut"]
    assert field_exists(doc, profile, ["competences[]", "level"])
    assert not field_exists(doc, profile, ["competences[]", "niveau"])
    assert not field_exists(doc, profile, ["total"])
