"""Browser tests: Playwright (Python) drives Debian's Chromium; axe-core checks every page.

Each module is marked `browser` and runs in one xdist group (one Chromium). Locally they skip,
saying what to install, when Chromium or Playwright is missing; in CI
(`CI=true`) a missing browser fails the run instead. A failing test leaves a screenshot in
build/browser-failures/. With PIXCERT_SCREENSHOTS=<dir>, `look()` keeps the pages shown.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.harness import (
    CHROMIUM,
    CHROMIUM_FLAGS,
    FAILURES,
    REPORT,
    missing_tools,
    report,
    serve_content_offline,
    serve_web,
)
from tests.workflow.conftest import stack  # noqa: F401  (the same `pixcert up` fixture)

SERIOUS = ("serious", "critical")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    result = outcome.get_result()  # type: ignore[attr-defined]
    setattr(item, f"report_{result.when}", result)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    reason = missing_tools()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests cannot run in CI: {reason}")
        pytest.skip(f"browser tests skipped — {reason}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield launched
        launched.close()
    if report["axe"]:
        REPORT.parent.mkdir(parents=True, exist_ok=True)
        REPORT.write_text(json.dumps(report, indent=2, ensure_ascii=False))


@pytest.fixture(scope="session")
def web_url() -> Iterator[str]:
    server = serve_web()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh tab in a computer set to another time zone than Paris (dates must not move)."""
    context = browser.new_context(
        locale="fr-FR", timezone_id="America/Cayenne", viewport={"width": 1024, "height": 768}
    )
    context.set_default_timeout(15_000)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    serve_content_offline(tab)
    yield tab
    call = getattr(request.node, "report_call", None)
    if call is not None and call.failed:
        FAILURES.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.name)[:120]
        shot = FAILURES / f"{name}.png"
        tab.screenshot(path=str(shot), full_page=True)
        print(f"screenshot of the failure: {shot}")
    context.close()
    assert not errors, f"uncaught errors in the page: {errors}"


@pytest.fixture
def axe() -> Any:
    """`axe(page, "what is shown")`: no serious or critical violation of axe-core's rules."""
    from axe_playwright_python.sync_playwright import Axe

    checker = Axe()

    def check(tab: Any, label: str) -> None:
        violations = checker.run(tab).response["violations"]
        bad = [v for v in violations if v.get("impact") in SERIOUS]
        report["axe"].append(
            {
                "page": label,
                "serious_or_critical": len(bad),
                "other": [f"{v['id']} ({v.get('impact')})" for v in violations if v not in bad],
            }
        )
        assert not bad, f"{label}: " + "; ".join(
            f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
            for v in bad
        )

    return check


@pytest.fixture
def look() -> Any:
    """`look(page, "name")` keeps a screenshot when PIXCERT_SCREENSHOTS names a folder."""
    folder = os.environ.get("PIXCERT_SCREENSHOTS")

    def shoot(tab: Any, name: str, full_page: bool = False) -> None:
        if folder:
            from PIL import Image

            Path(folder).mkdir(parents=True, exist_ok=True)
            path = Path(folder) / f"{name}.png"
            tab.screenshot(path=str(path), full_page=full_page)
            # Kept small for docs/screenshots: 64 colours are plenty for these pages.
            Image.open(path).convert("RGB").quantize(64).save(path, optimize=True)

    return shoot
