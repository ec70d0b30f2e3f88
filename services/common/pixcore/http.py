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
from pixcore.edge_errors import translate_chalice_error
from pixcore.errors import Internal, Invalid, PixError, TooLarge
from pixcore.field_errors import field_errors
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
MAX_JSON_BYTES = 1024 * 1024
MAX_JSON_DEPTH = 32
MAX_QUERY_CHARS = 2048
MAX_QUERY_PARAMS = 20


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


def _parse(model: type[BaseModel], data: Any, location: str) -> BaseModel:
    """All field errors at once, each with its path, a stable code and a French message."""
    try:
        return model.model_validate(data if data is not None else {})
    except ValidationError as exc:
        raise Invalid(
            "Certaines informations sont manquantes ou invalides.",
            details={"fields": field_errors(exc, location)},
        ) from exc
    except RecursionError as exc:
        raise _too_deep() from exc


def _too_deep() -> Invalid:
    return Invalid(
        f"Le corps de la requête est imbriqué trop profondément (au plus {MAX_JSON_DEPTH} niveaux).",
        code="INVALID_JSON",
        details={"max_depth": MAX_JSON_DEPTH},
    )


def _depth(value: Any) -> int:
    """Nesting depth of parsed JSON, without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            if depth > MAX_JSON_DEPTH:
                return depth
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return deepest


def _query(request: Any) -> dict[str, str]:
    """The query string's parameters (the last of repeated ones), bounded in count and size."""
    params = request.query_params
    pairs = [(k, v) for k in params for v in params.getlist(k)] if params else []
    if len(pairs) > MAX_QUERY_PARAMS or sum(len(k) + len(v) for k, v in pairs) > MAX_QUERY_CHARS:
        raise Invalid(
            "Les paramètres de l'adresse sont trop nombreux ou trop longs.",
            code="QUERY_TOO_LONG",
            details={"max_params": MAX_QUERY_PARAMS, "max_chars": MAX_QUERY_CHARS},
        )
    return dict(pairs)


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
        prefix: str | None = None,
    ) -> None:
        """`prefix`: where the service is served (`/orga`…), the OpenAPI document's server."""
        self.app = app
        self.tokens = tokens
        self.max_body_bytes = max_body_bytes
        self.openapi = OpenApiRegistry(title, prefix)
        app.api.binary_types = sorted(set(app.api.binary_types) | set(BINARY_TYPES))
        app.register_middleware(_edge_errors, "http")
        service = ("service",)
        self.route(
            "/health", auth="public", summary="État du service", name="health", tags=service
        )(lambda ctx: {"status": "ok", "service": title})
        self.route(
            "/openapi.json", auth="public", summary="Document OpenAPI", name="openapi", tags=service
        )(lambda ctx: self.openapi.document())

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
        tags: tuple[str, ...] = (),
        errors: dict[int, tuple[str, ...]] | None = None,
        example: dict[str, Any] | None = None,
    ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """`auth` is "user" (any valid token) or "public"; finer checks happen in use cases.
        `errors` names the codes a route answers besides the edge's own (status → codes), for
        the OpenAPI document; `tags` default to the route module's name; `example`: a body."""

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
                    query_params = _query(request)
                    if body is not None:
                        ctx.body = _parse(body, _json(raw), "body")
                    if query is not None:
                        ctx.query = _parse(query, query_params, "query")
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
            area = fn.__module__.rsplit(".", 1)[-1]
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
                        name=view.__name__,
                        tags=tags or ((self.openapi.title if area == "app" else area),),
                        errors=errors or {},
                        example=example,
                    )
                )
            return view

        return decorator


def _json(raw: bytes) -> Any:
    """The parsed body, within bounds: size (413), nesting depth and syntax (400 INVALID_JSON)."""
    if not raw:
        return None
    if len(raw) > MAX_JSON_BYTES:
        raise TooLarge(
            "Le corps de la requête est trop volumineux.", details={"max_bytes": MAX_JSON_BYTES}
        )
    try:
        parsed = json.loads(raw)
    except RecursionError as exc:
        raise _too_deep() from exc
    except ValueError as exc:
        raise Invalid(
            "Le corps de la requête n'est pas un JSON valide.", code="INVALID_JSON"
        ) from exc
    if _depth(parsed) > MAX_JSON_DEPTH:
        raise _too_deep()
    return parsed


def _edge_errors(event: Any, get_response: Callable[[Any], Response]) -> Response:
    """Chalice's own refusals (wrong method, content type, Accept; an unexpected error) in the
    API's error format, in French."""
    response = get_response(event)
    translated = translate_chalice_error(response.status_code, response.body, response.headers)
    if translated is None:
        return response
    error, headers = translated
    answer = error_response(error)
    answer.headers.update(headers)
    return answer
