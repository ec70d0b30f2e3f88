"""One local HTTP gateway serving the four apps under /orga, /certif, /engine and /jury."""

from __future__ import annotations

import base64
import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import ModuleType
from typing import Any

from chalice.config import Config
from chalice.local import LocalGateway, LocalGatewayException

from infra.local import static

CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Headers": "Authorization,Content-Type",
    "Access-Control-Allow-Methods": "GET,POST,PUT,PATCH,DELETE,OPTIONS",
}


DEFAULT_WORKERS = 8


class SourceAwareGateway(LocalGateway):
    """API Gateway reports the caller's address as `sourceIp` (orga's throttles key on it);
    chalice's local gateway reports 127.0.0.1 for everyone. Here a request may say where it
    comes from with `X-Forwarded-For`: `pixcert simulate` runs the actors of many schools and
    homes on one machine. Local only: on AWS the header never reaches `sourceIp`."""

    def _generate_lambda_event(self, method, path, headers, body):  # noqa: ANN001, ANN202
        event = super()._generate_lambda_event(method, path, headers, body)
        forwarded = event["headers"].get("x-forwarded-for")
        if forwarded:
            event["requestContext"]["identity"]["sourceIp"] = forwarded.split(",")[0].strip()
        return event


class GatewayServer(ThreadingHTTPServer):
    """One thread per keep-alive connection, but at most `workers` requests inside the apps.

    Unbounded, 200 busy connections meant 200 threads fighting for the GIL and as many
    simultaneous connections to moto (whose server closes each one after a request and listens
    with a backlog of 128): listen overflows, SYNs retried 1, 3, 7, 15 s later, a floor p99 of
    15–19 s. Waiting threads sleep on the semaphore instead; moto sees at most `workers`."""

    daemon_threads = True
    request_queue_size = 1024

    def __init__(
        self, address: tuple[str, int], apps: dict[str, ModuleType], workers: int = DEFAULT_WORKERS
    ) -> None:
        self.gateways = {
            service: SourceAwareGateway(module.app, Config(chalice_stage="local"))
            for service, module in apps.items()
        }
        self.workers = threading.BoundedSemaphore(workers)
        super().__init__(address, GatewayHandler)

    def server_bind(self) -> None:
        self.socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().server_bind()


class GatewayHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: GatewayServer

    def setup(self) -> None:
        super().setup()
        # Without it, small responses wait for Nagle's algorithm: ~44 ms instead of ~2 ms.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass

    def _handle(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(length) if length else None
        prefix, _, rest = self.path.lstrip("/").partition("/")
        gateway = self.server.gateways.get(prefix)
        # A file of web/ comes first: /certif/ is Pix Certif's page, /certif/sessions/1 the API
        # (no API route is also a file of web/: tests/unit/web/test_static.py).
        if (page := static.answer(self.command, self.path)) is not None:
            return self._send(*page)
        if gateway is None:
            self._send(
                404,
                {"Content-Type": "application/json"},
                json.dumps(
                    {"error": {"code": "NOT_FOUND", "message": "Service inconnu.", "details": {}}}
                ),
            )
            return
        try:
            with self.server.workers:
                response = gateway.handle_request(
                    self.command, "/" + rest, dict(self.headers), body
                )
        except LocalGatewayException as error:
            self._send(error.CODE, dict(error.headers), error.body or b"")
            return
        headers = dict(response["headers"])
        for key, values in response.get("multiValueHeaders", {}).items():
            headers[key] = ", ".join(values)
        payload = response.get("body")
        if response.get("isBase64Encoded"):
            payload = base64.b64decode(payload)
        self._send(response["statusCode"], headers, payload if payload is not None else b"")

    def _send(self, status: int, headers: dict[str, str], body: str | bytes) -> None:
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        for key, value in {**CORS_HEADERS, **headers}.items():
            if key.lower() not in ("content-length", "connection"):
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = do_HEAD = _handle


def serve(
    apps: dict[str, ModuleType], host: str, port: int, workers: int = DEFAULT_WORKERS
) -> tuple[GatewayServer, threading.Thread]:
    server = GatewayServer((host, port), apps, workers)
    thread = threading.Thread(target=server.serve_forever, name="gateway", daemon=True)
    thread.start()
    return server, thread
