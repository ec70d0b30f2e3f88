"""The moto server as the local stack runs it: connections kept alive, no access log, the backend
of a signed request found once per service, the shortcuts of `moto_speedups`.

moto's own server (werkzeug's development server) answers `Connection: close` to every request,
so each AWS call of the apps opened a TCP connection and moto started a thread for it; it also
wrote an access-log line per request and, per request, listed moto's package folder and tried
hundreds of URL patterns to find the backend. What moto's backends do is unchanged.
Its DynamoDB transactions copy only the items they touch (infra/local/moto_transactions.py).
"""

from __future__ import annotations

import argparse
import io
import socket
from typing import Any

import werkzeug.serving
from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)
from werkzeug.exceptions import InternalServerError

from infra.local import moto_speedups, moto_transactions

# Services whose backend follows from the signature's scope alone (and the DynamoDB API version).
_BY_SCOPE = {
    "cloudformation",
    "dynamodb",
    "events",
    "iam",
    "kms",
    "lambda",
    "logs",
    "secretsmanager",
    "sns",
    "sqs",
    "ssm",
    "sts",
}
_NO_BODY_STATUSES = {204, 304}


def dispatch_key(environ: dict[str, Any]) -> tuple[str, ...] | None:
    """What decides the backend of a request, when it is cheap to read; None: ask moto."""
    path = environ.get("PATH_INFO", "")
    if path.startswith(("/moto-api", "/latest/", "/favicon.ico")):
        return None
    try:
        scope = environ["HTTP_AUTHORIZATION"].split(",")[0].split()[1]
        _, _, region, service, _ = scope.split("/")
    except (KeyError, IndexError, ValueError):
        return None
    target = environ.get("HTTP_X_AMZ_TARGET", "").split(".")[0]
    if service in _BY_SCOPE:
        return (service, region, target)
    if service == "s3":
        control = path.startswith("/v20180820/") or "s3-control" in environ.get("HTTP_HOST", "")
        return (service, region, "control" if control else "")
    return None


class CachedDispatcher(DomainDispatcherApplication):
    """moto's dispatcher, remembering the backend application of each kind of signed request."""

    def __init__(self) -> None:
        super().__init__(create_backend_app)
        self._known: dict[tuple[str, ...], Any] = {}

    def get_application(self, environ: dict[str, Any]) -> Any:
        key = dispatch_key(environ)
        app = self._known.get(key) if key else None
        if app is None:
            app = super().get_application(environ)
            if key:
                self._known[key] = app
        return app


class KeepAliveHandler(MotoRequestHandler):
    """Reads the whole request body before the app runs (so the stream is at the next request
    whatever the app read), answers in one write with a Content-Length, keeps the connection."""

    protocol_version = "HTTP/1.1"

    def setup(self) -> None:
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass  # errors still go to log_error

    def run_wsgi(self) -> None:
        # An `Expect: 100-continue` was answered by http.server's parse_request already.
        environ = self.make_environ()
        if environ.get("wsgi.input_terminated"):
            body = environ["wsgi.input"].read()
        else:
            body = self.rfile.read(int(environ.get("CONTENT_LENGTH") or 0))
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
        environ.pop("wsgi.input_terminated", None)
        self.environ = environ
        try:
            status, headers, payload = self._call(self.server.app, environ)
        except Exception as error:
            self.log_error("moto failed on %s %s: %r", self.command, self.path, error)
            status, headers, payload = self._call(InternalServerError(), environ)
            self.close_connection = True
        self._respond(status, headers, payload)

    @staticmethod
    def _call(app: Any, environ: dict[str, Any]) -> tuple[str, list[tuple[str, str]], bytes]:
        started: list[Any] = []
        chunks: list[bytes] = []

        def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None):  # noqa: ANN202
            started[:] = [status, headers]
            return chunks.append

        result = app(environ, start_response)
        try:
            chunks.extend(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        return started[0], started[1], b"".join(chunks)

    def _respond(self, status: str, headers: list[tuple[str, str]], payload: bytes) -> None:
        code_text, _, reason = status.partition(" ")
        code = int(code_text)
        lines = [f"HTTP/1.1 {code} {reason}"]
        names = set()
        for key, value in headers:
            names.add(key.lower())
            if key.lower() != "connection":
                lines.append(f"{key}: {value}")
        bodyless = self.command == "HEAD" or code < 200 or code in _NO_BODY_STATUSES
        if "content-length" not in names and not bodyless:
            lines.append(f"Content-Length: {len(payload)}")
        if self.close_connection:
            lines.append("Connection: close")
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        self.wfile.write(head if bodyless else head + payload)
        self.wfile.flush()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-H", "--host", default="127.0.0.1")
    parser.add_argument("-p", "--port", type=int, default=5000)
    args = parser.parse_args(argv)
    moto_transactions.apply()
    werkzeug.serving.LISTEN_QUEUE = 1024
    moto_speedups.install()
    werkzeug.serving.run_simple(
        args.host, args.port, CachedDispatcher(), threaded=True, request_handler=KeepAliveHandler
    )


if __name__ == "__main__":
    main()
