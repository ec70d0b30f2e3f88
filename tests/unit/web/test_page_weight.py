"""Each app's page loads under 100 kB of JavaScript and CSS, compressed (gzip, as CloudFront
serves them), counting every module it imports."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

WEB = Path(__file__).resolve().parents[3] / "web"
LIMIT = 100 * 1024
APPS = sorted(p.parent.name for p in WEB.glob("*/index.html") if p.parent.name != "vendor")

ASSET = re.compile(r"""<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]+\.(?:js|css))\"""")
IMPORT = re.compile(r"""(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']""")


def assets_of(page: Path) -> set[Path]:
    """The page's scripts and styles, and everything its modules import, transitively."""
    found: set[Path] = set()
    queue = [(page.parent / ref).resolve() for ref in ASSET.findall(page.read_text())]
    while queue:
        path = queue.pop()
        if path in found:
            continue
        assert path.is_file(), f"{page.relative_to(WEB)} needs {path}, which is missing"
        found.add(path)
        if path.suffix == ".js":
            for ref in IMPORT.findall(path.read_text(encoding="utf-8")):
                if ref.startswith("."):
                    queue.append((path.parent / ref).resolve())
    return found


def compressed_size(paths: set[Path]) -> int:
    return sum(len(gzip.compress(p.read_bytes())) for p in paths)


@pytest.mark.parametrize("app", APPS)
def test_the_page_weighs_under_100_kb_compressed(app):
    assets = assets_of(WEB / app / "index.html")
    assert any(p.suffix == ".css" for p in assets) and any(p.suffix == ".js" for p in assets)
    assert compressed_size(assets) < LIMIT


def test_the_weighing_follows_imports():
    assets = {p.name for p in assets_of(WEB / "student" / "index.html")}
    assert {"preact.module.js", "hooks.module.js", "challenge.js", "operations.json"} <= assets
