"""The CloudFront Function of production's web hosting, run in Chromium's JavaScript engine:
/config.js carries the stack's API URLs, folders open their index.html, the QR link's query
string survives the redirect."""

from __future__ import annotations

import re

import pytest

from infra.web_hosting import API_PARAMETERS, FUNCTION_CODE

pytestmark = [pytest.mark.browser]
URLS = {name: f"https://{service}.api.example.fr/v1" for service, name in API_PARAMETERS.items()}


def substituted() -> str:
    """What CloudFormation's Fn::Sub makes of the code with the stack's parameters."""
    return re.sub(r"\$\{(\w+)\}", lambda m: URLS[m.group(1)], FUNCTION_CODE)


def test_the_function_answers_config_and_opens_folders(page):
    page.goto("about:blank")  # away from the site's CSP, which refuses this data: module
    results = page.evaluate(
        """async (code) => {
          const handler = new Function(code + '; return handler;')();
          const ask = (uri, querystring = {}) => handler({ request: { uri, querystring } });
          const config = ask('/config.js');
          const module = await import('data:text/javascript,' + encodeURIComponent(config.body));
          return {
            config: [config.statusCode, config.headers['content-type'].value, module.apis],
            folder: ask('/student/').uri,
            file: ask('/shared/api.js').uri,
            qr: [ask('/verify', { code: { value: 'P-3BCD6FGH' } }).headers.location.value,
                 ask('/verify').statusCode],
          };
        }""",
        substituted(),
    )
    assert results["config"] == [
        200,
        "text/javascript; charset=utf-8",
        {
            "orga": "https://orga.api.example.fr/v1",
            "certif": "https://certif.api.example.fr/v1",
            "engine": "https://engine.api.example.fr/v1",
            "jury": "https://jury.api.example.fr/v1",
        },
    ]
    assert results["folder"] == "/student/index.html"
    assert results["file"] == "/shared/api.js"
    assert results["qr"] == ["/verify/?code=P-3BCD6FGH", 301]
