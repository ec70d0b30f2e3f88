"""What a service's code imports, read from its source (no import runs): its own modules, the
kernel modules they reach, and the third-party packages all of those need."""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KERNEL = ROOT / "services" / "common"
# Distribution names whose import name differs.
IMPORT_NAMES = {
    "pyjwt": "jwt",
    "pillow": "PIL",
    "argon2-cffi": "argon2",
    "fpdf2": "fpdf",
    "python-dateutil": "dateutil",
    "pyyaml": "yaml",
}


@dataclass
class ImportGraph:
    modules: set[str] = field(default_factory=set)  # app, chalicelib.*, pixcore.*
    third_party: set[str] = field(default_factory=set)  # top-level names


def _imports(path: Path, module: str) -> set[str]:
    """Absolute names imported anywhere in the file, functions included (a lazy import is still
    an import the zip must satisfy)."""
    found: set[str] = set()
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}
    return found


def _source(name: str, project: Path) -> tuple[Path, str] | None:
    top = name.split(".")[0]
    root = {"chalicelib": project, "pixcore": KERNEL}.get(top)
    if name == "app":
        return project / "app.py", "app"
    if root is None:
        return None
    base = root.joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate, name
    return None


def service_imports(project: Path) -> ImportGraph:
    """Everything reachable from app.py, following chalicelib and pixcore modules."""
    graph, todo = ImportGraph(), ["app"]
    while todo:
        name = todo.pop()
        if name in graph.modules:
            continue
        found = _source(name, project)
        if found is None:
            top = name.split(".")[0]
            if top not in ("chalicelib", "pixcore", "app") and top not in sys.stdlib_module_names:
                graph.third_party.add(top)
            continue
        path, module = found
        graph.modules.add(module)
        parts = module.split(".")
        todo += [".".join(parts[:i]) for i in range(1, len(parts))]  # parent packages run too
        todo += sorted(_imports(path, module) - graph.modules)
    return graph


def import_name(distribution: str) -> str:
    return IMPORT_NAMES.get(distribution.lower(), distribution.lower().replace("-", "_"))
