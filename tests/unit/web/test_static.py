"""The local gateway's static files: web/ at /, folders open their index.html, nothing else."""

from __future__ import annotations

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
