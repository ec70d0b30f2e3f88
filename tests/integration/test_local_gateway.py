"""The local gateway as API Gateway: its refusals in the API's error format, its limits, a read
timeout, CORS only where a route declares it, one request log line per request."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from types import SimpleNamespace

import pytest
from chalice import Chalice

from infra.local.gateway import GatewayServer, serve
from infra.local.moto_server import free_port
from pixcore.auth import TokenService
from pixcore.http import Api, Context, ServiceApp

TOKENS = TokenService(lambda: "gateway-test-key-0123456789abcdef01234567")


def small_apps() -> dict[str, SimpleNamespace]:
    app = ServiceApp(app_name="gw-test")
    api = Api(app, "svc", tokens=lambda: TOKENS)

    @api.route("/items/{item_id}", auth="public", summary="Un objet")
    def get_item(ctx: Context, item_id: str) -> dict:
        return {"id": item_id}

    bare = Chalice(app_name="gw-bare")  # a route declared without CORS

    @bare.route("/plain")
    def plain() -> dict:
        return {"ok": True}

    return {"svc": SimpleNamespace(app=app), "bare": SimpleNamespace(app=bare)}


@pytest.fixture(scope="module")
def gateway() -> Iterator[GatewayServer]:
    server, _ = serve(small_apps(), "127.0.0.1", free_port(), request_log=True, read_timeout=0.5)
    yield server
    server.shutdown()
    server.server_close()


def exchange(server: GatewayServer, raw: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send raw bytes, read one answer (the gateway closes or keeps the connection)."""
    with socket.create_connection(server.server_address, timeout=5) as sock:
        sock.sendall(raw)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
        head, _, rest = data.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        headers = dict(line.split(": ", 1) for line in lines[1:])
        length = int(headers.get("Content-Length", 0))
        while len(rest) < length:
            chunk = sock.recv(65536)
            if not chunk:
                break
            rest += chunk
        return int(lines[0].split()[1]), headers, rest


def request(method: str, path: str, extra: str = "", body: bytes = b"") -> bytes:
    return f"{method} {path} HTTP/1.1\r\nHost: x\r\n{extra}\r\n".encode() + body


def our_error(status: int, headers: dict[str, str], body: bytes, expected: int, code: str) -> None:
    assert status == expected, body
    assert headers["Content-Type"] == "application/json"
    error = json.loads(body)["error"]
    assert error["code"] == code and error["message"] and error["details"] is not None
    assert headers["Access-Control-Allow-Origin"] == "*"  # a gateway response, as in production


def test_a_route_answers_with_the_cors_headers_chalice_adds(gateway):
    status, headers, body = exchange(gateway, request("GET", "/svc/items/42"))
    assert status == 200 and json.loads(body) == {"id": "42"}
    assert headers["Access-Control-Allow-Origin"] == "*"


def test_a_route_without_a_cors_rule_gets_no_cors_header(gateway):
    status, headers, _ = exchange(gateway, request("GET", "/bare/plain"))
    assert status == 200 and "Access-Control-Allow-Origin" not in headers


def test_the_preflight_of_a_cors_route_lists_its_methods(gateway):
    status, headers, _ = exchange(gateway, request("OPTIONS", "/svc/items/42"))
    assert status == 200 and headers["Access-Control-Allow-Methods"] == "GET,OPTIONS"


@pytest.mark.parametrize("path", ["/nowhere/x", "/svc/nothing/here"])
def test_an_unknown_route_is_404_in_our_format(gateway, path):
    our_error(*exchange(gateway, request("GET", path)), 404, "NOT_FOUND")


@pytest.mark.parametrize("method", ["TRACE", "CONNECT", "BREW"])
def test_trace_and_unknown_methods_are_405(gateway, method):
    status, headers, body = exchange(gateway, request(method, "/svc/items/1"))
    our_error(status, headers, body, 405, "METHOD_NOT_ALLOWED")
    assert "GET" in headers["Allow"]


def test_a_known_route_with_another_method_is_405(gateway):
    status, headers, body = exchange(gateway, request("DELETE", "/svc/items/1"))
    assert status == 405 and json.loads(body)["error"]["code"] == "METHOD_NOT_ALLOWED"
    assert headers["Allow"] == "GET"


@pytest.mark.parametrize("size", [9_000, 100_000])
def test_a_long_url_is_414(gateway, size):
    our_error(*exchange(gateway, request("GET", "/svc/items/" + "x" * size)), 414, "URI_TOO_LONG")


@pytest.mark.parametrize("length", ["abc", "-5", "1e3", "12, 12"])
def test_a_bad_content_length_is_400(gateway, length):
    raw = request("POST", "/svc/items/1", f"Content-Length: {length}\r\n", b"{}")
    our_error(*exchange(gateway, raw), 400, "BAD_REQUEST")


def test_a_declared_body_over_the_limit_is_413_without_reading_it(gateway):
    raw = request("POST", "/svc/items/1", f"Content-Length: {11 * 1024 * 1024}\r\n")
    our_error(*exchange(gateway, raw), 413, "PAYLOAD_TOO_LARGE")


def test_a_chunked_body_is_refused_with_411(gateway):
    raw = request("POST", "/svc/items/1", "Transfer-Encoding: chunked\r\n", b"0\r\n\r\n")
    our_error(*exchange(gateway, raw), 411, "LENGTH_REQUIRED")


def test_a_body_that_stops_coming_times_out_with_408(gateway):
    raw = request("POST", "/svc/items/1", "Content-Length: 100\r\n", b"{")
    our_error(*exchange(gateway, raw), 408, "REQUEST_TIMEOUT")


def test_a_silent_connection_is_closed_after_the_read_timeout(gateway):
    with socket.create_connection(gateway.server_address, timeout=5) as sock:
        sock.sendall(b"GET /svc/items/1 HTTP/1.1\r\n")  # and never the end of the headers
        assert sock.recv(1024) == b""  # closed by the gateway after 0.5 s


def test_one_readable_line_per_request_with_the_route_template(gateway, capfd):
    exchange(gateway, request("GET", "/svc/items/secret-value"))
    exchange(gateway, request("GET", "/nowhere/at-all"))
    err = capfd.readouterr().err
    lines = [line for line in err.splitlines() if line.startswith("GET ")]
    assert len(lines) >= 2, err
    method, route, status, ms, unit, request_id = lines[-2].split()
    assert (method, route, status, unit) == ("GET", "/svc/items/{item_id}", "200", "ms")
    assert float(ms) >= 0 and len(request_id) == 16
    assert lines[-1].split()[1:3] == ["(inconnue)", "404"]
    assert "secret-value" not in "\n".join(lines) and "at-all" not in "\n".join(lines)
