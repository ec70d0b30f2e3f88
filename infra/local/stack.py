"""The whole local stack: moto, the deployed template, the apps behind the gateway, pumps, schedules."""

from __future__ import annotations

import os
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from infra.local import apps as app_loader
from infra.local.gateway import DEFAULT_WORKERS, GatewayServer, serve
from infra.local.moto_server import MotoServer, check_resources, deploy_template
from infra.local.pump import QueuePump, Scheduler, event_handlers
from pixcore.aws import Keys, acting_as

DEFAULT_ADMIN_EMAIL = "jury@pixcert.local"
DEFAULT_ADMIN_PASSWORD = "pixcert-jury-2026"


@dataclass
class LocalStack:
    host: str = "127.0.0.1"
    port: int = 8000
    schedule_period: float = 5.0
    pump_concurrency: int = 2
    gateway_workers: int = DEFAULT_WORKERS
    log_dir: Path | None = None
    moto: MotoServer = field(default_factory=MotoServer)
    stop_event: threading.Event = field(default_factory=threading.Event)
    pumps: list[QueuePump] = field(default_factory=list)
    server: GatewayServer | None = None
    apps: dict[str, ModuleType] = field(default_factory=dict)
    admin_email: str = ""
    admin_password: str = ""
    # Enforce each service's IAM policy in moto; record every AWS call to `calls_path`.
    iam: bool = False
    calls_path: Path | None = None
    stack_keys: Keys | None = None
    service_keys: dict[str, Keys] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.server.server_address[1] if self.server else self.port}"

    def start(self) -> LocalStack:
        self.moto.start(self.log_dir / "moto.log" if self.log_dir else None)
        self.moto.point_here()
        deploy_template()
        check_resources()
        app_loader.apply_environment()
        if self.iam:
            self._enforce_iam()
        self.apps = app_loader.load_all()
        with acting_as("orga"):
            self._seed_admin()
        self.server, _ = serve(self.apps, self.host, self.port, self.gateway_workers)
        queues, schedules = event_handlers(self.apps)
        for queue_name, batch_size, handler in queues:
            for _ in range(self.pump_concurrency):
                pump = QueuePump(queue_name, handler, batch_size, self.stop_event)
                pump.start()
                self.pumps.append(pump)
        if schedules:
            Scheduler(schedules, self.schedule_period, self.stop_event).start()
        self._wait_until_healthy()
        return self

    def _enforce_iam(self) -> None:
        from infra.local import iam

        env = iam.enable(self.moto.url, os.environ["AWS_DEFAULT_REGION"], self.calls_path)
        os.environ.update(env)  # this process hosts the apps too
        self.service_keys = iam.sign_as_services()
        self.stack_keys = Keys(env["AWS_ACCESS_KEY_ID"], env["AWS_SECRET_ACCESS_KEY"])

    def _seed_admin(self) -> None:
        from chalicelib.orga import bootstrap
        from chalicelib.orga.use_cases.accounts import SignUp, sign_up
        from pixcore.principal import JURY

        self.admin_email = os.environ.get("PIXCERT_ADMIN_EMAIL", DEFAULT_ADMIN_EMAIL)
        self.admin_password = os.environ.get("PIXCERT_ADMIN_PASSWORD", DEFAULT_ADMIN_PASSWORD)
        ports = bootstrap.ports()
        if ports.accounts.find_by_login(self.admin_email.lower()) is None:
            sign_up(
                ports,
                SignUp("Jury", "Pix", None, self.admin_password, email=self.admin_email, role=JURY),
            )

    def _wait_until_healthy(self) -> None:
        deadline = time.monotonic() + 30
        for service in self.apps:
            while True:
                try:
                    urllib.request.urlopen(f"{self.url}/{service}/health", timeout=2).close()
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.1)

    def idle(self) -> bool:
        """True when no pump is handling a message (queues may still hold delayed ones)."""
        return not any(p.busy for p in self.pumps)

    def stop(self) -> None:
        self.stop_event.set()
        if self.server:
            self.server.shutdown()
            self.server.server_close()
        for pump in self.pumps:
            pump.join(timeout=3)
        self.moto.stop()
