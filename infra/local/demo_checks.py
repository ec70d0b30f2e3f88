"""The demo's checks: each figure a person would look at, against what the demo itself set up.
One ✓ or ✗ line per check; `pixcert demo` exits 0 only when every one held."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Checks:
    out: Callable[[str], None] = print
    passed: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def check(self, label: str, expected: Any, actual: Any) -> bool:
        """`expected` is computed by the demo from what it set up, never read from the reply."""
        if expected == actual:
            self.passed.append(label)
            self.out(f"  ✓ {label} : {actual}")
            return True
        self.failed.append(f"{label} : {actual!r} au lieu de {expected!r}")
        self.out(f"  ✗ {label} : {actual!r} au lieu de {expected!r}")
        return False

    def true(self, label: str, condition: object) -> bool:
        return self.check(label, True, bool(condition))

    @property
    def ok(self) -> bool:
        return not self.failed and bool(self.passed)

    def summary(self) -> list[str]:
        total = len(self.passed) + len(self.failed)
        if self.ok:
            return [f"✓ {total} vérifications, toutes justes"]
        if not total:
            return ["✗ aucune vérification faite"]
        return [f"✗ {len(self.failed)} vérification(s) fausse(s) sur {total} :"] + [
            f"  ✗ {failed}" for failed in self.failed
        ]


def exit_status(checks: Checks | None, failure: str | None = None) -> int:
    """0 only when the demo ran to its end and every figure checked out."""
    return 0 if checks is not None and checks.ok and failure is None else 1


def report(checks: Checks | None, failure: str | None, out: Callable[[str], None] = print) -> int:
    """The summary at the end of the demo; returns its exit status."""
    out("\n== Résumé")
    for line in checks.summary() if checks is not None else ["✗ aucune vérification faite"]:
        out(f"  {line}")
    if failure is not None:
        out(f"  ✗ la démo s'est arrêtée avant la fin : {failure}")
    return exit_status(checks, failure)
