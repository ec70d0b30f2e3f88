"""What browser tests share: Chromium's flags, a static server for web/, a fake API, axe-core."""

from __future__ import annotations

import json
import os
import re
import struct
import threading
import zlib
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from infra.local import static

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("PIXCERT_CHROMIUM", "/usr/bin/chromium"))
# This machine's network is closed: without these, Chromium keeps dialling Google's services.
# Playwright gives every launch a fresh, empty profile (its own --user-data-dir).
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
FAILURES = ROOT / "build" / "browser-failures"
# One file per xdist worker: the page tests (on fakes) run on both; only the journeys on a running
# stack are kept together (xdist_group "web-stack", see tests/workflow/conftest.py).
REPORT = ROOT / "build" / f"browser-report-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}.json"
CONTENT_HOST = "https://assets.pixcert.example/"
# What the run measured, written to REPORT at the end: axe results per page, timings.
report: dict[str, Any] = {"axe": [], "timings": {}}


def missing_tools() -> str | None:
    """What to install for the browser tests, or None when everything is there."""
    if not CHROMIUM.exists():
        return (
            f"Chromium is not installed ({CHROMIUM}): `apt-get install chromium` "
            "(Debian's package; Playwright's own browser download is not used)"
        )
    try:
        import axe_playwright_python  # noqa: F401
        import playwright  # noqa: F401
    except ImportError:
        return "Playwright is not installed: `make .venv/.installed` (pip install -e '.[dev]')"
    return None


class _StaticHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:  # noqa: N802
        found = static.answer(self.command, self.path)
        status, headers, body = found or (404, {"Content-Type": "text/plain"}, b"introuvable")
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve_web() -> ThreadingHTTPServer:
    """web/ alone on a free port, as the gateway serves it (for pages whose API is faked)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _StaticHandler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="web", daemon=True).start()
    return server


def png(width: int = 240, height: int = 120) -> bytes:
    """A plain grey PNG: the learning content's images, offline."""
    row = b"\x00" + b"\xc8\xcc\xd6" * width

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(row * height)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def serve_content_offline(page: Any) -> None:
    """The sample bank's images, embeds and files live on a host this machine cannot reach."""

    def fulfil(route: Any) -> None:
        path = urlsplit(route.request.url).path
        if path.endswith(".png"):
            route.fulfill(status=200, content_type="image/png", body=png())
        elif path.endswith(".html"):
            body = "<!doctype html><html lang=fr><title>Simulateur</title><p>Simulateur</p></html>"
            route.fulfill(status=200, content_type="text/html", body=body)
        else:
            route.fulfill(status=200, content_type="application/octet-stream", body=b"fichier")

    page.route(f"{CONTENT_HOST}**", fulfil)


@dataclass
class FakeApi:
    """Answers the four APIs' routes from a table; records every request it got."""

    replies: dict[tuple[str, str], Any] = field(default_factory=dict)
    calls: list[tuple[str, str, Any]] = field(default_factory=list)

    def install(self, page: Any) -> FakeApi:
        page.route(re.compile(r"^http://[^/]+/(orga|certif|engine|jury)/"), self._handle)
        return self

    def on(self, method: str, path: str, reply: Any, status: int = 200) -> FakeApi:
        """`reply`: a JSON body, or a function of the request returning (status, body) or
        the string "abort" (the network is cut)."""
        self.replies[(method, path)] = reply if callable(reply) else (lambda _r: (status, reply))
        return self

    def bodies(self, method: str, path: str) -> list[Any]:
        return [body for m, p, body in self.calls if (m, p) == (method, path)]

    def _handle(self, route: Any) -> None:
        request = route.request
        # The jury's console lives at /jury/ beside jury's API: its own files are not API calls.
        if request.resource_type not in ("fetch", "xhr"):
            route.fallback()
            return
        path = urlsplit(request.url).path
        raw = request.post_data_buffer
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = raw  # a file sent as the whole body
        self.calls.append((request.method, path, body))
        reply = self.replies.get((request.method, path))
        if reply is None:
            error = {"code": "NOT_FOUND", "message": "Introuvable.", "details": {}}
            route.fulfill(status=404, json={"error": error})
            return
        answer = reply(request)
        if answer == "abort":
            route.abort("internetdisconnected")
            return
        status, payload = answer
        if payload is None:
            route.fulfill(status=status, body="")
        else:
            route.fulfill(status=status, json=payload)


def error(code: str, message: str, **details: Any) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": details}}


def focus_lands_on(page: Any, element_id: str, timeout_ms: int = 5_000) -> None:
    """The page moves the focus to `element_id`, often in an effect after the paint: waits for
    it to land there (fails after `timeout_ms` if it never does)."""
    page.wait_for_function(
        "id => document.activeElement && document.activeElement.id === id",
        arg=element_id,
        timeout=timeout_ms,
    )


def focus_lands_on_text(page: Any, text: str, timeout_ms: int = 5_000) -> None:
    """Same, for an element known by its text (a heading the page focuses)."""
    page.wait_for_function(
        "text => document.activeElement && document.activeElement.textContent.trim() === text",
        arg=text,
        timeout=timeout_ms,
    )
