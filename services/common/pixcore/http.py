"""The HTTP edge of every service: auth, schema validation, error mapping and the OpenAPI document."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from typing import Any

from chalice import Chalice, CORSConfig, Response
from pydantic import BaseModel, ValidationError

from pixcore.auth import TokenService, bearer
from pixcore.errors import Internal, Invalid, PixError, TooLarge
from pixcore.logs import get_logger
from pixcore.openapi import OpenApiRegistry, RouteDoc
from pixcore.principal import Principal

JSON = "application/json"
# Binary both ways (uploads stay byte-exact, PDFs download as bytes); CSV answers are text.
BINARY_TYPES = [
    "application/pdf",
    "application/zip",
    "application/octet-stream",
    "application/xml",
    "text/xml",
]
CORS = CORSConfig(
    allow_origin="*",
    allow_headers=["Authorization", "Content-Type"],
    expose_headers=["Content-Disposition"],
    max_age=600,
)
log = get_logger("http")


class ServiceApp(Chalice):
    """A Chalice app whose current request is per thread: the local gateway serves in threads."""

    _local = threading.local()

    @property  # type: ignore[override]
    def current_request(self) -> Any:
        return getattr(self._local, "request", None)

    @current_request.setter
    def current_request(self, value: Any) -> None:
        self._local.request = value


@dataclass
class Context:
    """What a route needs from the request, already checked."""

    principal: Principal | None
    body: Any = None
    query: Any = None
    raw_body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    source_ip: str | None = None

    @property
    def user(self) -> Principal:
        assert self.principal is not None
        return self.principal


@dataclass
class FileResult:
    content: bytes | str
    content_type: str
    filename: str | None = None


def error_response(error: PixError) -> Response:
    headers: dict[str, str | list[str]] = {"Content-Type": JSON}
    retry_after = error.details.get("retry_after_seconds")
    if error.status in (429, 503) and isinstance(retry_after, int | float):
        headers["Retry-After"] = str(max(1, int(retry_after + 0.999)))
    return Response(
        body=json.dumps(error.to_body(), ensure_ascii=False),
        status_code=error.status,
        headers=headers,
    )


def _validation_error(exc: ValidationError) -> Invalid:
    fields = [
        {"field": ".".join(str(p) for p in e["loc"]), "code": e["type"], "message": e["msg"]}
        for e in exc.errors(include_url=False, include_context=False, include_input=False)
    ]
    return Invalid(
        "Certaines informations sont manquantes ou invalides.", details={"fields": fields}
    )


def _parse(model: type[BaseModel], data: Any) -> BaseModel:
    try:
        return model.model_validate(data if data is not None else {})
    except ValidationError as exc:
        raise _validation_error(exc) from exc


def shape(result: Any, response: type[BaseModel] | None) -> Any:
    """The one way a route's result becomes its answer: validated against the route's response
    schema, read from the domain object's attributes (or a mapping)."""
    if response is None or result is None or isinstance(result, response):
        return result
    return response.model_validate(result, from_attributes=True)


def _shape(result: Any, status: int) -> Response:
    if isinstance(result, Response):
        return result
    if isinstance(result, FileResult):
        headers: dict[str, str | list[str]] = {"Content-Type": result.content_type}
        if result.filename:
            headers["Content-Disposition"] = f'attachment; filename="{result.filename}"'
        content = result.content
        if isinstance(content, bytes) and result.content_type.startswith("text/"):
            content = content.decode("utf-8")
        return Response(body=content, status_code=status, headers=headers)
    if result is None:
        return Response(body="", status_code=204 if status == 200 else status)
    if isinstance(result, BaseModel):
        result = result.model_dump(mode="json")
    return Response(
        body=json.dumps(result, ensure_ascii=False, default=str),
        status_code=status,
        headers={"Content-Type": JSON},
    )


class Api:
    """Wraps a Chalice app: every route is authenticated, validated, documented."""

    def __init__(
        self,
        app: Chalice,
        title: str,
        tokens: Callable[[], TokenService],
        max_body_bytes: int = 10 * 1024 * 1024,
    ) -> None:
        self.app = app
        self.tokens = tokens
        self.max_body_bytes = max_body_bytes
        self.openapi = OpenApiRegistry(title)
        app.api.binary_types = sorted(set(app.api.binary_types) | set(BINARY_TYPES))
        self.route("/health", auth="public", summary="État du service", name="health")(
            lambda ctx: {"status": "ok", "service": title}
        )
        self.route("/openapi.json", auth="public", summary="Document OpenAPI", name="openapi")(
            lambda ctx: self.openapi.document()
        )

    def _principal(self, headers: dict[str, str], auth: str) -> Principal | None:
        if auth == "public":
            try:
                return self.tokens().verify(bearer(headers))
            except PixError:
                return None
        return self.tokens().verify(bearer(headers))

    def route(
        self,
        path: str,
        methods: tuple[str, ...] = ("GET",),
        *,
        auth: str = "user",
        body: type[BaseModel] | None = None,
        query: type[BaseModel] | None = None,
        response: type[BaseModel] | None = None,
        status: int = 200,
        summary: str = "",
        content_types: tuple[str, ...] = (JSON,),
        produces: str = JSON,
        name: str | None = None,
    ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """`auth` is "user" (any valid token) or "public"; finer checks happen in use cases."""

        def decorator(fn: Callable[..., Any]) -> Callable[..., Any]:
            @wraps(fn)
            def view(**params: str) -> Response:
                request = self.app.current_request
                assert request is not None, "Chalice sets the request before calling a view"
                try:
                    headers = {k.lower(): v for k, v in request.headers.items()}
                    raw = request.raw_body or b""
                    if isinstance(raw, str):
                        raw = raw.encode()
                    if len(raw) > self.max_body_bytes:
                        raise TooLarge(details={"max_bytes": self.max_body_bytes})
                    identity = (request.context or {}).get("identity") or {}
                    ctx = Context(
                        self._principal(headers, auth),
                        raw_body=raw,
                        headers=headers,
                        source_ip=identity.get("sourceIp"),
                    )
                    if body is not None:
                        ctx.body = _parse(body, _json(raw))
                    if query is not None:
                        ctx.query = _parse(query, dict(request.query_params or {}))
                    return _shape(shape(fn(ctx, **params), response), status)
                except PixError as error:
                    return error_response(error)
                except Exception:
                    log.error("http.unexpected", path=path, exc_info=True)
                    return error_response(Internal())

            view.__name__ = name or fn.__name__
            self.app.route(
                path, methods=list(methods), cors=CORS, content_types=list(content_types)
            )(view)
            for method in methods:
                self.openapi.add(
                    RouteDoc(
                        path,
                        method,
                        summary or view.__name__,
                        auth,
                        body,
                        query,
                        response,
                        status,
                        content_types,
                        produces,
                        re.findall(r"{(\w+)}", path),
                    )
                )
            return view

        return decorator


def _json(raw: bytes) -> Any:
    if not raw:
        return None
    try:
        return json.loads(raw)
    except ValueError as exc:
        raise Invalid(
            "Le corps de la requête n'est pas un JSON valide.", code="INVALID_JSON"
        ) from exc
