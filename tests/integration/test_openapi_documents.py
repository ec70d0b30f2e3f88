"""Each service's OpenAPI document is valid and a real generator builds a client from it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openapi_spec_validator import validate

from infra.local import apps as app_loader

SERVICES = ("orga", "certif", "engine", "jury")
# Upload bodies are bytes of these types; the generator knows them as octet streams.
GENERATOR_CONFIG = {
    "content_type_overrides": {
        t: "application/octet-stream"
        for t in ("application/xml", "text/xml", "application/zip", "text/csv", "application/pdf")
    }
}


@pytest.fixture(scope="module")
def documents() -> dict[str, dict]:
    app_loader.apply_environment()
    return {s: m.api.openapi.document() for s, m in app_loader.load_all().items()}


@pytest.mark.parametrize("service", SERVICES)
def test_the_document_is_valid_openapi_served_under_its_prefix(documents, service):
    doc = documents[service]
    validate(doc)
    assert doc["servers"][0]["url"] == f"/{service}"
    operations = [op for methods in doc["paths"].values() for op in methods.values()]
    ids = [op["operationId"] for op in operations]
    assert len(ids) == len(set(ids))
    assert all(i[0].islower() and "_" not in i and "{" not in i for i in ids), ids
    for op in operations:
        assert op["tags"], op["operationId"]
        assert "500" in op["responses"]
        if "security" in op:
            assert {"401", "403"} <= set(op["responses"]), op["operationId"]
        for status, answer in op["responses"].items():
            if status >= "400":
                examples = answer["content"]["application/json"]["examples"]
                assert all(e["value"]["error"]["code"] == code for code, e in examples.items())


@pytest.mark.parametrize("service", SERVICES)
def test_a_python_client_is_generated_without_warnings_and_imports(documents, service, tmp_path):
    spec, config = tmp_path / "openapi.json", tmp_path / "config.json"
    spec.write_text(json.dumps(documents[service]))
    config.write_text(json.dumps(GENERATOR_CONFIG))
    binary = Path(sys.executable).with_name("openapi-python-client")
    env = {**os.environ, "PATH": f"{binary.parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run(
        [str(binary), "generate", "--path", str(spec), "--config", str(config)]
        + ["--output-path", str(tmp_path / "client"), "--meta", "none"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Warning" not in result.stdout + result.stderr, result.stdout
    imported = subprocess.run(
        [sys.executable, "-c", "import client, client.api, client.models"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert imported.returncode == 0, imported.stderr


def schemas_of(node: object) -> list[dict]:
    if isinstance(node, dict):
        return [node, *(s for value in node.values() for s in schemas_of(value))]
    if isinstance(node, list):
        return [s for value in node for s in schemas_of(value)]
    return []


def test_a_session_time_is_documented_as_the_local_time_it_is_answered_in(documents):
    """`format: time` is RFC 3339's (an offset required): our own `14:00:00` would fail it."""
    import re

    found = [s for d in documents.values() for s in schemas_of(d) if s.get("format") == "time"]
    assert not found
    time_field = documents["certif"]["components"]["schemas"]["SessionOut"]["properties"]["time"]
    for value in ("14:00:00", "09:30", "23:59:59.5"):
        assert re.fullmatch(time_field["pattern"], value)
    assert not re.fullmatch(time_field["pattern"], "14:00:00+01:00")


def bounded_pattern(pattern: str) -> bool:
    """Anchored, and no quantifier without an upper bound."""
    import re

    return (
        pattern.startswith("^")
        and pattern.endswith("$")
        and not re.search(r"(?<!\\)[+*]|\{\d+,\}", pattern)
    )


def unbounded_inputs(doc: dict, node: dict, where: str) -> list[str]:
    if "$ref" in node:
        node = doc["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
    found = [
        problem
        for key in ("anyOf", "oneOf", "allOf")
        for sub in node.get(key, [])
        for problem in unbounded_inputs(doc, sub, where)
    ]
    if node.get("type") == "string":
        bounded = (
            "maxLength" in node
            or "enum" in node
            or "const" in node
            or node.get("format") in ("date", "date-time")
            or bounded_pattern(node.get("pattern", ""))
        )
        found += [] if bounded else [where]
    for name, sub in node.get("properties", {}).items():
        found += unbounded_inputs(doc, sub, f"{where}.{name}")
    if node.get("type") == "array":
        found += [] if "maxItems" in node else [f"{where}[] (maxItems)"]
        found += unbounded_inputs(doc, node.get("items", {}), f"{where}[]")
    return found


@pytest.mark.parametrize("service", SERVICES)
def test_every_string_and_list_a_route_takes_is_bounded(documents, service):
    doc, found = documents[service], []
    for path, methods in doc["paths"].items():
        for method, op in methods.items():
            body = op.get("requestBody", {}).get("content", {}).get("application/json")
            where = f"{method.upper()} {path}"
            if body:
                found += unbounded_inputs(doc, body["schema"], f"{where} body")
            for p in op["parameters"]:
                if p["in"] == "query":
                    found += unbounded_inputs(doc, p["schema"], f"{where} query.{p['name']}")
    assert not found, found
