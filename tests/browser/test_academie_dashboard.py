"""The académie's dashboard on faked jury routes: an académie user sees their own figures (table,
charts, printable); a jury member picks an académie."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

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


def stats(academie: str | None) -> dict:
    total = {k: PUBLIC[k] + PRIVATE[k] for k in PUBLIC}
    return {
        "academie": academie,
        "by_sector": {"PUBLIC": PUBLIC, "PRIVATE": PRIVATE},
        "total": total,
    }


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
    axe(page, "académie : tableau de bord")
    look(page, "academie-dashboard", full_page=True)
    page.emulate_media(media="print")
    assert not page.get_by_role("button", name="Imprimer").is_visible()
    assert page.locator("svg[role=img]").count() == 2
    look(page, "academie-dashboard-print", full_page=True)


def test_a_jury_member_sees_the_whole_country_then_picks_an_academie(page, web_url, axe):
    asked = dashboard(page, web_url, "JURY", None)

    page.get_by_role("heading", name="Toutes les académies").wait_for()
    page.get_by_label("Académie").fill("Lyon")
    page.keyboard.press("Enter")

    page.get_by_role("heading", name="Académie de Lyon").wait_for()
    assert page.get_by_label("Académie").input_value() == "Lyon"
    assert asked == [{}, {"academie": ["Lyon"]}]
    axe(page, "académie : tableau de bord du jury")
