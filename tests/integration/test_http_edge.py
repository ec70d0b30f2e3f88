"""The HTTP edge of every service: one error format in French, field errors all at once, input
limits (JSON size and depth, query strings), cursors, token claims — through the real apps."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from moto import mock_aws

from infra.local import apps as app_loader
from infra.local.moto_server import deploy_template
from pixcore.principal import ADMIN, JURY, Principal
from tests.integration.conftest import ORGA_SCHOOL, ROOT, _reset_caches, body, token_for

SERVICES = ("orga", "certif", "engine", "jury")


# One moto for the module: these tests read, or write what no other test here looks at.
@pytest.fixture(scope="module")
def aws() -> Iterator[None]:
    with mock_aws():
        app_loader.apply_environment()
        deploy_template(signing_key="integration-test-signing-key-0123456789abcdef")
        _reset_caches()
        yield
        _reset_caches()


@pytest.fixture(scope="module")
def apps(aws: None) -> dict:
    return app_loader.load_all()


@pytest.fixture(scope="module")
def client(apps: dict):  # noqa: ANN201
    from chalice.test import Client

    clients: dict = {}

    def get(service: str) -> Client:
        if service not in clients:
            project = str(ROOT / "services" / service)
            clients[service] = Client(apps[service].app, stage_name="local", project_dir=project)
        return clients[service]

    return get


@pytest.fixture(scope="module")
def jury_headers(aws: None) -> dict[str, str]:
    token = token_for(Principal("jury-1", JURY))
    return {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}


@pytest.fixture(scope="module")
def school(client, jury_headers) -> dict:  # noqa: ANN001
    created = body(
        client("orga").http.post(
            "/organizations", headers=jury_headers, body=json.dumps(ORGA_SCHOOL)
        )
    )
    token = token_for(Principal("admin-1", "STUDENT", {created["id"]: ADMIN}))
    return {**created, "auth": {"Authorization": f"Bearer {token}"}}


def json_body_routes(apps: dict) -> list[tuple[str, str, str]]:
    """Every (service, method, path) whose OpenAPI operation takes a JSON body."""
    found = []
    for service, module in apps.items():
        for path, methods in module.api.openapi.document()["paths"].items():
            for method, operation in methods.items():
                content = operation.get("requestBody", {}).get("content", {})
                if "application/json" in content:
                    found.append((service, method.upper(), path))
    return found


def concrete(path: str) -> str:
    return path.replace("{", "x-").replace("}", "")


def error_of(response) -> dict:  # noqa: ANN001
    payload = body(response)
    assert set(payload) == {"error"}, payload
    assert set(payload["error"]) == {"code", "message", "details"}, payload
    return payload["error"]


def test_all_json_body_routes_refuse_deep_nesting_as_invalid_json(apps, client, jury_headers):
    routes = json_body_routes(apps)
    assert len(routes) >= 9
    for deep in ("[" * 100_000, '{"a":' * 40 + "1" + "}" * 40):
        for service, method, path in routes:
            response = client(service).http.request(
                method, concrete(path), headers=jury_headers, body=deep.encode()
            )
            assert response.status_code == 400, (service, method, path, response.body[:200])
            assert error_of(response)["code"] == "INVALID_JSON"


def test_a_json_body_over_one_mebibyte_is_413(client, jury_headers):
    huge = json.dumps({"competence": "x" * (1024 * 1024)})
    response = client("engine").http.post(
        "/competence-evaluations", headers=jury_headers, body=huge
    )
    assert response.status_code == 413
    assert error_of(response)["code"] == "PAYLOAD_TOO_LARGE"


def test_every_field_error_at_once_with_path_code_and_french_message(client):
    response = client("orga").http.post(
        "/users",
        headers={"Content-Type": "application/json"},
        body=json.dumps(
            {"first_name": "", "last_name": "L" * 101, "birthdate": "12/05/2008", "extra": 1}
        ),
    )
    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "VALIDATION_ERROR"
    assert error["message"] == "Certaines informations sont manquantes ou invalides."
    fields = {f["field"]: f for f in error["details"]["fields"]}
    assert {k: v["code"] for k, v in fields.items()} == {
        "first_name": "REQUIRED",
        "last_name": "TOO_LONG",
        "birthdate": "INVALID_DATE",
        "password": "REQUIRED",
        "extra": "UNKNOWN_FIELD",
    }
    assert fields["last_name"]["message"] == "Ce champ doit contenir au plus 100 caractères."
    assert fields["password"]["message"] == "Ce champ est obligatoire."
    assert all(f["location"] == "body" for f in fields.values())


def test_a_bad_enum_names_the_accepted_values(client, jury_headers):
    response = client("orga").http.post(
        "/organizations",
        headers=jury_headers,
        body=json.dumps(
            {"uai": "0750001U", "name": "X", "type": "ECOLE", "sector": "PUBLIC", "academie": "P"}
        ),
    )
    (field,) = error_of(response)["details"]["fields"]
    assert field["code"] == "INVALID_CHOICE" and "COLLEGE" in field["message"]


def test_a_body_that_is_not_an_object_is_a_field_error_of_the_body(client):
    response = client("orga").http.post(
        "/auth/token", headers={"Content-Type": "application/json"}, body="[1, 2]"
    )
    assert response.status_code == 400
    assert error_of(response)["details"]["fields"][0]["code"] == "NOT_AN_OBJECT"


@pytest.mark.parametrize("service", SERVICES)
def test_wrong_method_and_content_type_answer_in_french(client, service):
    wrong_method = client(service).http.request("DELETE", "/health")
    assert wrong_method.status_code == 405
    assert error_of(wrong_method)["code"] == "METHOD_NOT_ALLOWED"
    assert wrong_method.headers["Allow"] == "GET"


def test_an_unsupported_content_type_is_415_in_french(client):
    response = client("orga").http.post(
        "/auth/token", headers={"Content-Type": "text/plain"}, body="password=x"
    )
    assert response.status_code == 415
    error = error_of(response)
    assert error["code"] == "UNSUPPORTED_MEDIA_TYPE"
    assert error["message"] == "Ce type de contenu n'est pas accepté pour cette adresse."
    assert error["details"] == {"content_type": "text/plain"}
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_query_strings_are_bounded(client, jury_headers):
    long = "x" * 3000
    response = client("jury").http.get(f"/stats?academie={long}", headers=jury_headers)
    assert response.status_code == 400
    assert error_of(response)["code"] == "QUERY_TOO_LONG"
    many = "&".join(f"p{i}=1" for i in range(25))
    assert client("jury").http.get(f"/stats?{many}", headers=jury_headers).status_code == 400


def test_a_query_field_error_says_it_is_in_the_query(client, school):
    response = client("orga").http.get(
        f"/organizations/{school['id']}/students?limit=0", headers=school["auth"]
    )
    (field,) = error_of(response)["details"]["fields"]
    assert (field["field"], field["location"], field["code"]) == ("limit", "query", "TOO_SMALL")


FOREIGN_CURSOR = "eyJwayI6eyJTIjoiT1JHI28yIn19"  # base64 of another school's DynamoDB key


@pytest.mark.parametrize(
    "cursor",
    [
        "!!!",
        "a.b",
        FOREIGN_CURSOR,
    ],
)
def test_a_forged_pagination_cursor_is_400(client, school, cursor):
    response = client("orga").http.get(
        f"/organizations/{school['id']}/students?cursor={cursor}", headers=school["auth"]
    )
    assert response.status_code == 400
    assert error_of(response)["code"] == "INVALID_CURSOR"


@pytest.mark.parametrize(
    "claims",
    [
        {"memberships": "org-1:ADMIN"},
        {"memberships": [{"organization_id": "org-1", "role": "OWNER"}]},
        {"memberships": [["org-1", "ADMIN"]]},
        {"role": "ROOT"},
        {"sub": 42},
        {"academie": ["Paris"]},
    ],
)
def test_a_signed_token_with_malformed_claims_is_401(client, aws, claims):
    import time

    import jwt

    from pixcore import runtime

    now = int(time.time())
    good = {"iss": "pixcert", "sub": "u-1", "role": JURY, "iat": now, "exp": now + 60}
    token = jwt.encode({**good, **claims}, runtime.tokens()._key(), algorithm="HS256")
    response = client("jury").http.get("/stats", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401
    assert error_of(response)["code"] == "TOKEN_INVALID"


def test_an_expired_token_is_401_token_expired(client, aws):
    token = runtime_token(Principal("u-1", JURY), lifetime=1, age=10)
    response = client("jury").http.get("/stats", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401
    assert error_of(response)["code"] == "TOKEN_EXPIRED"


def runtime_token(principal: Principal, lifetime: int, age: int) -> str:
    import time

    from pixcore import runtime

    return runtime.tokens().issue(principal, now=time.time() - age, lifetime=lifetime)


def test_an_unexpected_error_is_500_in_the_format_without_the_trace(
    client, jury_headers, monkeypatch
):
    from chalicelib.jury.use_cases import counting

    def broken(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise RuntimeError("secret detail")

    monkeypatch.setattr(counting, "dashboard", broken)
    response = client("jury").http.get("/stats", headers=jury_headers)
    assert response.status_code == 500
    error = error_of(response)
    assert error["code"] == "INTERNAL_ERROR" and "secret" not in response.body.decode()


def test_every_route_of_the_four_apps_declares_its_cors_rule(apps):
    """The local gateway adds no CORS header of its own: a route without a rule shows."""
    missing = [
        (service, method, path)
        for service, module in apps.items()
        for path, methods in module.app.routes.items()
        for method, entry in methods.items()
        if entry.cors is None
    ]
    assert not missing


@pytest.mark.parametrize(
    ("service", "path"),
    [("certif", "/sessions/10001/documents"), ("orga", "/organizations/org-x/imports")],
)
def test_an_upload_of_another_type_is_415_and_one_too_big_is_413_in_french(
    client, jury_headers, service, path
):
    headers = {**jury_headers, "Content-Type": "image/png"}
    wrong = client(service).http.post(path, headers=headers, body=b"\x89PNG\r\n\x1a\n")
    assert wrong.status_code == 415
    assert error_of(wrong)["code"] == "UNSUPPORTED_MEDIA_TYPE"
    assert "n'est pas accepté" in error_of(wrong)["message"]
    kind = "application/pdf" if service == "certif" else "application/xml"
    huge = client(service).http.post(
        path, headers={**jury_headers, "Content-Type": kind}, body=b"%" * (40 * 1024 * 1024)
    )
    assert huge.status_code == 413, huge.body[:200]
    assert error_of(huge)["code"] == "PAYLOAD_TOO_LARGE"
    assert "est trop volumineux" in error_of(huge)["message"]
