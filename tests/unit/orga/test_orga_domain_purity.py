"""The orga domain stays pure Python: no AWS, database, web framework or file parser in it."""

from __future__ import annotations

import ast
from pathlib import Path

import chalicelib.orga.domain as domain

FORBIDDEN = {"boto3", "botocore", "pynamodb", "chalice", "lxml", "moto", "requests"}


def test_domain_modules_import_no_infrastructure():
    offenders = []
    for path in Path(domain.__path__[0]).glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            else:
                continue
            offenders += [(path.name, n) for n in names if n.split(".")[0] in FORBIDDEN]
    assert offenders == []
