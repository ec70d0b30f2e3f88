"""OpenAPI 3.1 generated from the very schemas the routes validate with: one document per
service, served under its prefix, with readable operation ids, tags and every error it answers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

REF = "#/components/schemas/{model}"
JSON = "application/json"


class ErrorDetail(BaseModel):
    code: str
    message: str
    details: dict[str, Any] = {}


class ErrorBody(BaseModel):
    error: ErrorDetail


# What the edge itself answers, by status: (description, codes).
EDGE_ERRORS: dict[int, tuple[str, tuple[str, ...]]] = {
    400: ("Requête invalide", ("VALIDATION_ERROR", "INVALID_JSON", "QUERY_TOO_LONG")),
    401: ("Authentification requise", ("UNAUTHENTICATED", "TOKEN_INVALID", "TOKEN_EXPIRED")),
    403: ("Accès refusé", ("FORBIDDEN",)),
    404: ("Introuvable", ("NOT_FOUND",)),
    409: ("Conflit avec l'état actuel", ("CONFLICT", "CONCURRENT_UPDATE")),
    413: ("Corps trop volumineux", ("PAYLOAD_TOO_LARGE",)),
    414: ("Adresse trop longue", ("URI_TOO_LONG",)),
    415: ("Type de contenu refusé", ("UNSUPPORTED_MEDIA_TYPE",)),
    422: ("Règle de la certification", ("RULE_VIOLATION",)),
    429: ("Trop de requêtes", ("TOO_MANY_REQUESTS",)),
    500: ("Erreur inattendue", ("INTERNAL_ERROR",)),
}


@dataclass
class RouteDoc:
    path: str
    method: str
    summary: str
    auth: str
    body: type[BaseModel] | None
    query: type[BaseModel] | None
    response: type[BaseModel] | None
    status: int
    content_types: tuple[str, ...]
    produces: str
    path_params: list[str]
    name: str = ""
    tags: tuple[str, ...] = ()
    errors: dict[int, tuple[str, ...]] = field(default_factory=dict)
    example: dict[str, Any] | None = None

    def error_codes(self) -> dict[int, list[str]]:
        """Every error status this route can answer, with its codes."""
        codes: dict[int, list[str]] = {500: ["INTERNAL_ERROR"]}
        codes[400] = ["QUERY_TOO_LONG"]
        if self.body is not None or self.query is not None:
            codes[400] = ["VALIDATION_ERROR", "INVALID_JSON", "QUERY_TOO_LONG"]
        if self.auth != "public":
            # Any use case may find a referenced thing unknown, a state or a rule in the way.
            codes[401] = list(EDGE_ERRORS[401][1])
            codes[403] = ["FORBIDDEN"]
            codes[404] = ["NOT_FOUND"]
            codes[409] = list(EDGE_ERRORS[409][1])
            codes[422] = ["RULE_VIOLATION"]
        elif self.path_params:
            codes[404] = ["NOT_FOUND"]
        if self.query is not None:
            codes[414] = ["URI_TOO_LONG"]  # the gateway's limit on the address
        if self.method in ("POST", "PUT", "PATCH"):
            codes[413] = ["PAYLOAD_TOO_LARGE"]
            codes[415] = ["UNSUPPORTED_MEDIA_TYPE"]
        for status, declared in self.errors.items():
            codes[status] = list(dict.fromkeys([*codes.get(status, []), *declared]))
        return dict(sorted(codes.items()))


def operation_id(name: str) -> str:
    """`create_session` → `createSession`."""
    head, *rest = name.strip("_").split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


class OpenApiRegistry:
    def __init__(self, title: str, prefix: str | None = None) -> None:
        self.title = title
        self.prefix = prefix if prefix is not None else f"/{title}"
        self.routes: list[RouteDoc] = []

    def add(self, route: RouteDoc) -> None:
        self.routes.append(route)

    def document(self) -> dict[str, Any]:
        schemas: dict[str, Any] = {}

        def ref(model: type[BaseModel]) -> dict[str, str]:
            schema = model.model_json_schema(ref_template=REF)
            schemas.update(schema.pop("$defs", {}))
            schemas[model.__name__] = schema
            return {"$ref": REF.format(model=model.__name__)}

        error_schema = ref(ErrorBody)
        paths: dict[str, dict[str, Any]] = {}
        used_ids: set[str] = set()
        for r in self.routes:
            op_id = operation_id(r.name or f"{r.method.lower()}_{r.path}")
            if op_id in used_ids:
                op_id = f"{op_id}{r.method.capitalize()}"
            used_ids.add(op_id)
            operation: dict[str, Any] = {
                "operationId": op_id,
                "summary": r.summary,
                "tags": list(r.tags),
                "parameters": [
                    {"name": p, "in": "path", "required": True, "schema": {"type": "string"}}
                    for p in r.path_params
                ],
                "responses": {str(r.status): {"description": "Succès"}},
            }
            for status, codes in r.error_codes().items():
                operation["responses"][str(status)] = _error_response(status, codes, error_schema)
            if r.auth != "public":
                operation["security"] = [{"bearer": []}]
            if r.query is not None:
                operation["parameters"].extend(_query_parameters(r.query, schemas))
            if r.body is not None:
                content: dict[str, Any] = {"schema": ref(r.body)}
                if r.example is not None:
                    content["example"] = r.example
                operation["requestBody"] = {"required": True, "content": {JSON: content}}
            elif r.method in ("POST", "PUT") and r.content_types != (JSON,):
                operation["requestBody"] = {
                    "content": {
                        t: {"schema": {"type": "string", "format": "binary"}}
                        for t in r.content_types
                    }
                }
            success = operation["responses"][str(r.status)]
            if r.response is not None:
                success["content"] = {r.produces: {"schema": ref(r.response)}}
            elif r.produces != JSON:
                success["content"] = {r.produces: {"schema": {"type": "string"}}}
            paths.setdefault(r.path, {})[r.method.lower()] = operation
        tags = sorted({t for r in self.routes for t in r.tags})
        _as_local_times(schemas)
        _as_local_times(paths)
        return {
            "openapi": "3.1.0",
            "info": {"title": f"pixcert {self.title}", "version": "1"},
            "servers": [{"url": self.prefix, "description": "Service sous son préfixe"}],
            "tags": [{"name": t} for t in tags],
            "paths": paths,
            "components": {
                "schemas": schemas,
                "securitySchemes": {
                    "bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
                },
            },
        }


LOCAL_TIME = {
    "type": "string",
    "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?$",
    "description": "Heure locale (Europe/Paris), HH:MM ou HH:MM:SS, sans fuseau",
    "examples": ["14:00"],
}


def _as_local_times(node: Any) -> None:
    """A session's time is a wall-clock time in Paris, answered as `14:00:00`: JSON Schema's
    `format: time` is RFC 3339's, which requires an offset, so clients and validators would
    refuse our own answers. Such fields are described by their pattern instead."""
    if isinstance(node, dict):
        if node.get("type") == "string" and node.get("format") == "time":
            node.pop("format")
            node.update({k: v for k, v in LOCAL_TIME.items() if k not in node or k == "pattern"})
        for value in node.values():
            _as_local_times(value)
    elif isinstance(node, list):
        for value in node:
            _as_local_times(value)


def _error_response(status: int, codes: list[str], schema: dict[str, str]) -> dict[str, Any]:
    title = EDGE_ERRORS.get(status, ("Erreur", ()))[0]
    examples = {
        code: {"value": {"error": {"code": code, "message": title + ".", "details": {}}}}
        for code in codes
    }
    return {
        "description": f"{title} — codes : {', '.join(codes)}",
        "content": {JSON: {"schema": schema, "examples": examples}},
    }


def _query_parameters(model: type[BaseModel], schemas: dict[str, Any]) -> list[dict[str, Any]]:
    schema = model.model_json_schema(ref_template=REF)
    schemas.update(schema.pop("$defs", {}))
    return [
        {
            "name": name,
            "in": "query",
            "required": info.is_required(),
            "schema": schema["properties"][name],
        }
        for name, info in model.model_fields.items()
    ]
