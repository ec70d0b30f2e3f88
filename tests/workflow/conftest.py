"""Workflow tests run the real local stack (`pixcert up --iam`) in its own process, away from
mock_aws: each service signs its AWS calls with its own IAM user, and every call is recorded."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import boto3
import pytest

from infra.local.client import ApiClient
from infra.local.moto_server import LOCAL_CREDENTIALS, free_port

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class RunningStack:
    url: str
    aws_url: str
    admin_email: str
    admin_password: str
    state_file: Path
    env: dict[str, str]
    calls_path: Path
    log_path: Path
    credentials: dict[str, list[str]]
    pid: int
    printed: dict[str, str]

    def apps_pids(self) -> dict[str, int]:
        """The processes running the apps, by role (`gateway`, `workers`): the children
        `pixcert up` supervises."""
        found = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
                cmdline = (stat.parent / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if int(fields[1]) == self.pid and b"infra.local.apps_process" in cmdline:
                role = cmdline[cmdline.index(b"--role") + 1].decode()
                found[role] = int(stat.parent.name)
        return found

    def client(self) -> ApiClient:
        return ApiClient(self.url)

    def jury(self) -> ApiClient:
        return self.client().login(self.admin_email, self.admin_password)

    def aws(self, service: str, signer: str = "stack"):  # noqa: ANN201
        """A client signing as the stack's own user, or as one service's (`signer`)."""
        key, secret = self.credentials[signer]
        return boto3.client(
            service,
            endpoint_url=self.aws_url,
            region_name="eu-west-3",
            aws_access_key_id=key,
            aws_secret_access_key=secret,
        )

    def pixcert(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "infra.local.cli", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
        )


@contextmanager
def launch(state_dir: Path, extra_env: dict[str, str] | None = None) -> Iterator[RunningStack]:
    """`pixcert up` in its own process until the block ends; `extra_env` adds settings."""
    env = {
        **os.environ,
        **LOCAL_CREDENTIALS,
        "PIXCERT_STATE_FILE": str(state_dir / "local.json"),
        "PIXCERT_ADMIN_EMAIL": "jury@workflow.test",
        "PIXCERT_ADMIN_PASSWORD": "Workflow-2026",
        **(extra_env or {}),
    }
    env.pop("AWS_ENDPOINT_URL", None)
    log = open(state_dir / "stack.log", "w")  # noqa: SIM115
    calls = state_dir / "aws-calls.jsonl"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "infra.local.cli",
            "up",
            "--port",
            str(free_port()),
            "--iam",
            "--record-calls",
            str(calls),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
    )
    lines: dict[str, str] = {}
    deadline = time.monotonic() + 90
    assert process.stdout is not None
    while "ready" not in lines:
        line = process.stdout.readline()
        if not line:
            raise RuntimeError(
                f"the stack stopped: {(state_dir / 'stack.log').read_text()[-2000:]}"
            )
        word, _, rest = line.strip().partition(" ")
        lines[word] = rest
        if time.monotonic() > deadline:
            raise RuntimeError("the stack did not get ready in time")
    try:
        yield RunningStack(
            lines["ready"],
            lines["aws"],
            "jury@workflow.test",
            "Workflow-2026",
            state_dir / "local.json",
            env,
            calls,
            state_dir / "stack.log",
            json.loads((state_dir / "local.json").read_text())["credentials"],
            process.pid,
            lines,
        )
    finally:
        process.terminate()
        try:
            process.wait(timeout=60)  # its pumps finish the message in hand first
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)
        log.close()


@contextmanager
def engine_code_on(stack: RunningStack) -> Iterator[None]:
    """Profiles are built in bulk by engine's own code in this process (as `pixcert demo` and
    `pixcert simulate` do), signing as engine's IAM user against the stack's moto; everything
    is put back afterwards (other tests of this worker use mock_aws)."""
    from chalicelib.engine import bootstrap
    from infra.local.apps import service_environment
    from pixcore import aws

    key, secret = stack.credentials["stack"]
    with pytest.MonkeyPatch.context() as patch:
        for name, value in service_environment().items():
            patch.setenv(name, value)
        patch.setenv("AWS_ENDPOINT_URL", stack.aws_url)
        patch.setenv("AWS_ACCESS_KEY_ID", key)
        patch.setenv("AWS_SECRET_ACCESS_KEY", secret)
        aws.use_service_credentials({"engine": aws.Keys(*stack.credentials["engine"])})
        bootstrap.ports.cache_clear()
        try:
            yield
        finally:
            aws.use_service_credentials({})
            bootstrap.ports.cache_clear()


# Each xdist worker starts at most one session stack. The tests on a running stack come in two
# groups of about the same length (`--dist loadgroup` keeps a group on one worker, so each runs
# on its own stack, one after the other, while the other worker runs the other group and the
# rest of the suite): "demo-stack" (the demo journey and the IAM checks that read it, the crash
# tests, the local stack's own tests, the reduced season) and "web-stack" (the browser journeys,
# the fuzzing, the certification test on the queues).
@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningStack]:
    with launch(tmp_path_factory.mktemp("stack")) as running:
        yield running


DEMO_PER_CLASS = 6
DEMO_CANDIDATES = 2 * DEMO_PER_CLASS
# The académie's other schools, fewer than `pixcert demo`'s six: a public collège and a private
# lycée with a session each, a public collège without.
DEMO_ACADEMIE = {"schools": 3, "students": 60, "centers": 2, "sessions": 2, "enrolled": 6}
DEMO_ACADEMIE |= {"took_part": 5}


@dataclass
class Journey:
    outcome: dict
    printed: str


@pytest.fixture(scope="session")
def journey(stack: RunningStack, tmp_path_factory: pytest.TempPathFactory) -> Journey:
    """The demo journey, run once against the session's stack (several tests read it), with
    6 candidates of each class instead of 20: every step and check as in `pixcert demo`, at a
    third of its time (the 40-candidate test day on the queues is test_certification_exam)."""
    from infra.local import demo

    out_dir = tmp_path_factory.mktemp("demo")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), engine_code_on(stack):
        outcome = demo.run(
            stack.url,
            stack.admin_email,
            stack.admin_password,
            out_dir=out_dir,
            per_class=DEMO_PER_CLASS,
            academie=DEMO_ACADEMIE,
        )
    return Journey(outcome, printed.getvalue())
