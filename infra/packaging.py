"""`pixcert package`: `chalice package` every service, then prove each zip would load on Lambda."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from chalice.deploy.packager import DependencyBuilder

from infra.gateway_responses import merge_template
from infra.import_graph import ImportGraph, service_imports
from infra.resources import SERVICES
from infra.sam_checks import check_sam
from infra.zip_checks import (
    STAGE,
    aws_env,
    check_binaries,
    check_contents,
    check_imports,
    check_requirements,
    check_third_party,
    check_wheel_tags,
    tail,
    unused_requirements,
)
from infra.zip_trim import aws_services, trim_models

ROOT = Path(__file__).resolve().parents[1]
UNZIPPED_LIMIT = 250 * 1024 * 1024  # Lambda's hard limit on a function's unzipped code


@dataclass
class Report:
    service: str
    seconds: float = 0.0
    zip_bytes: int = 0
    unzipped_bytes: int = 0
    files: int = 0
    checks: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def package_all(out_dir: Path, services: Sequence[str] = SERVICES) -> bool:
    """Package each service into out_dir/<service>; print what was checked; True if all pass."""
    out_dir = out_dir.resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=len(services)) as pool:
        reports = list(pool.map(lambda s: package_service(s, out_dir), services))
    print(f"pixcert package → {out_dir} (stage {STAGE}), {time.monotonic() - started:.1f} s")
    for r in reports:
        print(
            f"  {r.service:<7} {'ok  ' if r.ok else 'FAIL'}  {r.zip_bytes / 2**20:.1f} MiB zip, "
            f"{r.unzipped_bytes / 2**20:.1f} MiB unzipped, {r.files} files, {r.seconds:.1f} s"
        )
        for line in r.checks:
            print(f"      ✓ {line}")
        for line in r.problems:
            print(f"      ✗ {line}")
        for line in r.notes:
            print(f"      · {line}")
    return all(r.ok for r in reports)


def package_service(service: str, out_dir: Path) -> Report:
    report = Report(service)
    started = time.monotonic()
    project, target = ROOT / "services" / service, out_dir / service
    shutil.rmtree(target, ignore_errors=True)
    with _project_lock(service):
        # chalice reuses a cached zip keyed on requirements.txt, not on what PyPI now resolves
        # to: rebuild, so the check sees what a fresh clone would ship (and old zips don't pile up).
        for cached in (project / ".chalice" / "deployments").glob("*.zip"):
            cached.unlink(missing_ok=True)
        merge = out_dir / f".merge-{service}-{STAGE}.json"
        merge.write_text(json.dumps(merge_template(STAGE), ensure_ascii=False))
        done = subprocess.run(
            _chalice() + ["package", "--stage", STAGE, "--merge-template", str(merge), str(target)],
            cwd=project,
            env=_packaging_env(),
            capture_output=True,
            text=True,
            timeout=900,
        )
    output = done.stdout + done.stderr
    archive = target / "deployment.zip"
    if not archive.is_file():
        report.problems.append(
            f"chalice package exited {done.returncode} without a zip:\n" + tail(output)
        )
    else:
        if "Could not install dependencies" in output:
            report.problems.append("chalice could not install:\n" + tail(output, 12))
        keep = aws_services(service)
        files, size = trim_models(archive, keep)
        report.checks.append(
            f"botocore: models of {', '.join(sorted(keep))} only "
            f"({files} files, {size / 2**20:.1f} MiB of other services' models dropped)"
        )
        graph = service_imports(project)
        check_archive(report, archive, project, _runtime(target / "sam.json"), graph, keep)
        _check(report, check_sam(json.loads((target / "sam.json").read_text()), service, STAGE))
        unused = unused_requirements(project / "requirements.in", graph)
        if unused:
            report.notes.append(f"in requirements.in, not imported yet: {', '.join(unused)}")
    report.seconds = time.monotonic() - started
    return report


def check_archive(
    report: Report,
    archive: Path,
    project: Path,
    runtime: str,
    graph: ImportGraph,
    clients: set[str] = frozenset(),  # type: ignore[assignment]
) -> None:
    # chalice's own table of the glibc each Lambda runtime has (2.26 for python3.11)
    abi = "cp" + runtime.removeprefix("python").replace(".", "")
    glibc = DependencyBuilder._RUNTIME_GLIBC.get(abi, DependencyBuilder._DEFAULT_GLIBC)
    report.zip_bytes = archive.stat().st_size
    with zipfile.ZipFile(archive) as zipped:
        infos = [i for i in zipped.infolist() if not i.is_dir()]
        names = {i.filename for i in infos}
        report.files = len(infos)
        report.unzipped_bytes = sum(i.file_size for i in infos)
        _check(report, check_contents(names, project))
        _check(report, check_requirements(names, project / "requirements.txt"))
        _check(report, check_third_party(names, graph))
        _check(report, check_wheel_tags(zipped, glibc))
        _check(report, check_binaries(zipped, glibc))
        with tempfile.TemporaryDirectory(prefix=f"pixcert-{report.service}-") as task:
            zipped.extractall(task)
            _check(report, check_imports(Path(task), names, project, runtime, graph, clients))
    if report.unzipped_bytes > UNZIPPED_LIMIT:
        report.problems.append(
            f"{report.unzipped_bytes / 2**20:.0f} MiB unzipped: over Lambda's "
            f"{UNZIPPED_LIMIT / 2**20:.0f} MiB limit"
        )


def _check(report: Report, result: tuple[str, list[str]]) -> None:
    summary, problems = result
    report.problems.extend(problems)
    if not problems:
        report.checks.append(summary)


@contextmanager
def _project_lock(service: str) -> Iterator[None]:
    """One `chalice package` at a time per service: they share its .chalice/deployments cache."""
    lock = ROOT / "build" / f".package-{service}.lock"
    lock.parent.mkdir(parents=True, exist_ok=True)
    with lock.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def _chalice() -> list[str]:
    script = Path(sys.executable).parent / "chalice"
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from chalice.cli import main; sys.exit(main())"]


def _packaging_env() -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("AWS_ENDPOINT_URL", "AWS_PROFILE", "AWS_SESSION_TOKEN"))
    }
    env.setdefault("PIP_CACHE_DIR", str(ROOT / "build" / "pip-cache"))
    return env | aws_env()


def _runtime(sam: Path) -> str:
    resources = json.loads(sam.read_text())["Resources"].values()
    return next(
        r["Properties"]["Runtime"] for r in resources if r["Type"] == "AWS::Serverless::Function"
    )
