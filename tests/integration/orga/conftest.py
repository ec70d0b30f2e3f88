"""Orga's port contracts: each suite runs against the in-memory fake and the DynamoDB/S3 adapter
on moto (one moto and one deployed template per module, every test on ids of its own)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from moto import mock_aws

from infra.local import apps as app_loader
from infra.local.moto_server import deploy_template
from pixcore import runtime


@pytest.fixture(scope="module")
def moto_orga() -> Iterator[None]:
    with mock_aws():
        app_loader.apply_environment()
        deploy_template(signing_key="contract-test-signing-key-0123456789abcdef")
        runtime.reset()
        from chalicelib.orga.adapters.tables import bind_tables

        bind_tables(runtime.ServiceRuntime("orga").main_table)
        yield
        runtime.reset()


@pytest.fixture(params=["memory", "dynamo"])
def kind(request: pytest.FixtureRequest) -> str:
    if request.param == "dynamo":
        request.getfixturevalue("moto_orga")
    return request.param


def documents_bucket() -> str:
    return runtime.ServiceRuntime("orga").setting("DOCUMENTS_BUCKET")
