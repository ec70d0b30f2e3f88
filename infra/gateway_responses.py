"""API Gateway's own answers (unknown route, throttling, too large, its own failures) in our error
format, in French, with the CORS headers a browser needs to read them: merged into each
service's packaged template (`chalice package --merge-template`)."""

from __future__ import annotations

import json
from typing import Any

from infra import resources as r

# API Gateway answers these before (or instead of) our code: type → (status, code, message).
RESPONSES: dict[str, tuple[int | None, str, str]] = {
    # A path no route matches: API Gateway says 403 "Missing Authentication Token".
    "MISSING_AUTHENTICATION_TOKEN": (404, "NOT_FOUND", "Ressource introuvable."),
    "RESOURCE_NOT_FOUND": (404, "NOT_FOUND", "Ressource introuvable."),
    "THROTTLED": (429, "THROTTLED", "Trop de requêtes : réessayez dans un instant."),
    "QUOTA_EXCEEDED": (429, "THROTTLED", "Trop de requêtes : réessayez plus tard."),
    "REQUEST_TOO_LARGE": (413, "PAYLOAD_TOO_LARGE", "La requête est trop volumineuse."),
    "UNSUPPORTED_MEDIA_TYPE": (
        415,
        "UNSUPPORTED_MEDIA_TYPE",
        "Type de contenu non pris en charge.",
    ),
    "ACCESS_DENIED": (403, "FORBIDDEN", "Accès refusé."),
    "INTEGRATION_TIMEOUT": (504, "TIMEOUT", "Le service n'a pas répondu à temps ; réessayez."),
    "DEFAULT_4XX": (None, "REQUEST_REFUSED", "La requête a été refusée."),
    "DEFAULT_5XX": (None, "INTERNAL_ERROR", "Une erreur inattendue est survenue."),
}


def _body(code: str, message: str) -> str:
    # $context.requestId is an id, nothing personal: it lets support find the request's logs.
    body = {"error": {"code": code, "message": message, "details": {"request_id": "REQUEST_ID"}}}
    return json.dumps(body, ensure_ascii=False).replace('"REQUEST_ID"', '"$context.requestId"')


def cors_headers(stage: str) -> dict[str, str]:
    """API Gateway sends one static origin: the stage's first web origin."""
    origin = r.WEB_ORIGINS[stage][0]
    return {
        "gatewayresponse.header.Access-Control-Allow-Origin": f"'{origin}'",
        "gatewayresponse.header.Access-Control-Allow-Headers": "'Authorization,Content-Type'",
        "gatewayresponse.header.Access-Control-Allow-Methods": (
            "'GET,POST,PUT,PATCH,DELETE,OPTIONS'"
        ),
    }


def gateway_responses(stage: str) -> dict[str, Any]:
    responses = {}
    for kind, (status, code, message) in RESPONSES.items():
        response: dict[str, Any] = {
            "responseParameters": cors_headers(stage),
            "responseTemplates": {"application/json": _body(code, message)},
        }
        if status is not None:
            response["statusCode"] = str(status)
        responses[kind] = response
    return responses


def merge_template(stage: str) -> dict[str, Any]:
    """What `chalice package --merge-template` deep-merges into the generated SAM template."""
    return {
        "Resources": {
            "RestAPI": {
                "Properties": {
                    "DefinitionBody": {
                        "x-amazon-apigateway-gateway-responses": gateway_responses(stage)
                    }
                }
            }
        }
    }
