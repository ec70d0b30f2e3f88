"""`pixcert`: run the embedded stack, the demo journey, dead-letter tools and the packaging check."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
import time
from pathlib import Path

from infra.local.apps import ROOT

STATE_FILE = Path(os.environ.get("PIXCERT_STATE_FILE", ROOT / ".pixcert" / "local.json"))


def _start(host: str, port: int, quiet: bool = False):  # noqa: ANN202
    from infra.local.stack import LocalStack
    from pixcore.logs import log_to_file

    log_dir = ROOT / ".pixcert"
    log_dir.mkdir(exist_ok=True)
    if quiet:
        log_to_file(str(log_dir / "demo.log"))
    # Quiet (the demo): the apps' logs go to .pixcert/apps.log; otherwise to this terminal.
    stack = LocalStack(host=host, port=port, log_dir=log_dir if quiet else None, request_log=True)
    return stack.start()


def up(args: argparse.Namespace) -> int:
    stack = _start(args.host, args.port)
    STATE_FILE.parent.mkdir(parents=True, exist_ok=True)
    STATE_FILE.write_text(json.dumps({"gateway": stack.url, "moto": stack.moto.url}))
    # A password from the environment is the caller's: never printed.
    password = stack.admin_password if stack.password_generated else "(PIXCERT_ADMIN_PASSWORD)"
    print(f"admin (jury): {stack.admin_email} / {password}", flush=True)
    print(f"aws {stack.moto.url}", flush=True)
    print(f"ready {stack.url}", flush=True)
    done = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: done.set())
    done.wait()
    print("stopping", flush=True)
    stack.stop()
    STATE_FILE.unlink(missing_ok=True)
    return 0


def demo(args: argparse.Namespace) -> int:
    from infra.local import demo as journey
    from infra.local.moto_server import free_port

    started = time.monotonic()
    stack = _start(args.host, args.port or free_port(args.host), quiet=True)
    print(f"pixcert demo — stack ready at {stack.url} in {time.monotonic() - started:.1f} s")
    try:
        journey.run(stack.url, stack.admin_email, stack.admin_password)
    finally:
        stack.stop()
    print(
        f"\ndemo done in {time.monotonic() - started:.1f} s "
        "(service logs: .pixcert/apps.log, .pixcert/demo.log)"
    )
    return 0


def _point_at_running_stack() -> None:
    if not STATE_FILE.exists():
        sys.exit("no running stack: start one with `pixcert up`")
    from infra.local.moto_server import LOCAL_CREDENTIALS

    os.environ.update(LOCAL_CREDENTIALS)
    os.environ["AWS_ENDPOINT_URL"] = json.loads(STATE_FILE.read_text())["moto"]


def dlq(args: argparse.Namespace) -> int:
    from infra.local import dlq as dead_letters

    _point_at_running_stack()
    if args.action == "list":
        for service, messages in dead_letters.list_dead_letters().items():
            print(f"{service}: {len(messages)} dead letter(s)")
            for m in messages:
                print(f"  {m['message_id']} {m['body']}")
    else:
        print(f"replayed {dead_letters.replay(args.service)} message(s)")
    return 0


def package(args: argparse.Namespace) -> int:
    from infra.packaging import package_all

    return 0 if package_all(Path(args.out)) else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pixcert", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    for name, default_port in (("up", 8000), ("demo", 0)):
        p = sub.add_parser(name)
        p.add_argument("--host", default="127.0.0.1")
        p.add_argument("--port", type=int, default=default_port)
    d = sub.add_parser("dlq")
    d.add_argument("action", choices=["list", "replay"])
    d.add_argument("--service", choices=["orga", "certif", "engine", "jury"])
    pk = sub.add_parser("package")
    pk.add_argument("--out", default=str(ROOT / "build"))
    args = parser.parse_args(argv)
    return {"up": up, "demo": demo, "dlq": dlq, "package": package}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
