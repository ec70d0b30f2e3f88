"""What `pixcert package` checks in a deployment zip: contents, wheels, binaries, imports."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterable
from pathlib import Path

from infra.elf import elf_dependencies
from infra.import_graph import ImportGraph, import_name

STAGE = "dev"
REGION = "eu-west-3"
CHECKER = Path(__file__).with_name("lambda_import_check.py")
SKIPPED = {"__pycache__", "bin"}
# What a manylinux extension may link without bundling it, and the Lambda image really has.
LAMBDA_SYSTEM_LIBS = {
    "libc.so.6",
    "libm.so.6",
    "libdl.so.2",
    "librt.so.1",
    "libpthread.so.0",
    "libutil.so.1",
    "libresolv.so.2",
    "libnsl.so.1",
    "libcrypt.so.1",
    "libgcc_s.so.1",
    "libstdc++.so.6",
    "libz.so.1",
    "ld-linux-x86-64.so.2",
}


def check_contents(names: set[str], project: Path) -> tuple[str, list[str]]:
    """The app, all of chalicelib (symlinks there are dropped) and all of vendor/ are in the zip."""
    expected = {"app.py", "chalice/app.py"}
    expected |= {f"chalicelib/{p}" for p in _source_files(project / "chalicelib")}
    expected |= set(_source_files(project / "vendor"))
    missing = sorted(expected - names)
    vendored = sorted({p.split("/")[0] for p in _source_files(project / "vendor")})
    code = [n for n in names if n.startswith("chalicelib/") and "__pycache__" not in n]
    summary = f"contents: app.py, {len(code)} chalicelib files, vendored {', '.join(vendored)}"
    return summary, [f"missing from the zip: {', '.join(missing[:8])}"] if missing else []


def requirement_names(requirements: Path) -> tuple[list[str], list[str]]:
    """The distributions a requirements file names (a lock's `\\`-continued `--hash` lines
    belong to the line above), and the lines chalice would silently drop."""
    logical = requirements.read_text().replace("\\\n", " ")
    names, dropped = [], []
    for line in logical.splitlines():
        line = line.split("#")[0].strip()
        if not line:
            continue
        name = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", line)
        if line.startswith(("-", ".", "/")) or "://" in line or not name:
            dropped.append(line)
        else:
            names.append(name.group(0))
    return names, dropped


def check_requirements(names: set[str], requirements: Path) -> tuple[str, list[str]]:
    """Every line of requirements.txt is a packaged distribution (chalice drops local paths)."""
    packaged = {
        _normalize(n.split("/")[0].split("-")[0])
        for n in names
        if n.split("/")[0].endswith(".dist-info")
    }
    wanted, dropped = requirement_names(requirements)
    problems = [
        f"requirements.txt: {line!r} is not a PyPI requirement, chalice silently drops it"
        for line in dropped
    ]
    problems += [
        f"requirement {name} is not in the zip"
        for name in wanted
        if _normalize(name) not in packaged
    ]
    return f"requirements: {len(wanted)} named, {len(packaged)} distributions packaged", problems


def check_third_party(names: set[str], graph: ImportGraph) -> tuple[str, list[str]]:
    """Every package the service's code imports (read from its source) is in its zip."""
    tops = {n.split("/")[0].removesuffix(".py") for n in names}
    missing = sorted(graph.third_party - tops)
    summary = f"dependencies: the code imports {', '.join(sorted(graph.third_party))}"
    return summary, [f"imported but not in the zip: {', '.join(missing)}"] if missing else []


def unused_requirements(requirements_in: Path, graph: ImportGraph) -> list[str]:
    """Top-level requirements nothing in the service imports (yet)."""
    declared, _ = requirement_names(requirements_in) if requirements_in.is_file() else ([], [])
    implicit = {"boto3", "tzdata"}  # boto3 pins botocore; tzdata serves zoneinfo
    return [
        d
        for d in declared
        if _normalize(d) not in implicit and import_name(d) not in graph.third_party
    ]


def check_wheel_tags(zipped: zipfile.ZipFile, glibc: tuple[int, int]) -> tuple[str, list[str]]:
    """Each distribution came from a pure or manylinux wheel, not from a build on this machine."""
    problems, binary = [], 0
    for name in sorted(n for n in zipped.namelist() if n.endswith(".dist-info/WHEEL")):
        text = zipped.read(name).decode()
        tags = re.findall(r"^Tag: *(\S+)", text, re.M)
        platforms = {t.rsplit("-", 1)[-1] for t in tags}
        if "any" in platforms:
            continue
        binary += 1
        if not any(_manylinux_fits(p, glibc) for p in platforms):
            dist = name.split("/")[0].removesuffix(".dist-info").replace("-", " ")
            problems.append(
                f"{dist} was compiled on this machine from its sdist "
                f"({', '.join(tags)}): no manylinux wheel for glibc ≤ "
                f"{glibc[0]}.{glibc[1]} — pin a version that has one"
            )
    summary = f"wheels: {binary} binary distributions, all manylinux ≤ glibc {glibc[0]}.{glibc[1]}"
    return summary, problems


def check_binaries(zipped: zipfile.ZipFile, glibc: tuple[int, int]) -> tuple[str, list[str]]:
    """ELF files need no newer glibc than Lambda's, and only libraries Lambda or the zip has."""
    bundled = {Path(n).name for n in zipped.namelist()}
    problems, count = [], 0
    for name in zipped.namelist():
        if not re.search(r"\.so(\.|$)", name):
            continue
        parsed = elf_dependencies(zipped.read(name))
        if parsed is None:
            continue
        count += 1
        machine, needed, versions = parsed
        if machine != 62:
            problems.append(f"{name}: built for ELF machine {machine}, not x86_64")
        if versions and max(versions) > glibc:
            newest = max(versions)
            problems.append(
                f"{name} needs GLIBC_{newest[0]}.{newest[1]} > Lambda's {glibc[0]}.{glibc[1]}"
            )
        absent = sorted(set(needed) - LAMBDA_SYSTEM_LIBS - bundled)
        if absent:
            problems.append(f"{name} links {', '.join(absent)}: neither on Lambda nor in the zip")
    summary = f"binaries: {count} shared objects, glibc ≤ {glibc[0]}.{glibc[1]}, libraries found"
    return summary, problems


def check_imports(
    task: Path,
    names: set[str],
    project: Path,
    runtime: str,
    graph: ImportGraph,
    clients: set[str] = frozenset(),  # type: ignore[assignment]
) -> tuple[str, list]:
    """In a bare interpreter of the runtime's version, only the zip on sys.path, import the app,
    its own code, the kernel modules it uses (not the others: they may need packages this
    service does not ship) and every third-party package of the zip."""
    python = _interpreter(runtime)
    if python is None:
        return "imports", [f"no {runtime} interpreter here to try the zip with"]
    modules = sorted(
        m
        for m in _importable(names)
        if not m.startswith(("pixcore", "chalicelib")) or m in graph.modules
    )
    env = {
        "PATH": os.environ.get("PATH", ""),
        "LANG": "C.UTF-8",
        "TZ": ":UTC",
        "LAMBDA_TASK_ROOT": str(task),
        **aws_env(),
        **_stage_env(project),
    }
    done = subprocess.run(
        [
            python,
            "-I",
            "-S",
            str(CHECKER),
            str(task),
            json.dumps(modules),
            json.dumps(sorted(clients)),
        ],
        cwd=task,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    try:
        found = json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        return "imports", [f"the import check crashed:\n{tail(done.stdout + done.stderr)}"]
    problems = [f"cannot import {m}: {err}" for m, err in found["failed"].items()]
    problems += [f"cannot create a {c} client: {err}" for c, err in found["clients"].items()]
    if found["leaks"] or found["outside"]:
        problems.append(f"host packages leaked in: {found['leaks'] + found['outside']}")
    if not found["is_chalice_app"] or not found["routes"]:
        problems.append("app.app is not a Chalice app with routes")
    return (
        f"imports under {runtime} -I -S: app.app has {found['routes']} routes and "
        f"{found['handlers']} event handlers; {len(modules)} modules load"
        + (f"; {len(clients)} AWS clients build" if clients else "")
    ), problems


def _manylinux_fits(platform: str, glibc: tuple[int, int]) -> bool:
    legacy = {
        "manylinux1_x86_64": "manylinux_2_5_x86_64",
        "manylinux2010_x86_64": "manylinux_2_12_x86_64",
        "manylinux2014_x86_64": "manylinux_2_17_x86_64",
    }
    found = re.fullmatch(r"manylinux_(\d+)_(\d+)_x86_64", legacy.get(platform, platform))
    return found is not None and (int(found[1]), int(found[2])) <= glibc


def _importable(names: Iterable[str]) -> list[str]:
    """Every top-level module and package, every extension, every module of the app's own code."""
    modules = set()
    for name in names:
        parts = name.split("/")
        top, module = parts[0], ".".join(parts[:-1] + [parts[-1].split(".")[0]])
        if top.endswith((".dist-info", ".data", ".libs")) or SKIPPED & set(parts):
            continue
        if len(parts) == 1 and name.endswith(".py") and name != "app.py":
            modules.add(module)
        elif len(parts) == 2 and parts[1] == "__init__.py":
            modules.add(top)
        elif re.search(r"\.(cpython-\d+-[\w-]+|abi3)\.so$", name):
            modules.add(module)
        elif top in ("chalicelib", "pixcore") and name.endswith(".py"):
            modules.add(module.removesuffix(".__init__"))
    return sorted(modules)


def _source_files(directory: Path) -> list[str]:
    return sorted(
        os.path.relpath(os.path.join(root, f), directory)
        for root, _, files in os.walk(directory, followlinks=True)
        if "__pycache__" not in root
        for f in files
        if not f.endswith(".pyc")
    )


def _stage_env(project: Path) -> dict[str, str]:
    config = json.loads((project / ".chalice" / "config.json").read_text())
    return config.get("environment_variables", {}) | config["stages"][STAGE].get(
        "environment_variables", {}
    )


def _interpreter(runtime: str) -> str | None:
    version = runtime.removeprefix("python")
    if version == f"{sys.version_info.major}.{sys.version_info.minor}":
        return sys.executable
    pyenv = sorted(Path.home().glob(f".pyenv/versions/{version}.*/bin/python"))
    candidates = [str(p) for p in pyenv]
    candidates.append(shutil.which(f"python{version}") or "")
    for python in filter(None, candidates):  # a pyenv shim may exist yet refuse to run
        probe = subprocess.run(
            [python, "-I", "-c", "import sys; print(sys.version[:5])"],
            capture_output=True,
            text=True,
        )
        if probe.returncode == 0 and probe.stdout.startswith(version):
            return python
    return None


def _normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def tail(text: str, lines: int = 20) -> str:
    return "\n".join("        " + line for line in text.strip().splitlines()[-lines:])


def aws_env() -> dict[str, str]:
    return {
        "AWS_DEFAULT_REGION": REGION,
        "AWS_REGION": REGION,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_EC2_METADATA_DISABLED": "true",
    }
