"""The académie's dashboard on faked jury routes: an académie user sees their own figures (table,
charts, the season week by week, printable on A4); a jury member picks an académie."""

from __future__ import annotations

import io
from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from pypdf import PdfReader

from tests.browser.harness import FakeApi
from tests.browser.office import staff_signed_in

pytestmark = [pytest.mark.browser]


def figures(**values: int) -> dict[str, int]:
    keys = ("schools", "certification_centers", "schools_with_sessions", "sessions_created",
            "sessions_finalized", "candidates_enrolled", "candidates_took_part", "certified",
            "schools_with_active_students")  # fmt: skip
    return {k: values.get(k, 0) for k in keys}


# The seed's table for one académie in mid-season (public / private), finalised ≤ created.
PUBLIC = figures(
    schools=238,
    certification_centers=31,
    schools_with_sessions=7,
    sessions_created=16,
    sessions_finalized=14,
    candidates_enrolled=824,
    candidates_took_part=555,
    certified=498,
    schools_with_active_students=200,
)
PRIVATE = figures(schools=41, certification_centers=3, schools_with_sessions=1,
                  sessions_created=2, sessions_finalized=1, candidates_enrolled=46,
                  candidates_took_part=40, certified=37, schools_with_active_students=12)  # fmt: skip


# The same season week by week, from Monday 11 January 2027 (week 2) to week 11: the weeks add
# up to the figures above, and week 6 counts only the private school's certified candidates.
WEEKLY = ("sessions_created", "sessions_finalized", "candidates_enrolled", "certified")
PUBLIC_WEEKS = {
    "sessions_created": [2, 3, 1, 0, 2, 3, 1, 2, 1, 1],
    "sessions_finalized": [0, 1, 2, 1, 0, 2, 3, 1, 2, 2],
    "candidates_enrolled": [110, 150, 50, 0, 100, 160, 54, 100, 50, 50],
    "certified": [0, 30, 60, 50, 0, 80, 110, 48, 60, 60],
}
PRIVATE_WEEKS = {
    "sessions_created": [0, 1, 0, 0, 0, 1, 0, 0, 0, 0],
    "sessions_finalized": [0, 0, 0, 1, 0, 0, 0, 0, 0, 0],
    "candidates_enrolled": [0, 25, 0, 0, 0, 21, 0, 0, 0, 0],
    "certified": [0, 0, 0, 0, 37, 0, 0, 0, 0, 0],
}


def weeks() -> list[dict]:
    made = []
    for i in range(10):
        public = {k: PUBLIC_WEEKS[k][i] for k in WEEKLY}
        private = {k: PRIVATE_WEEKS[k][i] for k in WEEKLY}
        made.append(
            {
                "week": f"2027-W{i + 2:02d}",
                "week_start": (date(2027, 1, 11) + timedelta(weeks=i)).isoformat(),
                "by_sector": {"PUBLIC": public, "PRIVATE": private},
                "total": {k: public[k] + private[k] for k in WEEKLY},
            }
        )
    return made


def stats(academie: str | None) -> dict:
    total = {k: PUBLIC[k] + PRIVATE[k] for k in PUBLIC}
    return {
        "academie": academie,
        "by_sector": {"PUBLIC": PUBLIC, "PRIVATE": PRIVATE},
        "total": total,
        "weeks": [] if academie == "Lyon" else weeks(),
    }


def test_the_fake_weeks_add_up_to_the_season():
    for sector, by_week in (("PUBLIC", PUBLIC_WEEKS), ("PRIVATE", PRIVATE_WEEKS)):
        figures = PUBLIC if sector == "PUBLIC" else PRIVATE
        assert {k: sum(v) for k, v in by_week.items()} == {k: figures[k] for k in WEEKLY}


def dashboard(page, web_url, role: str, academie: str | None) -> list[dict]:  # noqa: ANN001
    asked: list[dict] = []

    def answer(request):  # noqa: ANN001, ANN202
        query = parse_qs(urlsplit(request.url).query)
        asked.append(query)
        return 200, stats(query.get("academie", [None])[0])

    api = FakeApi().on("GET", "/jury/stats", answer)
    api.on("GET", "/orga/me", staff_signed_in(page, role, academie))
    api.install(page)
    page.goto(f"{web_url}/academie/")
    return asked


def test_an_academie_user_sees_their_figures_as_a_table_and_charts_and_may_print(
    page, web_url, axe, look
):
    asked = dashboard(page, web_url, "ACADEMIE", "Créteil")

    page.get_by_role("heading", name="Académie de Créteil").wait_for()
    row = page.locator("tr[data-indicateur=sessions_finalized]")
    assert row.locator("td").all_inner_texts() == ["14", "1", "15"]
    enrolled = page.locator("tr[data-indicateur=candidates_enrolled] td").all_inner_texts()
    assert enrolled == ["824", "46", "870"]
    active = page.locator("tr[data-indicateur=schools_with_active_students] td").all_inner_texts()
    assert active == ["200", "12", "212"]
    chart = page.get_by_role("img", name="Candidats de la saison")
    assert "Inscrits : 870 (public 824, privé 46)" in chart.locator("desc").text_content()
    assert page.get_by_label("Académie").count() == 0
    assert asked == [{"academie": ["Créteil"]}]

    # The season week by week: two charts, then the table of the weeks
    page.get_by_role("heading", name="La saison semaine par semaine").wait_for()
    sessions = page.get_by_role("img", name="Sessions par semaine")
    described = sessions.locator("desc").text_content()
    assert "10 semaines, du lundi 11/01/2027 au lundi 15/03/2027" in described
    assert "Créées : 18 en tout, au plus 4 (sem. 3)" in described
    assert "Finalisées : 15 en tout, au plus 3 (sem. 8)" in described
    candidates = page.get_by_role("img", name="Candidats par semaine")
    certified = candidates.locator("desc").text_content()
    assert "Certifiés : 535 en tout, au plus 110 (sem. 8)" in certified
    assert sessions.locator("g[data-semaine]").count() == 10
    assert sessions.locator("g[data-semaine] rect.chart__series-0").count() == 10
    week_3 = sessions.locator("g[data-semaine='2027-W03'] rect.chart__series-0 title")
    assert week_3.text_content() == "sem. 3 (18/01/2027) : 4 créées"
    axis = sessions.locator("g[data-semaine] text:not(.chart__value)").all_text_contents()
    assert axis[:2] == ["sem. 2", "11/01"] and axis[-2:] == ["sem. 11", "15/03"]
    row = page.locator("tr[data-semaine='2027-W06']")
    assert row.locator("th").inner_text() == "sem. 6"
    assert row.locator("td").all_inner_texts() == ["08/02/2027", "2", "0", "100", "37"]
    by_week = page.locator(".weeks-table td[data-indicateur=certified]").all_inner_texts()
    assert sum(int(n) for n in by_week) == 535

    axe(page, "académie : tableau de bord")
    look(page, "academie-dashboard", full_page=True)
    page.emulate_media(media="print")
    assert not page.get_by_role("button", name="Imprimer").is_visible()
    assert page.locator("svg[role=img]").count() == 4
    look(page, "academie-dashboard-print", full_page=True)
    # On A4: the season on the first page, its weeks (both charts, then the table) from the next
    printed = [p.extract_text() for p in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages]
    assert len(printed) == 3
    assert "Candidats de la saison" in printed[0] and "semaine" not in printed[0]
    assert printed[1].startswith("La saison semaine par semaine")
    assert "Candidats par semaine" in printed[1] and "sem. 2 11/01/2027 2 0 110 0" in printed[1]


def test_a_jury_member_sees_the_whole_country_then_picks_an_academie(page, web_url, axe):
    asked = dashboard(page, web_url, "JURY", None)

    page.get_by_role("heading", name="Toutes les académies").wait_for()
    page.get_by_label("Académie").fill("Lyon")
    page.keyboard.press("Enter")

    page.get_by_role("heading", name="Académie de Lyon").wait_for()
    assert page.get_by_label("Académie").input_value() == "Lyon"
    assert asked == [{}, {"academie": ["Lyon"]}]
    page.get_by_text("Aucune session ni aucun résultat compté pour l'instant.").wait_for()
    assert page.locator(".weeks-table").count() == 0
    axe(page, "académie : tableau de bord du jury")


def test_a_whole_season_keeps_one_label_in_four_and_a_week_below_zero_under_the_axis(
    page, web_url, axe, look
):
    # GIVEN 40 weeks from Monday 31 August 2026 (week 36, across the 53 weeks of 2026), one
    # session created a week, and in week 45 two sessions deleted
    def week(i: int) -> dict:
        monday = date(2026, 8, 31) + timedelta(weeks=i)
        year, number, _ = monday.isocalendar()
        created = -2 if (year, number) == (2026, 45) else 1
        figures = {"sessions_created": created, "sessions_finalized": i % 2,
                   "candidates_enrolled": 30 * created, "certified": 25 * (i % 2)}  # fmt: skip
        zero = dict.fromkeys(WEEKLY, 0)
        return {"week": f"{year}-W{number:02d}", "week_start": monday.isoformat(),
                "by_sector": {"PUBLIC": figures, "PRIVATE": zero}, "total": figures}  # fmt: skip

    season = [week(i) for i in range(40)]
    api = FakeApi().on("GET", "/jury/stats", lambda r: (200, stats("Créteil") | {"weeks": season}))
    api.on("GET", "/orga/me", staff_signed_in(page, "ACADEMIE", "Créteil"))
    api.install(page)
    page.goto(f"{web_url}/academie/")

    # THEN a label every fourth week, the deleted sessions below the zero line
    sessions = page.get_by_role("img", name="Sessions par semaine")
    sessions.wait_for()
    labels = sessions.locator("text.chart__week").all_text_contents()
    assert labels[:6] == ["sem. 36", "sem. 40", "sem. 44", "sem. 48", "sem. 52", "sem. 3"]
    assert len(labels) == 10
    zero = float(sessions.locator("line.chart__zero").get_attribute("y1"))
    deleted = sessions.locator("g[data-semaine='2026-W45'] rect.chart__series-0")
    assert float(deleted.get_attribute("y")) == zero
    created = sessions.locator("g[data-semaine='2026-W44'] rect.chart__series-0")
    top, height = float(created.get_attribute("y")), float(created.get_attribute("height"))
    assert top + height == zero
    assert page.locator("tr[data-semaine='2026-W53'] td").first.inner_text() == "28/12/2026"
    axe(page, "académie : une saison entière par semaine")
    look(page, "academie-dashboard-season", full_page=True)
