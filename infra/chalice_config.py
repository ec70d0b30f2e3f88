"""Writes each service's .chalice/config.json: stages and the environment names of its resources."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from infra import resources as r

ROOT = Path(__file__).resolve().parent.parent


def config(service: str) -> dict[str, Any]:
    env = r.service_environment(service)
    stage = lambda name, level: {  # noqa: E731
        "api_gateway_stage": "api",
        "environment_variables": {**env, "PIXCERT_STAGE": name, "PIXCERT_LOG_LEVEL": level},
    }
    return {
        "version": "2.0",
        "app_name": f"pixcert-{service}",
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


def render(service: str) -> str:
    return json.dumps(config(service), indent=2) + "\n"


def write_all() -> None:
    for service in r.SERVICES:
        path(service).parent.mkdir(parents=True, exist_ok=True)
        path(service).write_text(render(service))
