"""The local gateway's static files: web/ at /, folders open their index.html, nothing else."""

from __future__ import annotations

import re

from infra.local.static import WEB_ROOT, answer


def test_a_folder_opens_its_index_and_a_file_comes_with_its_type_and_policy():
    status, headers, body = answer("GET", "/student/")
    assert status == 200 and body == (WEB_ROOT / "student" / "index.html").read_bytes()
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert answer("GET", "/shared/api.js")[1]["Content-Type"] == "text/javascript; charset=utf-8"
    assert answer("GET", "/")[2] == (WEB_ROOT / "index.html").read_bytes()
    assert answer("HEAD", "/config.js")[0] == 200


def test_a_folder_named_without_its_slash_is_redirected_with_its_query():
    assert answer("GET", "/student?x=1") == (301, {"Location": "/student/?x=1"}, b"")


def test_nothing_outside_web_nor_hidden_nor_unknown_is_served(tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "page.html").write_text("ok")
    (tmp_path / "site" / ".env").write_text("secret")
    (tmp_path / "site" / "notes.py").write_text("code")
    (tmp_path / "secret.html").write_text("secret")
    root = tmp_path / "site"
    assert answer("GET", "/page.html", root)[2] == b"ok"
    for target in ("/../secret.html", "/%2e%2e/secret.html", "/.env", "/notes.py", "/nowhere.js"):
        assert answer("GET", target, root) is None, target
    assert answer("POST", "/page.html", root) is None


def test_the_staff_apps_share_their_prefix_with_an_api_yet_no_api_route_is_a_file_of_web():
    """The local gateway serves a file of web/ before the API of the same prefix (/certif/ is
    Pix Certif's page): no route of the four documents may name a file of web/."""
    from tests.unit.web.test_api_client import documents

    for app in ("orga", "certif", "jury"):
        assert answer("GET", f"/{app}/")[2] == (WEB_ROOT / app / "index.html").read_bytes()
    for service, document in documents().items():
        for path in document["paths"]:
            concrete = re.sub(r"\{\w+\}", "x1", path)
            assert answer("GET", f"/{service}{concrete}") is None, (service, path)
