"""`pixcert`: run the embedded stack, the demo journey, dead-letter tools and the packaging check."""

from __future__ import annotations

import argparse
import errno
import json
import os
import signal
import sys
import threading
import time
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from infra.local.apps import ROOT
from infra.resources import SERVICES

STATE_FILE = Path(os.environ.get("PIXCERT_STATE_FILE", ROOT / ".pixcert" / "local.json"))
LOG_DIR = ROOT / ".pixcert"


def _version() -> str:
    try:
        return version("pixcert")
    except PackageNotFoundError:
        return "inconnue"


class PortInUse(Exception):
    pass


def _start(args: argparse.Namespace, port: int, log_file: str | None = None):  # noqa: ANN202
    """The stack, or PortInUse with nothing left running (the moto child is stopped)."""
    from infra.local.stack import LocalStack
    from pixcore.logs import log_to_file

    LOG_DIR.mkdir(exist_ok=True)
    if log_file:
        log_to_file(str(LOG_DIR / log_file))
    calls = Path(args.record_calls) if getattr(args, "record_calls", None) else None
    # The apps run in their own process: its logs (one line per request among them) go to
    # the demo's log file, or to this terminal for `up`.
    stack = LocalStack(
        host=args.host,
        port=port,
        log_dir=LOG_DIR,
        apps_log=LOG_DIR / log_file if log_file else None,
        request_log=True,
        iam=args.iam,
        calls_path=calls,
    )
    try:
        return stack.start()
    except OSError as error:
        stack.stop()
        if error.errno == errno.EADDRINUSE:
            raise PortInUse() from None
        raise
    except BaseException:
        stack.stop()
        raise


def _busy(args: argparse.Namespace, port: int) -> int:
    print(
        f"pixcert : le port {port} est déjà utilisé sur {args.host} ; "
        f"arrêtez ce qui l'occupe ou choisissez-en un autre avec --port.",
        file=sys.stderr,
    )
    return 1


def up(args: argparse.Namespace) -> int:
    try:
        stack = _start(args, args.port)
    except PortInUse:
        return _busy(args, args.port)
    state: dict[str, Any] = {"gateway": stack.url, "moto": stack.moto.url}
    if stack.stack_keys:
        state["credentials"] = {"stack": list(stack.stack_keys)} | {
            s: list(k) for s, k in stack.service_keys.items()
        }
    STATE_FILE.parent.mkdir(parents=True, exist_ok=True)
    STATE_FILE.write_text(json.dumps(state))
    # A password from the environment is the caller's: never printed.
    password = stack.admin_password if stack.password_generated else "(PIXCERT_ADMIN_PASSWORD)"
    print(f"admin (jury): {stack.admin_email} / {password}", flush=True)
    print(f"aws {stack.moto.url}", flush=True)
    if args.iam:
        print("iam enforced: each service signs with its own IAM user", flush=True)
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
    from infra.local.demo_checks import Checks, report
    from infra.local.demo_exam import DEMO_TEST_SECONDS
    from infra.local.moto_server import free_port

    # The demo's stack shortens the certification test so that a candidate runs out of time.
    os.environ.setdefault("PIXCERT_ENGINE_TEST_DURATION_SECONDS", str(DEMO_TEST_SECONDS))
    started = time.monotonic()
    port = args.port or free_port(args.host)
    try:
        stack = _start(args, port, log_file="demo.log")
    except PortInUse:
        return _busy(args, port)
    print(f"pixcert demo — stack ready at {stack.url} in {time.monotonic() - started:.1f} s")
    checks, failure = Checks(out=lambda line: print(line, flush=True)), None
    try:
        journey.run(
            stack.url,
            stack.admin_email,
            stack.admin_password,
            seed=args.seed,
            out_dir=LOG_DIR,
            checks=checks,
        )
    except Exception as error:  # noqa: BLE001 - said in the summary, and the exit status is 1
        failure = f"{type(error).__name__}: {error}"
    finally:
        stack.stop()
    status = report(checks, failure)
    print(
        f"  documents : {LOG_DIR} ; journaux des services : {LOG_DIR / 'demo.log'}\n"
        f"  démo terminée en {time.monotonic() - started:.1f} s, code de sortie {status}"
    )
    return status


def simulate(args: argparse.Namespace) -> int:
    from infra.local import simulate as season
    from infra.local.client import ApiClient
    from infra.local.moto_server import free_port

    try:
        plan = season.plan_from(args)
    except ValueError as error:
        print(f"pixcert simulate : {error}", file=sys.stderr)
        return 2
    port = args.port or free_port(args.host)
    try:
        stack = _start(args, port, log_file="simulate.log")
    except PortInUse:
        return _busy(args, port)
    try:
        jury = ApiClient(stack.url).login(stack.admin_email, stack.admin_password)
        _, passed = season.run(stack.url, jury, plan, args.workers, LOG_DIR, args.max_minutes)
    finally:
        stack.stop()
    return 0 if passed else 1


def _point_at_running_stack() -> None:
    if not STATE_FILE.exists():
        sys.exit("pixcert : aucune pile locale ne tourne ; lancez-en une avec `pixcert up`.")
    from infra.local.moto_server import LOCAL_CREDENTIALS

    state = json.loads(STATE_FILE.read_text())
    os.environ.update(LOCAL_CREDENTIALS)
    os.environ["AWS_ENDPOINT_URL"] = state["moto"]
    if "credentials" in state:  # IAM enforced: sign as the stack's own user
        os.environ["AWS_ACCESS_KEY_ID"], os.environ["AWS_SECRET_ACCESS_KEY"] = state["credentials"][
            "stack"
        ]
        os.environ.pop("AWS_SESSION_TOKEN", None)


def dlq_list(args: argparse.Namespace) -> int:
    from infra.local import dlq as dead_letters

    _point_at_running_stack()
    for service, messages in dead_letters.list_dead_letters(args.service).items():
        print(f"{service}: {len(messages)} dead letter(s)")
        for m in messages:
            print(f"  {m['message_id']} {m['body']}")
    return 0


def dlq_replay(args: argparse.Namespace) -> int:
    from infra.local import dlq as dead_letters

    _point_at_running_stack()
    print(f"replayed {dead_letters.replay(args.service)} message(s)")
    return 0


def package(args: argparse.Namespace) -> int:
    from infra.packaging import package_all

    return 0 if package_all(Path(args.out)) else 1


def _stack_options(parser: argparse.ArgumentParser, default_port: int) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="adresse d'écoute (défaut : 127.0.0.1)")
    parser.add_argument(
        "--port",
        type=int,
        default=default_port,
        help=f"port de la passerelle HTTP (défaut : {default_port or 'un port libre'})",
    )
    parser.add_argument(
        "--iam",
        action="store_true",
        help="chaque service signe ses appels AWS avec son propre utilisateur IAM, et moto "
        "refuse ce que sa politique n'accorde pas",
    )
    parser.add_argument(
        "--record-calls",
        metavar="FICHIER",
        help="avec --iam : noter chaque appel AWS (signataire, action, ressource) dans FICHIER",
    )


def _help(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument("-h", "--help", action="help", help="afficher cette aide et quitter")
    return parser


def _french(add_parser: Any) -> Any:
    """Sub-commands get the same French -h/--help."""

    def add(name: str, **kwargs: Any) -> argparse.ArgumentParser:
        return _help(add_parser(name, add_help=False, **kwargs))

    return add


def parser() -> argparse.ArgumentParser:
    main_parser = argparse.ArgumentParser(
        prog="pixcert",
        description="pixcert : la certification Pix de bout en bout, sur un AWS local (moto).",
        add_help=False,
    )
    _help(main_parser)
    main_parser.add_argument(
        "--version",
        action="version",
        version=f"pixcert {_version()}",
        help="afficher la version et quitter",
    )
    sub = main_parser.add_subparsers(
        dest="command", required=True, metavar="COMMANDE", help="ce que pixcert doit faire"
    )
    sub.add_parser = _french(sub.add_parser)  # type: ignore[method-assign]
    p_up = sub.add_parser(
        "up",
        help="lancer la pile locale (moto, les quatre services, les files) jusqu'à Ctrl-C",
        description="Lance moto, y déploie infra/template.yaml, sert les quatre services sous "
        "/orga, /certif, /engine et /jury, pompe les files et déclenche les tâches planifiées.",
    )
    _stack_options(p_up, 8000)
    p_up.set_defaults(run=up)
    p_demo = sub.add_parser(
        "demo",
        help="dérouler le parcours de démonstration sur une pile locale neuve",
        description="Lance une pile locale, déroule le parcours (jury, établissement, import "
        "SIECLE, évaluations, collecte de profils) et l'arrête.",
    )
    _stack_options(p_demo, 0)
    p_demo.add_argument(
        "--seed",
        type=int,
        default=2026,
        help="graine des apprenants simulés : à graine égale, un même défi reçoit la même réponse "
        "(les défis que le moteur tire varient encore d'une exécution à l'autre ; défaut : 2026)",
    )
    p_demo.set_defaults(run=demo)
    p_simulate = sub.add_parser(
        "simulate",
        help="jouer une saison d'une académie à l'échelle, avec de nombreux acteurs à la fois",
        description="Lance une pile locale neuve et y joue une saison : établissements, imports "
        "SIECLE, campagnes, comptes, profils, sessions, tests, finalisation, jury ; affiche le "
        "débit et les latences p50/p99 par étape, la profondeur des files, les lettres mortes, "
        "la mémoire, et le tableau de l'académie comparé à ce que la saison a mis en place. "
        "Par défaut, les proportions de l'académie du guide (238 établissements, 38 000 élèves, "
        "7 établissements et 16 sessions, 824 inscrits, 555 présents) ramenées à la taille "
        "demandée.",
    )
    _stack_options(p_simulate, 0)
    p_simulate.add_argument("--schools", type=int, default=12, help="établissements (défaut : 12)")
    p_simulate.add_argument("--students", type=int, default=2000, help="élèves (défaut : 2000)")
    p_simulate.add_argument("--centers", type=int, help="établissements qui créent des sessions")
    p_simulate.add_argument("--sessions", type=int, help="sessions en tout")
    p_simulate.add_argument("--enrolled", type=int, help="candidats inscrits en tout")
    p_simulate.add_argument("--took-part", type=int, help="candidats présents (les autres absents)")
    p_simulate.add_argument("--academie", default="Simulation", help="nom de l'académie")
    p_simulate.add_argument(
        "--workers", type=int, default=16, help="acteurs simulés à la fois (défaut : 16)"
    )
    p_simulate.add_argument("--seed", type=int, default=2026, help="graine (défaut : 2026)")
    p_simulate.add_argument(
        "--max-minutes",
        type=float,
        help="passé ce délai, aucun nouvel acteur ne commence : le rapport dit où la saison en est",
    )
    p_simulate.set_defaults(run=simulate)
    p_dlq = sub.add_parser(
        "dlq",
        help="lettres mortes de la pile qui tourne (pixcert up)",
        description="Les messages qu'un service n'a pas pu traiter après cinq tentatives.",
    )
    dlq_sub = p_dlq.add_subparsers(
        dest="action", required=True, metavar="ACTION", help="lister ou renvoyer"
    )
    dlq_sub.add_parser = _french(dlq_sub.add_parser)  # type: ignore[method-assign]
    for name, run, text in (
        ("list", dlq_list, "afficher les lettres mortes (elles restent dans leur file)"),
        ("replay", dlq_replay, "renvoyer les lettres mortes dans la file de leur service"),
    ):
        action = dlq_sub.add_parser(name, help=text, description=text[0].upper() + text[1:] + ".")
        action.add_argument("--service", choices=SERVICES, help="un seul service (défaut : tous)")
        action.set_defaults(run=run)
    p_package = sub.add_parser(
        "package",
        help="empaqueter chaque service pour Lambda et vérifier chaque zip",
        description="`chalice package` pour chaque service, puis les vérifications du zip "
        "(contenu, roues manylinux, bibliothèques, imports sous l'interpréteur de Lambda).",
    )
    p_package.add_argument(
        "--out", default=str(ROOT / "build"), help="dossier de sortie (défaut : build/)"
    )
    p_package.set_defaults(run=package)
    return main_parser


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
