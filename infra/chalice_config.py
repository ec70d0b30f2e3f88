"""Writes each service's .chalice/config.json (stages, the environment names of its resources) and
.chalice/policy.json (its least-privilege IAM policy: Chalice's own guess is switched off)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from infra import iam
from infra import resources as r

ROOT = Path(__file__).resolve().parent.parent
POLICY_FILE = "policy.json"


def config(service: str) -> dict[str, Any]:
    env = r.service_environment(service)
    stage = lambda name, level: {  # noqa: E731
        "api_gateway_stage": "api",
        "environment_variables": {**env, "PIXCERT_STAGE": name, "PIXCERT_LOG_LEVEL": level},
    }
    return {
        "version": "2.0",
        "app_name": f"pixcert-{service}",
        # Chalice scans app.py for boto3 calls; ours live in pixcore, so its policy would miss
        # them all. The policy is generated from infra/resources.py instead (infra/iam.py).
        "autogen_policy": False,
        "iam_policy_file": POLICY_FILE,
        "lambda_memory_size": 1024 if service in ("orga", "jury") else 512,
        "lambda_timeout": 120 if service == "orga" else 30,
        "stages": {
            "local": stage("local", "INFO"),
            "dev": stage("dev", "INFO"),
            "prod": {**stage("prod", "WARNING"), "reserved_concurrency": 200},
        },
    }


def path(service: str) -> Path:
    return ROOT / "services" / service / ".chalice" / "config.json"


def policy_path(service: str) -> Path:
    return path(service).with_name(POLICY_FILE)


def render(service: str) -> str:
    return json.dumps(config(service), indent=2) + "\n"


def render_policy(service: str) -> str:
    return json.dumps(iam.policy(service), indent=2) + "\n"


def write_all() -> None:
    for service in r.SERVICES:
        path(service).parent.mkdir(parents=True, exist_ok=True)
        path(service).write_text(render(service))
        policy_path(service).write_text(render_policy(service))
