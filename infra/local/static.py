"""The browser apps of web/, served at / by the local gateway beside the four APIs (same origin)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

WEB_ROOT = Path(__file__).resolve().parents[2] / "web"

TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".txt": "text/plain; charset=utf-8",
}

# The same policy as production's CloudFront response headers (infra/web_hosting.py): scripts
# and styles only from the site, embeds and images of the learning content from https.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; "
        "frame-src https:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-cache",
}

# Locally a presigned upload goes to moto, on another port of this machine.
LOCAL_HEADERS = {
    **SECURITY_HEADERS,
    "Content-Security-Policy": SECURITY_HEADERS["Content-Security-Policy"].replace(
        "connect-src 'self'", "connect-src 'self' http://127.0.0.1:* http://localhost:*"
    ),
}

Answer = tuple[int, dict[str, str], bytes]


def answer(method: str, target: str, root: Path = WEB_ROOT) -> Answer | None:
    """The response for a GET or HEAD of a file under `root`, a redirect from a folder named
    without its slash (the apps use relative links), or None when nothing matches."""
    if method not in ("GET", "HEAD"):
        return None
    parts = urlsplit(target)
    path = unquote(parts.path)
    names = [n for n in path.split("/") if n]
    if any(n.startswith(".") or "\\" in n or "\x00" in n for n in names):
        return None
    found = root.joinpath(*names).resolve()
    if not found.is_relative_to(root.resolve()):
        return None
    if found.is_dir():
        if not path.endswith("/"):
            query = f"?{parts.query}" if parts.query else ""
            return 301, {"Location": f"{path}/{query}"}, b""
        found = found / "index.html"
    if not found.is_file() or found.suffix not in TYPES:
        return None
    return 200, {"Content-Type": TYPES[found.suffix], **LOCAL_HEADERS}, found.read_bytes()
