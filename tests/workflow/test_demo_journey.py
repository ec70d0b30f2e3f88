"""The demo journey, as `make demo` runs it, against the stack of the workflow tests."""

from __future__ import annotations

import pytest

from infra.local import demo

pytestmark = [pytest.mark.workflow, pytest.mark.xdist_group("workflow")]


def test_the_demo_journey_runs_end_to_end(stack, capsys):
    outcome = demo.run(stack.url, stack.admin_email, stack.admin_password)
    printed = capsys.readouterr().out
    assert "import DONE" in printed and "0 erreur(s)" in printed
    certifiable = [p["certifiable"] for p in outcome["profiles"]]
    assert certifiable.count(True) >= 1 and certifiable.count(False) >= 1
    assert "export CSV téléchargé : 3 ligne(s)" in printed
    assert "40 candidats inscrits" in printed and "session finalisée (200" in printed
