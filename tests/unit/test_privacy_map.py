"""PRIVACY.md: every attribute of every item kind of every table, and every kind of document,
has its entry in the data map (infra/privacy.py), and the committed file is its rendering."""

from __future__ import annotations

from pynamodb.models import Model

from infra import privacy, resources
from infra.local import apps
from infra.template import build
from pixcore.dynamo import TableItem


def _models() -> dict[tuple[str, str], type[Model]]:
    apps.load_all()
    found: dict[tuple[str, str], type[Model]] = {}
    stack = list(TableItem.__subclasses__())
    while stack:
        model = stack.pop()
        stack.extend(model.__subclasses__())
        if not model.__module__.startswith("chalicelib."):
            continue  # a test's own item kind (tests/integration/test_kernel_versioned.py)
        service = model.__module__.split(".")[1]
        if model.__name__ != f"{service.capitalize()}Item":
            found[(service, model.__name__)] = model
    return found


def _own_attributes(model: type[Model]) -> set[str]:
    return set(model.get_attributes()) - set(TableItem.get_attributes())


def test_every_item_kind_of_every_table_has_an_entry_and_no_entry_is_stale():
    models = _models()
    kinds = {(k.service, k.model): k for k in privacy.KINDS}
    assert not set(models) - set(kinds), "item kinds missing from infra/privacy.py"
    assert not set(kinds) - set(models), "entries of infra/privacy.py for no model"
    assert {s for s, _ in models} == set(resources.SERVICES)


def test_every_attribute_is_declared_personal_or_not_exactly_once():
    for key, model in _models().items():
        kind = next(k for k in privacy.KINDS if (k.service, k.model) == key)
        declared = list(kind.personal) + list(kind.other)
        assert len(declared) == len(set(declared)), f"{key}: an attribute listed twice"
        assert set(declared) == _own_attributes(model), (
            f"{key}: attributes without an entry {_own_attributes(model) - set(declared)}, "
            f"entries without an attribute {set(declared) - _own_attributes(model)}"
        )


def test_personal_data_has_a_purpose_a_basis_readers_a_retention_and_an_erasure_rule():
    for k in privacy.KINDS:
        if k.personal:
            assert k.purpose and k.basis and k.readers and k.retention and k.erasure, k.model


def test_every_object_kind_names_the_lifecycle_rules_of_its_bucket_that_exist():
    resources_ = build()["Resources"]
    rules = {
        res["Properties"]["BucketName"]: {
            rule["Id"] for rule in res["Properties"]["LifecycleConfiguration"]["Rules"]
        }
        for res in resources_.values()
        if res["Type"] == "AWS::S3::Bucket"
    }
    for o in privacy.OBJECTS:
        assert o.lifecycle, o.pattern
        assert set(o.lifecycle) <= rules[o.bucket], (o.pattern, rules[o.bucket])


def test_every_bucket_holding_documents_is_in_the_map():
    mapped = {o.bucket for o in privacy.OBJECTS}
    holding = {resources.documents_bucket(s) for s in resources.DOCUMENT_SERVICES}
    assert holding | {resources.claim_check_bucket()} <= mapped


def test_committed_privacy_md_is_the_rendering_of_the_map():
    assert privacy.PRIVACY_PATH.read_text() == privacy.render(), "run `make template`"
