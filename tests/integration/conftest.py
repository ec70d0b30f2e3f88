"""Integration tests: the apps on an in-process moto, with the production template deployed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
from moto import mock_aws

from infra.local import apps as app_loader
from infra.local.moto_server import deploy_template
from pixcore import runtime
from pixcore.principal import JURY, Principal

ROOT = Path(__file__).resolve().parents[2]


def _reset_caches() -> None:
    runtime.reset()
    for service in ("orga", "certif", "engine", "jury"):
        module = app_loader.load(service)
        module.bootstrap.reset()


@pytest.fixture
def aws() -> Iterator[None]:
    with mock_aws():
        app_loader.apply_environment()
        deploy_template(signing_key="integration-test-signing-key-0123456789abcdef")
        _reset_caches()
        yield
        _reset_caches()


@pytest.fixture
def apps(aws: None) -> dict:
    return app_loader.load_all()


@pytest.fixture
def client(apps: dict):
    from chalice.test import Client

    clients = {}

    def get(service: str) -> Client:
        if service not in clients:
            clients[service] = Client(
                apps[service].app, stage_name="local", project_dir=str(ROOT / "services" / service)
            )
        return clients[service]

    yield get
    for c in clients.values():
        c.__exit__(None, None, None) if hasattr(c, "__exit__") else None


def token_for(principal: Principal) -> str:
    return runtime.tokens().issue(principal)


@pytest.fixture
def jury_headers(aws: None) -> dict[str, str]:
    return {
        "Authorization": f"Bearer {token_for(Principal('jury-1', JURY))}",
        "Content-Type": "application/json",
    }


def body(response) -> dict:  # noqa: ANN001
    return json.loads(response.body) if response.body else {}


def drain(service: str, max_messages: int = 50) -> list[dict]:
    """Read what a service's queue received (tests assert on published messages this way)."""
    sqs = boto3.client("sqs")
    url = sqs.get_queue_url(QueueName=f"pixcert-{service}-messages")["QueueUrl"]
    found: list[dict] = []
    while len(found) < max_messages:
        batch = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
        if not batch:
            break
        found.extend(json.loads(m["Body"]) for m in batch)
    return found


ORGA_SCHOOL = {
    "uai": "0750655E",
    "name": "Collège Jean-Moulin",
    "type": "COLLEGE",
    "sector": "PUBLIC",
    "academie": "Paris",
    "is_certification_center": True,
}


@pytest.fixture
def school(client, jury_headers) -> dict:  # noqa: ANN001
    """A school registered by the jury, with the headers of one of its admins."""
    from pixcore.principal import ADMIN

    created = body(
        client("orga").http.post(
            "/organizations", headers=jury_headers, body=json.dumps(ORGA_SCHOOL)
        )
    )
    drain("certif"), drain("jury")
    token = token_for(Principal("admin-1", "STUDENT", {created["id"]: ADMIN}))
    return {**created, "auth": {"Authorization": f"Bearer {token}"}}
