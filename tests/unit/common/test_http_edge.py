"""The edge with the kernel's input types: names normalised and cleaned, plausible birthdates,
every field error at once in French, Chalice's own errors translated — on a small app."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from chalice.test import Client

from pixcore.auth import TokenService
from pixcore.http import Api, Context, ServiceApp
from pixcore.schemas import Birthdate, Body, Name, Text

TOKENS = TokenService(lambda: "edge-test-key-0123456789abcdef0123456789")


class Person(Body):
    first_name: Name
    last_name: Name
    birthdate: Birthdate
    comment: Text | None = None


def edge_app() -> ServiceApp:
    app = ServiceApp(app_name="edge-test")
    api = Api(app, "edge", tokens=lambda: TOKENS)

    @api.route("/people", ("POST",), auth="public", body=Person, status=201)
    def add_person(ctx: Context) -> dict:
        return ctx.body.model_dump(mode="json")

    @api.route("/people/{person_id}", summary="Une personne")
    def get_person(ctx: Context, person_id: str) -> dict:
        return {"id": person_id, "by": ctx.user.user_id}

    return app


@pytest.fixture(scope="module")
def client():
    with Client(edge_app()) as test_client:
        yield test_client


def post(client, payload):  # noqa: ANN001, ANN201
    return client.http.post(
        "/people", headers={"Content-Type": "application/json"}, body=json.dumps(payload)
    )


def fields(response) -> dict[str, dict]:  # noqa: ANN001
    assert response.status_code == 400, response.body
    return {f["field"]: f for f in json.loads(response.body)["error"]["details"]["fields"]}


def test_names_are_normalised_to_nfc_and_single_spaces(client):
    response = post(
        client,
        {"first_name": "  Ange\u0301le  Marie ", "last_name": "Nguyễn", "birthdate": "2008-05-12"},
    )
    assert response.status_code == 201
    assert json.loads(response.body)["first_name"] == "Angéle Marie"


@pytest.mark.parametrize("bad", ["A\u202eB", "A\u200bB", "A\x00B", "A\nB", "\ufeffA"])
def test_invisible_and_control_characters_in_names_are_refused(client, bad):
    found = fields(post(client, {"first_name": bad, "last_name": "L", "birthdate": "2008-05-12"}))
    assert found["first_name"]["code"] == "INVISIBLE_CHARACTER"
    assert "invisible" in found["first_name"]["message"]


@pytest.mark.parametrize(
    "birthdate", ["1899-12-31", (date.today() + timedelta(days=1)).isoformat(), "2999-01-01"]
)
def test_implausible_birthdates_are_refused(client, birthdate):
    found = fields(post(client, {"first_name": "F", "last_name": "L", "birthdate": birthdate}))
    assert found["birthdate"]["code"] == "IMPLAUSIBLE_DATE"


@pytest.mark.parametrize("birthdate", ["٢٠٠٨-٠٥-١٢", "12/05/2008", "2008-02-30"])
def test_dates_take_ascii_digits_in_iso_format(client, birthdate):
    found = fields(post(client, {"first_name": "F", "last_name": "L", "birthdate": birthdate}))
    assert found["birthdate"]["code"] == "INVALID_DATE"


def test_every_problem_of_a_body_comes_back_at_once(client):
    found = fields(post(client, {"first_name": " ", "last_name": 3, "comment": "a\x07"}))
    assert {k: v["code"] for k, v in found.items()} == {
        "first_name": "REQUIRED",
        "last_name": "NOT_A_STRING",
        "birthdate": "REQUIRED",
        "comment": "INVISIBLE_CHARACTER",
    }


def test_the_document_of_a_small_app_is_client_ready(client):
    doc = json.loads(client.http.get("/openapi.json").body)
    assert doc["servers"] == [{"url": "/edge", "description": "Service sous son préfixe"}]
    operation = doc["paths"]["/people/{person_id}"]["get"]
    assert operation["operationId"] == "getPerson"
    assert set(operation["responses"]) == {"200", "400", "401", "403", "404", "409", "422", "500"}
    assert (
        "TOKEN_EXPIRED" in operation["responses"]["401"]["content"]["application/json"]["examples"]
    )
    assert doc["paths"]["/people"]["post"]["operationId"] == "addPerson"
