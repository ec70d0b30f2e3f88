"""The whole local stack in three processes: moto (the AWS state), the gateway process serving the
four apps' routes, and the workers process running their queue pumps and schedules (as API and
event-source functions run in separate Lambda containers: a consumer never holds up a request).

Either apps process can die (a crash, a SIGKILL) without losing anything that moto holds: this
supervisor starts it again (the gateway on the same port) on the same moto, as Lambda would start
a new container; messages it had received come back to the queues after their visibility
timeout."""

from __future__ import annotations

import errno
import json
import os
import secrets
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from infra.local import apps as app_loader
from infra.local.gateway import DEFAULT_WORKERS
from infra.local.moto_server import (
    LOCAL_CREDENTIALS,
    MotoServer,
    check_resources,
    deploy_template,
    free_port,
)
from infra.local.pump import LOCAL_VISIBILITY_SECONDS
from pixcore.aws import Keys

DEFAULT_ADMIN_EMAIL = "jury@pixcert.local"
PYNAMODB_SETTINGS = Path(__file__).with_name("pynamodb_settings.py")
MAX_RESTARTS = 20
BUSY_PORT = 2  # the gateway process's exit code when its port is taken
ROLES = {"gateway": "passerelle", "workers": "files et tâches planifiées"}


@dataclass
class LocalStack:
    host: str = "127.0.0.1"
    port: int = 8000
    gateway_workers: int = DEFAULT_WORKERS
    log_dir: Path | None = None  # moto's log
    apps_log: Path | None = None  # the apps process's (default: this process's stderr)
    request_log: bool = False
    mounts: dict[str, str] = field(default_factory=dict)
    moto: MotoServer = field(default_factory=MotoServer)
    admin_email: str = ""
    admin_password: str = ""
    password_generated: bool = False
    restarts: int = 0
    # Enforce each service's IAM policy in moto; record every AWS call to `calls_path`.
    iam: bool = False
    calls_path: Path | None = None
    stack_keys: Keys | None = None
    service_keys: dict[str, Keys] = field(default_factory=dict)
    apps: subprocess.Popen[str] | None = None  # the gateway process
    workers: subprocess.Popen[str] | None = None  # the pumps and schedules
    _stopping: threading.Event = field(default_factory=threading.Event)
    _log: IO[Any] | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def apps_pid(self) -> int | None:
        return self.apps.pid if self.apps else None

    @property
    def workers_pid(self) -> int | None:
        return self.workers.pid if self.workers else None

    def process(self, role: str) -> subprocess.Popen[str] | None:
        return self.apps if role == "gateway" else self.workers

    def start(self) -> LocalStack:
        try:
            return self._start()
        except BaseException:
            self.stop()  # no moto or apps process left behind
            raise

    def _start(self) -> LocalStack:
        self.moto.start(self.log_dir / "moto.log" if self.log_dir else None)
        self.moto.point_here()
        deploy_template()
        check_resources()
        app_loader.apply_environment()
        app_loader.add_service_paths()  # the demo and benchmarks use the services' domain code
        if self.iam:
            self._enforce_iam()
        self.admin_email = os.environ.get("PIXCERT_ADMIN_EMAIL", DEFAULT_ADMIN_EMAIL)
        self.admin_password = os.environ.get("PIXCERT_ADMIN_PASSWORD", "")
        if not self.admin_password:
            self.admin_password, self.password_generated = generated_password(), True
        check_admin_password(self.admin_password)
        self.port = self.port or free_port(self.host)
        if self.apps_log:
            self._log = open(self.apps_log, "a", encoding="utf-8")  # noqa: SIM115
        self._start_apps(*ROLES)
        for role in ROLES:
            threading.Thread(
                target=self._supervise, args=(role,), name=f"{role}-supervisor", daemon=True
            ).start()
        return self

    def _enforce_iam(self) -> None:
        from infra.local import iam

        env = iam.enable(self.moto.url, os.environ["AWS_DEFAULT_REGION"], self.calls_path)
        os.environ.update(env)  # this process signs as the stack; the apps process as services
        os.environ.pop("AWS_SESSION_TOKEN", None)
        import boto3

        boto3.setup_default_session()  # forget the credentials resolved before the switch
        self.stack_keys = Keys(env["AWS_ACCESS_KEY_ID"], env["AWS_SECRET_ACCESS_KEY"])
        keys = json.loads(env[iam.KEYS_VARIABLE])
        self.service_keys = {s: Keys(*k) for s, k in keys.items()}

    def environment(self) -> dict[str, str]:
        """What the apps process runs with: the services' settings, this moto, the local knobs
        (and, with IAM enforced, the keys `_enforce_iam` put in this process's environment)."""
        return {
            **LOCAL_CREDENTIALS,
            **os.environ,
            **app_loader.service_environment(),
            "AWS_ENDPOINT_URL": self.moto.url,
            "PYNAMODB_CONFIG": str(PYNAMODB_SETTINGS),
            "PIXCERT_MESSAGE_LEASE_SECONDS": str(LOCAL_VISIBILITY_SECONDS),
            "PIXCERT_ADMIN_EMAIL": self.admin_email,
            "PIXCERT_ADMIN_PASSWORD": self.admin_password,
        }

    def _start_apps(self, *roles: str) -> None:
        """Starts the processes of these roles at once, then waits until each is ready."""
        started = {role: self._spawn(role) for role in roles}
        for role, process in started.items():
            assert process.stdout is not None
            line = process.stdout.readline()
            if not line.startswith("ready "):
                process.wait(timeout=10)
                if process.returncode == BUSY_PORT:
                    raise OSError(errno.EADDRINUSE, f"port {self.port} in use")
                raise RuntimeError(
                    f"le processus des applications ({ROLES[role]}) n'a pas démarré "
                    f"(code {process.returncode})"
                )
            # Whatever it prints later must not fill the pipe and block it.
            threading.Thread(target=process.stdout.read, name=f"{role}-stdout", daemon=True).start()

    def _spawn(self, role: str) -> subprocess.Popen[str]:
        command = [sys.executable, "-m", "infra.local.apps_process", "--role", role]
        if role == "gateway":
            command += ["--host", self.host, "--port", str(self.port)]
            command += ["--workers", str(self.gateway_workers)]
            command += ["--request-log"] if self.request_log else []
            for prefix, module in self.mounts.items():
                command += ["--mount", f"{prefix}={module}"]
        process = subprocess.Popen(
            command,
            cwd=app_loader.ROOT,
            env=self.environment(),
            stdout=subprocess.PIPE,
            stderr=self._log,
            text=True,
        )
        if role == "gateway":
            self.apps = process
        else:
            self.workers = process
        return process

    def _supervise(self, role: str) -> None:
        while not self._stopping.is_set():
            process = self.process(role)
            if process is None or process.wait() is None or self._stopping.is_set():
                return
            if self.restarts >= MAX_RESTARTS:
                sys.stderr.write("pixcert : le processus des applications ne redémarre plus\n")
                return
            self.restarts += 1
            sys.stderr.write(
                f"pixcert : processus des applications ({ROLES[role]}) arrêté "
                f"(code {process.returncode}), redémarrage n° {self.restarts}\n"
            )
            try:
                self._start_apps(role)
            except (RuntimeError, OSError, subprocess.TimeoutExpired):
                time.sleep(1)

    def wait_for_restart(self, restarts: int, timeout: float = 60) -> None:
        """Until the supervisor has started the apps processes `restarts` times and both run."""
        deadline = time.monotonic() + timeout
        while self.restarts < restarts or any(
            (p := self.process(role)) is None or p.poll() is not None for role in ROLES
        ):
            if time.monotonic() > deadline:
                raise TimeoutError("the apps process did not come back")
            time.sleep(0.1)

    def stop(self) -> None:
        self._stopping.set()
        running = [p for p in (self.apps, self.workers) if p and p.poll() is None]
        for process in running:
            process.terminate()
        for process in running:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        self.moto.stop()
        if self._log:
            self._log.close()


def generated_password() -> str:
    """A random password orga accepts: 16 URL-safe characters hold no digit about once in 15
    draws, and the jury account could not be created; such a draw is drawn again."""
    from chalicelib.orga.domain.accounts import check_password_strength
    from pixcore.errors import Invalid

    while True:
        candidate = secrets.token_urlsafe(12)
        try:
            check_password_strength(candidate)
        except Invalid:
            continue
        return candidate


def check_admin_password(password: str) -> None:
    """PIXCERT_ADMIN_PASSWORD is refused before anything starts when orga would refuse it."""
    from chalicelib.orga.domain.accounts import check_password_strength
    from pixcore.errors import Invalid

    try:
        check_password_strength(password)
    except Invalid as weak:
        raise SystemExit(f"PIXCERT_ADMIN_PASSWORD : {weak.message}") from None
