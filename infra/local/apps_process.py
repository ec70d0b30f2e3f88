"""The processes running the four apps against an AWS that runs apart (the local moto server), so
either can be killed and started again on the same state: the gateway process serves their HTTP
routes (`--role gateway`), the workers process runs their queue pumps and schedules
(`--role workers`), as API and event-source functions run in separate Lambda containers: a
consumer's work never holds up a request. `--role all` runs both in one process.

`python -m infra.local.apps_process --role R --port P` with AWS_ENDPOINT_URL and the services'
variables in its environment (`infra.local.stack.LocalStack` starts them so); prints
`ready <url>` (`ready workers`) once every service answers (its pumps run), stops on SIGTERM or
SIGINT."""

from __future__ import annotations

import argparse
import errno
import importlib
import os
import signal
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from types import ModuleType

from infra.local import apps as app_loader
from infra.local.gateway import DEFAULT_WORKERS, GatewayServer, serve
from infra.local.pump import QueuePump, Scheduler, event_handlers

ROLES = ("all", "gateway", "workers")


@dataclass
class ServedApps:
    """The apps of this process behind the gateway, and/or their pumps and their schedules."""

    host: str
    port: int
    gateway: bool = True
    workers: bool = True
    gateway_workers: int = DEFAULT_WORKERS
    pump_concurrency: int = 2
    schedule_period: float = 5.0
    request_log: bool = False
    mounts: dict[str, str] = field(default_factory=dict)  # extra apps: prefix → module
    stop_event: threading.Event = field(default_factory=threading.Event)
    pumps: list[QueuePump] = field(default_factory=list)
    server: GatewayServer | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.server.server_address[1] if self.server else self.port}"

    def start(self) -> ServedApps:
        from infra.local import iam

        if os.environ.get(iam.KEYS_VARIABLE):
            iam.sign_as_services()  # each app signs with its service's IAM user
        apps = app_loader.load_all()
        if self.gateway:
            self._serve(apps)
        if self.workers:
            self._pump(apps)
        if self.gateway:
            wait_until_healthy(self.url, list(apps))
        return self

    def _serve(self, apps: dict[str, ModuleType]) -> None:
        from pixcore.aws import acting_as

        with acting_as("orga"):
            seed_admin()
        self.server, _ = serve(
            apps, self.host, self.port, self.gateway_workers, request_log=self.request_log
        )
        for prefix, module in self.mounts.items():
            self.server.gateways[prefix] = GatewayServer.gateway_for(_app_of(module))

    def _pump(self, apps: dict[str, ModuleType]) -> None:
        queues, schedules = event_handlers(apps)
        for queue_name, batch_size, handler in queues:
            for _ in range(self.pump_concurrency):
                pump = QueuePump(queue_name, handler, batch_size, self.stop_event)
                pump.start()
                self.pumps.append(pump)
        if schedules:
            Scheduler(schedules, self.schedule_period, self.stop_event).start()

    def stop(self) -> None:
        self.stop_event.set()
        if self.server:
            self.server.shutdown()
            self.server.server_close()
        for pump in self.pumps:
            pump.join(timeout=3)


def _app_of(module: str) -> object:
    loaded: ModuleType = importlib.import_module(module)
    return loaded.app


def seed_admin() -> None:
    """The jury account of the local stack (idempotent: a restart finds it)."""
    from chalicelib.orga import bootstrap
    from chalicelib.orga.use_cases.accounts import SignUp, sign_up
    from pixcore.principal import JURY

    email, password = os.environ["PIXCERT_ADMIN_EMAIL"], os.environ["PIXCERT_ADMIN_PASSWORD"]
    ports = bootstrap.ports()
    if ports.accounts.find_by_login(email.lower()) is None:
        sign_up(
            ports,
            SignUp("Jury", "Pix", None, password, email=email, role=JURY),
        )


def wait_until_healthy(url: str, services: list[str], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    for service in services:
        while True:
            try:
                urllib.request.urlopen(f"{url}/{service}/health", timeout=2).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="the gateway's (not with workers)")
    parser.add_argument("--role", choices=ROLES, default="all")
    parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS)
    parser.add_argument("--request-log", action="store_true", help="one line per request")
    parser.add_argument("--mount", action="append", default=[], help="PREFIX=module (bench)")
    args = parser.parse_args(argv)
    done = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: done.set())
    try:
        served = ServedApps(
            args.host,
            args.port,
            gateway=args.role != "workers",
            workers=args.role != "gateway",
            gateway_workers=args.workers,
            request_log=args.request_log,
            mounts=dict(m.split("=", 1) for m in args.mount),
        ).start()
    except OSError as error:
        if error.errno != errno.EADDRINUSE:
            raise
        return 2  # the supervisor says it (pixcert up: one French line)
    print(f"ready {served.url if served.gateway else 'workers'}", flush=True)
    done.wait()
    served.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
