"""The whole local stack in two processes: moto (the AWS state) and the apps process serving the
four apps behind the gateway with their queue pumps and schedules.

The apps process can die (a crash, a SIGKILL) without losing anything that moto holds: this
supervisor starts it again on the same port and the same moto, as Lambda would start a new
container; messages it had received come back to the queues after their visibility timeout."""

from __future__ import annotations

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

DEFAULT_ADMIN_EMAIL = "jury@pixcert.local"
PYNAMODB_SETTINGS = Path(__file__).with_name("pynamodb_settings.py")
MAX_RESTARTS = 20


@dataclass
class LocalStack:
    host: str = "127.0.0.1"
    port: int = 8000
    gateway_workers: int = DEFAULT_WORKERS
    log_dir: Path | None = None
    request_log: bool = False
    mounts: dict[str, str] = field(default_factory=dict)
    moto: MotoServer = field(default_factory=MotoServer)
    admin_email: str = ""
    admin_password: str = ""
    password_generated: bool = False
    restarts: int = 0
    apps: subprocess.Popen[str] | None = None
    _stopping: threading.Event = field(default_factory=threading.Event)
    _log: IO[Any] | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def apps_pid(self) -> int | None:
        return self.apps.pid if self.apps else None

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
        self.admin_email = os.environ.get("PIXCERT_ADMIN_EMAIL", DEFAULT_ADMIN_EMAIL)
        self.admin_password = os.environ.get("PIXCERT_ADMIN_PASSWORD", "")
        if not self.admin_password:
            self.admin_password, self.password_generated = secrets.token_urlsafe(12), True
        self.port = self.port or free_port(self.host)
        if self.log_dir:
            self._log = open(self.log_dir / "apps.log", "a", encoding="utf-8")  # noqa: SIM115
        self._start_apps()
        threading.Thread(target=self._supervise, name="apps-supervisor", daemon=True).start()
        return self

    def environment(self) -> dict[str, str]:
        """What the apps process runs with: the services' settings, this moto, the local knobs."""
        return {
            **os.environ,
            **app_loader.service_environment(),
            **LOCAL_CREDENTIALS,
            "AWS_ENDPOINT_URL": self.moto.url,
            "PYNAMODB_CONFIG": str(PYNAMODB_SETTINGS),
            "PIXCERT_MESSAGE_LEASE_SECONDS": str(LOCAL_VISIBILITY_SECONDS),
            "PIXCERT_ADMIN_EMAIL": self.admin_email,
            "PIXCERT_ADMIN_PASSWORD": self.admin_password,
        }

    def _start_apps(self) -> None:
        command = [sys.executable, "-m", "infra.local.apps_process", "--host", self.host]
        command += ["--port", str(self.port), "--workers", str(self.gateway_workers)]
        command += ["--request-log"] if self.request_log else []
        for prefix, module in self.mounts.items():
            command += ["--mount", f"{prefix}={module}"]
        self.apps = subprocess.Popen(
            command,
            cwd=app_loader.ROOT,
            env=self.environment(),
            stdout=subprocess.PIPE,
            stderr=self._log,
            text=True,
        )
        assert self.apps.stdout is not None
        line = self.apps.stdout.readline()
        if not line.startswith("ready "):
            self.apps.wait(timeout=10)
            raise RuntimeError(
                f"le processus des applications n'a pas démarré (code {self.apps.returncode})"
            )
        # Whatever it prints later must not fill the pipe and block it.
        threading.Thread(target=self.apps.stdout.read, name="apps-stdout", daemon=True).start()

    def _supervise(self) -> None:
        while not self._stopping.is_set():
            process = self.apps
            if process is None or process.wait() is None or self._stopping.is_set():
                return
            if self.restarts >= MAX_RESTARTS:
                sys.stderr.write("pixcert : le processus des applications ne redémarre plus\n")
                return
            self.restarts += 1
            sys.stderr.write(
                f"pixcert : processus des applications arrêté (code {process.returncode}), "
                f"redémarrage n° {self.restarts}\n"
            )
            try:
                self._start_apps()
            except (RuntimeError, OSError, subprocess.TimeoutExpired):
                time.sleep(1)

    def wait_for_restart(self, restarts: int, timeout: float = 60) -> None:
        """Until the supervisor has started the apps `restarts` times and they answer."""
        deadline = time.monotonic() + timeout
        while self.restarts < restarts or self.apps is None or self.apps.poll() is not None:
            if time.monotonic() > deadline:
                raise TimeoutError("the apps process did not come back")
            time.sleep(0.1)

    def stop(self) -> None:
        self._stopping.set()
        if self.apps and self.apps.poll() is None:
            self.apps.terminate()
            try:
                self.apps.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.apps.kill()
        self.moto.stop()
        if self._log:
            self._log.close()
