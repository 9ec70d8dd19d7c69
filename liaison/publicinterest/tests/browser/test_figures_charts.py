"""The figures page draws its charts with Apache ECharts served by the app itself, nothing from
another host, and keeps the tables the charts draw (for screen readers, printing, no script)."""

from typing import Any

import pytest
from playwright.sync_api import expect

from liaison.core.access import access_for
from liaison.core.tests.browser.pages import log_in
from liaison.core.tests.factories import member
from liaison.orgs.roles import Role
from liaison.publicinterest.tests.factories import (
    DATONG,
    accepted_case,
    clue_officer,
    field,
    procuratorate,
    reported_clue,
)
from liaison.workflow.actions import transition

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]

YUNGANG = "140214"


def test_the_figures_are_drawn_from_the_apps_own_echarts(
    live: Any, page: Any, screenshot: Any
) -> None:
    field("ecology")
    food = field("food_drug")
    datong = procuratorate(DATONG, name="大同市人民检察院", abbreviation="同检")
    officer = clue_officer(datong)
    member(datong, Role.CHIEF_PROCURATOR, username="zheng", name="郑立明")
    accepted_case(reported_clue(at=YUNGANG), officer=officer)
    accepted_case(reported_clue(at=YUNGANG, field=food), officer=officer, kind="civil")
    transition(
        matter=reported_clue(at=YUNGANG),
        name="reject",
        access=access_for(officer),
        data={"note": "不属于公益诉讼范围。"},
    )
    reported_clue(at=YUNGANG)
    foreign: list[str] = []
    page.on("request", lambda r: foreign.append(r.url) if not r.url.startswith(live.url) else None)

    log_in(page, live.url, "zheng")
    page.goto(f"{live.url}/publicinterest/figures/")
    expect(page.get_by_test_id("clue-total")).to_have_text("4")
    for chart in ("chart-by-field", "chart-by-source", "chart-by-stage"):
        expect(page.get_by_test_id(chart).locator("svg")).to_have_count(1)
    expect(page.get_by_test_id("chart-by-field")).to_contain_text("生态环境和资源保护")
    expect(page.get_by_test_id("by-field")).to_contain_text("食品药品安全")  # the table stays
    screenshot("figures")
    assert foreign == []
