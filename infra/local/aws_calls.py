"""Every AWS call the local stack's process makes, by who signed it: operation and resources.

moto does not match DynamoDB or Secrets Manager resources, so the workflow suite checks each
recorded call against the signer's policy (infra/policy_check.py). A call signed with the stack's
own keys from a service's code means that code escaped its credentials: it is recorded as such.
"""

from __future__ import annotations

import json
import sys
import threading
from pathlib import Path
from types import FrameType
from typing import Any

import botocore.handlers

from infra.policy_check import needs

ROOT = Path(__file__).resolve().parents[2]
SERVICES_DIR = str(ROOT / "services") + "/"
STACK = "stack"


def _service_code_in_stack() -> str | None:
    """The service whose own code (services/<svc>/…) is on the call stack, if any."""
    frame: FrameType | None = sys._getframe(2)
    while frame is not None:
        name = frame.f_code.co_filename
        if name.startswith(SERVICES_DIR):
            owner = name[len(SERVICES_DIR) :].split("/", 1)[0]
            if owner != "common":
                return owner
        frame = frame.f_back
    return None


class CallRecorder:
    """Appends each distinct (signer, action, resource) to a JSON-lines file."""

    def __init__(self, path: Path, signers: dict[str, str], region: str, account: str) -> None:
        self.path = path
        self.signers = signers  # access key id → service name
        self.region = region
        self.account = account
        self._seen: set[tuple[str, ...]] = set()
        self._lock = threading.Lock()

    def install(self) -> None:
        """For every botocore session created from now on in this process (boto3's and
        PynamoDB's alike): botocore registers its BUILTIN_HANDLERS in each new session."""
        botocore.handlers.BUILTIN_HANDLERS.append(("before-parameter-build", self._keep_params))
        botocore.handlers.BUILTIN_HANDLERS.append(("before-call", self._record))

    @staticmethod
    def _keep_params(params: dict[str, Any], context: dict[str, Any], **_: Any) -> None:
        context["pixcert_api_params"] = dict(params)

    def _record(self, model: Any, request_signer: Any, context: dict[str, Any], **_: Any) -> None:
        credentials = getattr(request_signer, "_credentials", None)
        key = getattr(credentials, "access_key", None) or ""
        signer = self.signers.get(key, STACK)
        escaped = _service_code_in_stack() if signer == STACK else None
        service = model.service_model.service_name
        params = context.get("pixcert_api_params", {})
        try:
            found = list(needs(service, model.name, params, self.region, self.account))
        except (KeyError, TypeError):
            found = []
        for need in found:
            entry = (signer, need.action, need.resource, model.name, escaped or "")
            with self._lock:
                if entry in self._seen:
                    continue
                self._seen.add(entry)
                with self.path.open("a", encoding="utf-8") as out:
                    out.write(json.dumps(dict(zip(FIELDS, entry, strict=True))) + "\n")


FIELDS = ("signer", "action", "resource", "operation", "escaped_from")


def read_calls(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
