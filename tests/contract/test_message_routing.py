"""Who publishes and who handles each message: the catalog's PRODUCERS and CONSUMERS against the
services' code (the IAM policies are generated from them, so they must be true)."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

from infra.local.apps import add_service_paths
from infra.resources import SERVICES
from pixcore.messages.catalog import CATALOG, CONSUMERS, PRODUCERS

add_service_paths()
ROOT = Path(__file__).resolve().parents[2]

# Routed by the catalog to a service whose handler is being written on another branch. Shrink it
# as handlers land; once every branch has landed it must be empty (the test then says so).
NOT_YET_HANDLED: set[tuple[str, str]] = set()


def handled(service: str) -> set[str]:
    module = importlib.import_module(f"chalicelib.{service}.handlers")
    return {cls.TYPE for cls in module.handlers(None)}  # handlers only close over their deps


def missing_handlers() -> set[tuple[str, str]]:
    return {
        (service, message_type)
        for message_type, consumers in CONSUMERS.items()
        for service in consumers
        if message_type not in handled(service)
    }


def constructed(service: str) -> set[str]:
    """The catalog messages a service's own code builds (calls the class)."""
    found = set()
    for path in (ROOT / "services" / service).rglob("*.py"):
        if "vendor" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name in CATALOG:
                    found.add(name)
    return found


def test_every_message_has_one_producer_among_the_services():
    assert set(PRODUCERS) == set(CATALOG) == set(CONSUMERS)
    assert set(PRODUCERS.values()) <= set(SERVICES)


def test_a_service_builds_only_the_messages_the_catalog_says_it_publishes():
    for service in SERVICES:
        published = {t for t, producer in PRODUCERS.items() if producer == service}
        assert constructed(service) <= published, service


def test_the_handlers_still_missing_are_exactly_the_known_ones():
    missing = missing_handlers()
    assert missing <= NOT_YET_HANDLED, (
        f"routed but not handled: {sorted(missing - NOT_YET_HANDLED)}"
    )
    assert missing >= NOT_YET_HANDLED, (
        f"now handled, remove from NOT_YET_HANDLED: {sorted(NOT_YET_HANDLED - missing)}"
    )
