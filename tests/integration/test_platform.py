"""Every service: health, OpenAPI, CORS, auth refusals, error format, on moto."""

from __future__ import annotations

import json

import pytest

from infra.local.apps import load_all

SERVICES = ("orga", "certif", "engine", "jury")


@pytest.mark.parametrize("service", SERVICES)
def test_health_and_openapi(client, service):
    c = client(service)
    assert c.http.get("/health").status_code == 200
    doc = json.loads(c.http.get("/openapi.json").body)
    assert doc["openapi"].startswith("3.1")
    assert "/health" in doc["paths"]


def test_every_route_is_in_its_openapi_document(apps):
    for service, module in apps.items():
        doc = module.api.openapi.document()
        for path, methods in module.app.routes.items():
            for method in methods:
                if method != "OPTIONS":
                    assert method.lower() in doc["paths"].get(path, {}), (service, method, path)


def test_every_route_but_health_openapi_and_login_needs_a_token(apps):
    # The examiner opens a session's space with its password, like a login.
    supervise = "/sessions/{session_id}/supervise"
    public = {
        "/health",
        "/openapi.json",
        "/auth/token",
        "/users",
        "/verify/{code}",
        supervise,
        "/verify/document",
    }
    for service, module in apps.items():
        doc = module.api.openapi.document()
        for path, methods in doc["paths"].items():
            for method, operation in methods.items():
                assert ("security" in operation) == (path not in public), (service, method, path)


def test_cors_is_on(client):
    response = client("orga").http.get("/health")
    assert response.headers.get("Access-Control-Allow-Origin") == "*"


def test_a_tampered_token_gets_401(client, jury_headers):
    header, payload, signature = jury_headers["Authorization"].removeprefix("Bearer ").split(".")
    forged = {"Authorization": f"Bearer {header}.{payload}.{signature[:-3]}abc"}
    response = client("jury").http.get("/stats", headers=forged)
    assert response.status_code == 401
    assert json.loads(response.body)["error"]["code"] == "TOKEN_INVALID"


def test_no_token_gets_401(client):
    response = client("jury").http.get("/stats")
    assert response.status_code == 401
    assert json.loads(response.body)["error"]["code"] == "UNAUTHENTICATED"


def test_a_token_without_the_role_gets_403(client):
    from pixcore.principal import Principal
    from tests.integration.conftest import token_for

    student = {"Authorization": f"Bearer {token_for(Principal('student-1'))}"}
    response = client("jury").http.get("/sessions", headers=student)
    assert response.status_code == 403
    assert json.loads(response.body)["error"] == {
        "code": "JURY_ONLY",
        "message": "Cette action est réservée au jury Pix.",
        "details": {},
    }


def test_validation_errors_are_400_with_the_fields(client, jury_headers):
    response = client("orga").http.post(
        "/organizations", headers=jury_headers, body=json.dumps({"uai": "1", "type": "ECOLE"})
    )
    assert response.status_code == 400
    error = json.loads(response.body)["error"]
    assert error["code"] == "VALIDATION_ERROR"
    assert {"uai", "type", "name"} <= {f["field"] for f in error["details"]["fields"]}


def test_apps_consume_from_the_queues_the_template_creates():
    from infra import resources

    for service, module in load_all().items():
        queues = [s.queue for s in module.app.event_sources if hasattr(s, "queue")]
        assert queues == [resources.queue(service)]
