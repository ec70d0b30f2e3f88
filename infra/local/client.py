"""A small HTTP client for the local gateway, used by the demo, workflow tests and benchmarks."""

from __future__ import annotations

import http.client
import json
import threading
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode, urlsplit


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None

    @property
    def error_code(self) -> str | None:
        data = self.json()
        return data.get("error", {}).get("code") if isinstance(data, dict) else None


class ApiClient:
    """Keeps one connection per thread (keep-alive), like a browser tab."""

    def __init__(
        self, base_url: str, token: str | None = None, forwarded_for: str | None = None
    ) -> None:
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.token = token
        # The caller's address as the local gateway reports it (simulated actors of many
        # schools and homes run on one machine; API Gateway sets it from the connection).
        self.forwarded_for = forwarded_for
        self._local = threading.local()

    def _connection(self) -> http.client.HTTPConnection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
            self._local.conn = conn
        return conn

    def with_token(self, token: str) -> ApiClient:
        return ApiClient(f"http://{self.host}:{self.port}", token, self.forwarded_for)

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        raw: bytes | None = None,
        content_type: str = "application/json",
        query: dict[str, Any] | None = None,
        accept: str = "application/json",
    ) -> Reply:
        headers = {"Accept": accept}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        if self.forwarded_for:
            headers["X-Forwarded-For"] = self.forwarded_for
        data = raw
        if body is not None:
            data = json.dumps(body).encode()
        if data is not None:
            headers["Content-Type"] = content_type
        path = quote(path, safe="/%:@-._~!$&'()*+,;=")  # what a browser would send (« p h86… »)
        if query:
            path = f"{path}?{urlencode({k: v for k, v in query.items() if v is not None})}"
        for attempt in range(2):
            conn = self._connection()
            try:
                conn.request(method, path, body=data, headers=headers)
                response = conn.getresponse()
                return Reply(response.status, dict(response.getheaders()), response.read())
            except (ConnectionError, http.client.HTTPException):
                conn.close()
                self._local.conn = None
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def get(self, path: str, **kw: Any) -> Reply:
        return self.request("GET", path, **kw)

    def post(self, path: str, body: Any = None, **kw: Any) -> Reply:
        return self.request("POST", path, body, **kw)

    def put(self, path: str, body: Any = None, **kw: Any) -> Reply:
        return self.request("PUT", path, body, **kw)

    def patch(self, path: str, body: Any = None, **kw: Any) -> Reply:
        return self.request("PATCH", path, body, **kw)

    def delete(self, path: str, **kw: Any) -> Reply:
        return self.request("DELETE", path, **kw)

    def login(self, identifier: str, password: str) -> ApiClient:
        key = "email" if "@" in identifier else "username"
        reply = self.post("/orga/auth/token", {key: identifier, "password": password})
        if reply.status != 200:
            raise RuntimeError(
                f"login failed for {identifier}: {reply.status} {reply.body[:200]!r}"
            )
        return self.with_token(reply.json()["access_token"])
