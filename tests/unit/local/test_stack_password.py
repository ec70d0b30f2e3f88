"""The local stack's jury password: a random one orga accepts, a configured one checked first."""

from __future__ import annotations

import secrets

import pytest

from infra.local import stack


def test_a_random_draw_without_a_digit_is_drawn_again(monkeypatch):
    draws = iter(["sans-chiffre_ABCDEFGH", "deux-Chiffres-42xyz"])
    monkeypatch.setattr(secrets, "token_urlsafe", lambda _n: next(draws))
    assert stack.generated_password() == "deux-Chiffres-42xyz"


def test_generated_passwords_always_have_a_letter_and_a_digit():
    for _ in range(300):  # about 20 draws in 300 lack a digit
        password = stack.generated_password()
        assert len(password) >= 16
        assert any(c.isdigit() for c in password) and any(c.isalpha() for c in password)


def test_a_configured_password_orga_would_refuse_stops_the_start_with_the_rule():
    with pytest.raises(SystemExit) as stopped:
        stack.check_admin_password("motdepasse")
    assert str(stopped.value) == (
        "PIXCERT_ADMIN_PASSWORD : Le mot de passe doit contenir au moins 8 caractères, dont une "
        "lettre et un chiffre."
    )
    stack.check_admin_password("Workflow-2026")
