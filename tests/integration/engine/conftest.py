"""Engine's port contracts: each suite runs against the in-memory fake and the DynamoDB adapter
(moto, the production template deployed once per module; tests keep apart by their own ids)."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import count

import pytest
from moto import mock_aws

from chalicelib.engine.adapters.tables import bind_tables
from infra import resources
from infra.local import apps as app_loader
from infra.local.moto_server import deploy_template

_ids = count(1)


@pytest.fixture(scope="module")
def engine_table() -> Iterator[None]:
    with mock_aws():
        app_loader.apply_environment()
        deploy_template(signing_key="contract-test-signing-key-0123456789abcdef")
        bind_tables(resources.main_table("engine"))
        yield


@pytest.fixture(params=["memory", "dynamo"])
def implementation(request: pytest.FixtureRequest) -> str:
    if request.param == "dynamo":
        request.getfixturevalue("engine_table")
    return request.param


@pytest.fixture
def user_id() -> str:
    """A learner of this test only (the DynamoDB table is shared by the module)."""
    return f"learner-{next(_ids)}"
