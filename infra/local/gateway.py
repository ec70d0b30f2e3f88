"""One local HTTP gateway serving the four apps under /orga, /certif, /engine and /jury.

It plays API Gateway's part: routing to the right app, the request limits, its own error answers
(`gateway responses`, in the API's error format) and the CORS preflight of routes that declare
CORS. It adds no CORS header to what the apps answer: Chalice adds them on routes that declare
CORS, as in production, so a route without its rule shows here too."""

from __future__ import annotations

import base64
import json
import socket
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import ModuleType
from typing import Any

from chalice.config import Config
from chalice.local import LocalGateway, LocalGatewayException

from infra.local import static

DEFAULT_WORKERS = 8
MAX_BODY_BYTES = 10 * 1024 * 1024  # API Gateway's payload limit
MAX_URL_BYTES = 8 * 1024
READ_TIMEOUT_SECONDS = 30.0
# Production's gateway responses (4XX/5XX) carry these, so the gateway's own errors do here.
GATEWAY_RESPONSE_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Headers": "Authorization,Content-Type",
}
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD")
MESSAGES = {
    400: ("BAD_REQUEST", "La requête est mal formée."),
    404: ("NOT_FOUND", "Aucune ressource ne correspond à cette adresse."),
    405: ("METHOD_NOT_ALLOWED", "Cette méthode HTTP n'est pas acceptée ici."),
    408: ("REQUEST_TIMEOUT", "La requête n'est pas arrivée complète à temps."),
    411: ("LENGTH_REQUIRED", "La longueur du corps (Content-Length) est requise."),
    413: ("PAYLOAD_TOO_LARGE", "Le corps de la requête est trop volumineux."),
    414: ("URI_TOO_LONG", "L'adresse demandée est trop longue."),
    431: ("HEADERS_TOO_LARGE", "Les en-têtes de la requête sont trop volumineux."),
    505: ("HTTP_VERSION_NOT_SUPPORTED", "Cette version du protocole HTTP n'est pas acceptée."),
}


def error_body(status: int, details: dict[str, Any] | None = None) -> bytes:
    code, message = MESSAGES.get(status, ("BAD_REQUEST", MESSAGES[400][1]))
    body = {"error": {"code": code, "message": message, "details": details or {}}}
    return json.dumps(body, ensure_ascii=False).encode()


class _Gateway(LocalGateway):
    """Chalice's local API Gateway; remembers the route it matched, gives each request an id in
    its event, as API Gateway does (`requestContext.requestId`), and takes the caller's address
    from `X-Forwarded-For`."""

    _local = threading.local()

    def _generate_lambda_event(self, method: str, path: str, headers: Any, body: Any) -> Any:
        event = super()._generate_lambda_event(method, path, headers, body)
        event["requestContext"]["requestId"] = getattr(self._local, "request_id", "")
        # API Gateway reports the caller's address as `sourceIp` (orga's throttles key on it);
        # chalice's local gateway says 127.0.0.1 for everyone. Here a request may say where it
        # comes from with `X-Forwarded-For`: `pixcert simulate` runs the actors of many schools
        # and homes on one machine. Local only: on AWS the header never reaches `sourceIp`.
        forwarded = event["headers"].get("x-forwarded-for")
        if forwarded:
            event["requestContext"]["identity"]["sourceIp"] = forwarded.split(",")[0].strip()
        self._local.route = event["requestContext"]["resourcePath"]
        return event

    def serve(self, request_id: str, *args: Any) -> tuple[Any, str | None]:
        self._local.request_id, self._local.route = request_id, None
        try:
            return self.handle_request(*args), self._local.route
        except LocalGatewayException as error:
            if self._local.route is None:  # no route matched: API Gateway's 403, ours is 404
                error.CODE, error.body = 404, error_body(404)
                error.headers = {"Content-Type": "application/json"}
            return error, self._local.route


class GatewayServer(ThreadingHTTPServer):
    """One thread per keep-alive connection, but at most `workers` requests inside the apps.

    Unbounded, 200 busy connections meant 200 threads fighting for the GIL and as many
    simultaneous connections to moto: listen overflows and SYN retries 1, 3, 7, 15 s later.
    Waiting threads sleep on the semaphore instead."""

    daemon_threads = True
    request_queue_size = 1024

    def __init__(
        self,
        address: tuple[str, int],
        apps: dict[str, ModuleType],
        workers: int = DEFAULT_WORKERS,
        *,
        request_log: bool = False,
        read_timeout: float = READ_TIMEOUT_SECONDS,
    ) -> None:
        self.gateways = {service: self.gateway_for(module.app) for service, module in apps.items()}
        self.workers = threading.BoundedSemaphore(workers)
        self.request_log = request_log
        self.read_timeout = read_timeout
        self._log_lock = threading.Lock()
        super().__init__(address, GatewayHandler)

    @staticmethod
    def gateway_for(app: Any) -> _Gateway:
        return _Gateway(app, Config(chalice_stage="local"))

    def server_bind(self) -> None:
        self.socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().server_bind()

    def log_request(self, method: str, route: str, status: int, ms: float, request_id: str) -> None:
        """One readable line per request: ids and templates only, never a path's values."""
        if self.request_log:
            with self._log_lock:
                sys.stderr.write(f"{method} {route} {status} {ms:.1f} ms {request_id}\n")
                sys.stderr.flush()


class GatewayHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: GatewayServer

    def setup(self) -> None:
        self.timeout = self.server.read_timeout
        super().setup()
        # Without it, small responses wait for Nagle's algorithm: ~44 ms instead of ~2 ms.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """http.server's own refusals (unknown method, request line too long, bad headers) in
        the API's error format instead of an HTML page."""
        status = 405 if code == 501 else code
        self.close_connection = True
        extra = {"Allow": ",".join(METHODS)} if status == 405 else {}
        self._send_error(status, extra)

    def _send_error(self, status: int, extra: dict[str, str] | None = None) -> None:
        headers = {"Content-Type": "application/json", **GATEWAY_RESPONSE_HEADERS, **(extra or {})}
        self._send(status, headers, error_body(status))

    def _body(self) -> bytes | None:
        """The request body within the limits; None when an error was sent."""
        if "chunked" in self.headers.get("transfer-encoding", "").lower():
            self.close_connection = True
            self._send_error(411)
            return None
        text = self.headers.get("content-length")
        try:
            length = int(text) if text is not None else 0
            if length < 0 or (text is not None and not text.strip().isdigit()):
                raise ValueError(text)
        except ValueError:
            self.close_connection = True
            self._send_error(400)
            return None
        if length > MAX_BODY_BYTES:
            self.close_connection = True  # the body stays unread
            self._send_error(413)
            return None
        try:
            body = self.rfile.read(length) if length else b""
        except TimeoutError:
            body = b""
        if len(body) < length:
            self.close_connection = True
            self._send_error(408)
            return None
        return body

    def _handle(self) -> None:
        started, request_id = time.perf_counter(), uuid.uuid4().hex[:16]
        if len(self.path) > MAX_URL_BYTES:
            self.close_connection = True
            self._send_error(414)
            return
        body = self._body()
        if body is None:
            return
        prefix, _, rest = self.path.lstrip("/").partition("/")
        gateway = self.server.gateways.get(prefix)
        # A file of web/ comes first: /certif/ is Pix Certif's page, /certif/sessions/1 the API
        # (no API route is also a file of web/: tests/unit/web/test_static.py).
        if (page := static.answer(self.command, self.path)) is not None:
            return self._send(*page)
        if gateway is None:
            self.server.log_request(self.command, "(inconnue)", 404, 0.0, request_id)
            self._send_error(404)
            return
        with self.server.workers:
            response, route = gateway.serve(
                request_id, self.command, "/" + rest, dict(self.headers), body or None
            )
        if isinstance(response, LocalGatewayException):
            status = response.CODE
            headers = {**GATEWAY_RESPONSE_HEADERS, **dict(response.headers)}
            payload: Any = response.body or b""
        else:
            status = response["statusCode"]
            headers = dict(response["headers"])
            for key, values in response.get("multiValueHeaders", {}).items():
                headers[key] = ", ".join(values)
            payload = response.get("body")
            if response.get("isBase64Encoded"):
                payload = base64.b64decode(payload)
        # Logged before the answer leaves, so the line is there when the client has it.
        template = f"/{prefix}{route}" if route else "(inconnue)"
        elapsed = 1000 * (time.perf_counter() - started)
        self.server.log_request(self.command, template, status, elapsed, request_id)
        self._send(status, headers, payload if payload is not None else b"")

    def _send(self, status: int, headers: dict[str, str], body: str | bytes) -> None:
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        for key, value in headers.items():
            if key.lower() not in ("content-length", "connection"):
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = do_HEAD = _handle


def serve(
    apps: dict[str, ModuleType],
    host: str,
    port: int,
    workers: int = DEFAULT_WORKERS,
    **options: Any,
) -> tuple[GatewayServer, threading.Thread]:
    server = GatewayServer((host, port), apps, workers, **options)
    thread = threading.Thread(target=server.serve_forever, name="gateway", daemon=True)
    thread.start()
    return server, thread
