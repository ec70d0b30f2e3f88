"""Fuzzing the four documents on the running stack with schemathesis, as the jury and as a
student, bounded in time: no 5xx, no answer outside its documented status and schema."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

pytestmark = [pytest.mark.workflow, pytest.mark.xdist_group("web-stack")]

ROOT = Path(__file__).resolve().parents[2]
# Seconds of fuzzing per document and per token (orga and certif have the most operations).
BUDGET = {"orga": 14, "engine": 8, "certif": 12, "jury": 5}  # seconds per identity
CHECKS = "not_a_server_error,status_code_conformance,response_schema_conformance"


@pytest.fixture(scope="module")
def tokens(stack) -> dict[str, str]:
    client = stack.client()
    signup = {
        "first_name": "Zoé",
        "last_name": "Fuzz",
        "birthdate": "2008-09-01",
        "username": "zoe.fuzz0109",
        "password": "Motdepasse-2021",
    }
    assert client.post("/orga/users", signup).status in (201, 409)
    student = client.login(signup["username"], signup["password"])
    return {"jury": stack.jury().token, "student": student.token}


@pytest.fixture(scope="module")
def known_ids(stack) -> dict[str, str]:
    """A school of its own (a certification centre) with a session: the fuzzer's path
    parameters, so that it gets past « introuvable » into the routes' own checks."""
    jury = stack.jury()
    school = jury.post(
        "/orga/organizations",
        {
            "uai": "0690001B",
            "name": "Collège du Fuzz",
            "type": "COLLEGE",
            "sector": "PUBLIC",
            "academie": "Lyon",
            "is_certification_center": True,
        },
    ).json()
    deadline = time.monotonic() + 60
    while jury.get(f"/certif/centers/{school['id']}").status != 200:
        assert time.monotonic() < deadline, "certif never heard of the school"
        time.sleep(0.2)
    session = jury.post(
        f"/certif/centers/{school['id']}/sessions",
        {
            "address": "Collège du Fuzz",
            "room": "Salle 1",
            "date": (date.today() + timedelta(days=14)).isoformat(),
            "time": "10:00",
            "examiner": "Mme Roux",
        },
    ).json()
    return {"org_id": school["id"], "center_id": school["id"], "session_id": session["id"]}


@pytest.mark.parametrize("who", ["jury", "student"])
@pytest.mark.parametrize("service", list(BUDGET))
def test_no_server_error_and_every_answer_as_documented(
    stack, tokens, known_ids, service, who, tmp_path
):
    binary = Path(sys.executable).with_name("schemathesis")
    config = tmp_path / "schemathesis.toml"
    config.write_text(
        "[parameters]\n" + "".join(f'"path.{k}" = "{v}"\n' for k, v in known_ids.items())
    )
    result = subprocess.run(
        [str(binary), "--config-file", str(config), "run", f"{stack.url}/{service}/openapi.json"]
        + ["--header", f"Authorization: Bearer {tokens[who]}", "--checks", CHECKS]
        + ["--max-time", str(BUDGET[service]), "--max-examples", "30", "--workers", "1"]
        + ["--phases", "examples,coverage,fuzzing", "--request-timeout", "30"]
        + ["--report", "junit", "--report-dir", str(tmp_path), "--output-truncate", "true"],
        capture_output=True,
        text=True,
        timeout=BUDGET[service] + 120,
        cwd=ROOT,
        env={**os.environ, "SCHEMATHESIS_HOOKS": "tests.workflow.schemathesis_hooks"},
    )
    summary = re.search(r"(\d+) generated, .*", result.stdout)
    print(f"{service} as {who}: {summary.group(0) if summary else 'no summary'}")
    failures = result.stdout[result.stdout.find("FAILURES") :][:6000]
    assert result.returncode == 0, failures or result.stdout[-3000:] + result.stderr[-2000:]
    assert summary and int(summary.group(1)) > 0
