"""web/shared in the browser that runs it: French formatting, the API client's contract checks."""

from __future__ import annotations

import pytest

from tests.browser.harness import FakeApi

pytestmark = [pytest.mark.browser]


def run(page, web_url, script: str):  # noqa: ANN001, ANN201
    page.goto(f"{web_url}/index.html")
    return page.evaluate(script)


def test_dates_and_times_are_french_and_in_paris_whatever_the_computer_says(page, web_url):
    shown = run(
        page,
        web_url,
        """async () => {
          const f = await import('/shared/format.js');
          return {
            plain: f.formatDate('2011-02-28'),
            winter: f.formatDateTime('2026-03-08T13:05:00Z'),
            summer: f.formatDateTime('2026-05-12T22:30:00Z'),
            time: f.formatTime('2026-01-04T07:00:00Z'),
            zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
            parsed: [f.parseFrenchDate('28/02/2011'), f.parseFrenchDate(' 1.3.2012 '),
                     f.parseFrenchDate('29/02/2011'), f.parseFrenchDate('31/04/2011'),
                     f.parseFrenchDate('2011-02-28')],
            durations: [f.formatDuration(6300), f.formatDuration(90), f.formatDuration(40),
                        f.formatDuration(8379)],
            countdowns: [f.formatCountdown(6300), f.formatCountdown(59.2), f.formatCountdown(-3)],
            plural: [f.plural(1, 'compétence'), f.plural(5, 'compétence'), f.formatNumber(38000)],
          };
        }""",
    )
    assert shown["zone"] == "America/Cayenne"
    assert shown["plain"] == "28/02/2011"
    assert shown["winter"] == "08/03/2026 à 14:05"
    assert shown["summer"] == "13/05/2026 à 00:30"
    assert shown["time"] == "08:00"
    assert shown["parsed"] == ["2011-02-28", "2012-03-01", None, None, None]
    assert shown["durations"] == ["1 h 45 min", "1 min 30 s", "40 s", "2 h 20 min"]
    assert shown["countdowns"] == ["1:45:00", "01:00", "00:00"]
    assert shown["plural"] == ["1 compétence", "5 compétences", "38\u202f000"]


def test_the_client_refuses_a_reply_missing_a_field_the_pages_read(page, web_url):
    api = FakeApi().install(page)
    reply = {"code": "BADGES123", "name": "Rentrée", "type": "ASSESSMENT", "archived_at": None}
    api.on("GET", "/orga/campaigns/BADGES123", {**reply, "target_skill_ids": []})
    error = run(
        page,
        web_url,
        """async () => {
          const { call } = await import('/shared/api.js');
          try { await call('campaign', { params: { code: 'BADGES123' } }); return null; }
          catch (e) { return [e.code, e.details.field, e.message]; }
        }""",
    )
    assert error == [
        "CONTRACT",
        "landing_text",
        "Le service rencontre un problème. Réessayez dans quelques instants.",
    ]


def test_the_client_sends_only_declared_fields_and_maps_field_errors(page, web_url):
    api = FakeApi().install(page)
    fields = [
        {"field": "birthdate", "code": "date_from_datetime_parsing", "message": "Date invalide."}
    ]
    api.on(
        "POST",
        "/orga/users",
        lambda _r: (
            400,
            {
                "error": {
                    "code": "VALIDATION_ERROR",
                    "message": "Certaines informations sont manquantes ou invalides.",
                    "details": {"fields": fields},
                }
            },
        ),
    )
    result = run(
        page,
        web_url,
        """async () => {
          const { call } = await import('/shared/api.js');
          const out = {};
          try { await call('signUp', { body: { first_name: 'A', surname: 'B' } }); }
          catch (e) { out.undeclared = e.message; }
          try { await call('signUp', { body: { first_name: 'A', birthdate: 'x' } }); }
          catch (e) { out.status = e.status; out.fields = e.fieldErrors; out.retryable = e.retryable; }
          return out;
        }""",
    )
    assert result == {
        "undeclared": "signUp n'envoie pas : surname",
        "status": 400,
        "fields": {"birthdate": "Date invalide."},
        "retryable": False,
    }
    assert api.bodies("POST", "/orga/users") == [{"first_name": "A", "birthdate": "x"}]
