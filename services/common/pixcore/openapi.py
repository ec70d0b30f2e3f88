"""OpenAPI 3.1 generated from the very schemas the routes validate with."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

REF = "#/components/schemas/{model}"


class ErrorDetail(BaseModel):
    code: str
    message: str
    details: dict[str, Any] = {}


class ErrorBody(BaseModel):
    error: ErrorDetail


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


class OpenApiRegistry:
    def __init__(self, title: str) -> None:
        self.title = title
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

        paths: dict[str, dict[str, Any]] = {}
        error = {"application/json": {"schema": ref(ErrorBody)}}
        for r in self.routes:
            operation: dict[str, Any] = {
                "summary": r.summary,
                "operationId": f"{r.method.lower()}_{r.path.strip('/').replace('/', '_')}",
                "parameters": [
                    {"name": p, "in": "path", "required": True, "schema": {"type": "string"}}
                    for p in r.path_params
                ],
                "responses": {
                    str(r.status): {"description": "Succès"},
                    "4XX": {"description": "Erreur", "content": error},
                },
            }
            if r.auth != "public":
                operation["security"] = [{"bearer": []}]
            if r.query is not None:
                for name, info in r.query.model_fields.items():
                    operation["parameters"].append(
                        {
                            "name": name,
                            "in": "query",
                            "required": info.is_required(),
                            "schema": r.query.model_json_schema()["properties"][name],
                        }
                    )
            if r.body is not None:
                operation["requestBody"] = {
                    "required": True,
                    "content": {"application/json": {"schema": ref(r.body)}},
                }
            elif r.method in ("POST", "PUT") and r.content_types != ("application/json",):
                operation["requestBody"] = {
                    "content": {
                        t: {"schema": {"type": "string", "format": "binary"}}
                        for t in r.content_types
                    }
                }
            if r.response is not None:
                operation["responses"][str(r.status)]["content"] = {
                    r.produces: {"schema": ref(r.response)}
                }
            elif r.produces != "application/json":
                operation["responses"][str(r.status)]["content"] = {
                    r.produces: {"schema": {"type": "string"}}
                }
            paths.setdefault(r.path, {})[r.method.lower()] = operation
        return {
            "openapi": "3.1.0",
            "info": {"title": self.title, "version": "1"},
            "paths": paths,
            "components": {
                "schemas": schemas,
                "securitySchemes": {
                    "bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
                },
            },
        }
