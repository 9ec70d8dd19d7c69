"""On a phone: a reporter marks the spot on the map (a plain grid: no tile server configured),
sees the open clue of the field nearby and adds to it instead of filing a new one; a clue officer
sees a duplicate suggestion with its reasons and merges; the merged clue's code follows."""

from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import expect

from liaison.core.tests.browser.pages import log_in
from liaison.places import geo
from liaison.publicinterest.models import Clue, ClueAddition
from liaison.publicinterest.tests.factories import (
    clue_officer,
    field,
    procuratorate,
    reported_clue,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
    pytest.mark.browser_context_args(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    ),
]

SPOT = {
    "latitude": Decimal("39.608000"),
    "longitude": Decimal("109.781000"),
    "coordinate_system": "wgs84",
}


def _no_sideways_scrolling(page: Any) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_a_reporter_adds_to_the_clue_nearby_and_an_officer_merges_a_duplicate(
    live: Any, page: Any, screenshot: Any, settings: Any
) -> None:
    settings.LIAISON_MAP_TILES = ""
    field("ecology")
    kangbashi = procuratorate(name="鄂尔多斯市康巴什区人民检察院", abbreviation="康检")
    clue_officer(kangbashi, username="wang", name="王晓燕")
    first = reported_clue(
        description="青春山湿地公园东侧河道有企业偷排污水，河水发黑发臭。", **SPOT
    )

    # The reporter, not logged in, on a phone.
    page.goto(f"{live.url}/publicinterest/report/")
    page.get_by_label("领域", exact=True).select_option("ecology")
    page.get_by_label("存在什么问题").fill("湿地公园东边河里有人偷排污水，水是黑的，很臭。")
    page.get_by_label("地点").fill("内蒙古鄂尔多斯市康巴什区青春山湿地公园")
    page.get_by_text("在地图上标出地点，或输入坐标").click()
    grid = page.get_by_test_id("report-map")
    expect(grid).to_be_visible()
    grid.click()  # a tap on the grid sets the point
    expect(page.get_by_label("纬度")).not_to_have_value("")
    assert page.get_by_label("坐标来源").input_value() == "wgs84"
    # the browser converts as the server does
    gcj = page.evaluate("LiaisonGeo.toGcj(39.608, 109.781)")
    expected = geo.wgs84_to_gcj02(39.608, 109.781)
    assert abs(gcj[0] - expected.latitude) < 1e-9 and abs(gcj[1] - expected.longitude) < 1e-9
    # the exact spot, typed: the open clue 100 m away is offered, by what the public may read
    # of it (field, state, coarse place, day), never its words nor how far away it is
    page.get_by_label("纬度").fill("39.608900")
    page.get_by_label("经度").fill("109.781000")
    page.get_by_label("经度").dispatch_event("change")
    nearby = page.get_by_test_id("nearby")
    expect(nearby.get_by_test_id("nearby-field")).to_have_text("生态环境和资源保护")
    expect(nearby.get_by_test_id("nearby-state")).to_have_text("已提交")
    expect(nearby.get_by_test_id("nearby-place")).to_have_text("内蒙古自治区鄂尔多斯市康巴什区")
    expect(nearby).not_to_contain_text("偷排污水")
    expect(nearby).not_to_contain_text("米外")
    page.get_by_label("匿名举报").check()
    _no_sideways_scrolling(page)
    screenshot("nearby")
    nearby.get_by_test_id("add-to").click()

    expect(page.get_by_test_id("added")).to_be_visible()
    code = page.get_by_test_id("query-code").inner_text().strip()
    screenshot("added")
    addition = ClueAddition.objects.get()
    assert addition.clue == first and addition.query_code_display == code
    assert Clue.objects.count() == 1  # no new clue

    # A second clue sent anyway (from elsewhere): the officer sees it as a likely duplicate.
    second = reported_clue(
        description="湿地公园东侧的河道里有企业偷排污水，河水发黑发臭。",
        latitude=Decimal("39.608500"),
        longitude=Decimal("109.781500"),
        coordinate_system="wgs84",
    )
    log_in(page, live.url, "wang")
    page.goto(f"{live.url}/matters/{second.pk}/")
    suggestions = page.get_by_test_id("duplicates")
    expect(suggestions).to_contain_text(first.case_number)
    expect(suggestions.get_by_test_id("duplicate-reasons").first).to_contain_text("同一领域")
    expect(suggestions.get_by_test_id("duplicate-reasons").first).to_contain_text("相距")
    _no_sideways_scrolling(page)
    screenshot("duplicates")
    suggestions.get_by_test_id("merge-into").first.click()
    expect(page.get_by_test_id("state")).to_have_text("已合并到其他线索")
    expect(page.get_by_test_id("merged-into")).to_contain_text(first.case_number)
    screenshot("merged")

    # The triage map shows the open clue (the grid, no tiles from anywhere).
    page.goto(f"{live.url}/publicinterest/triage/")
    expect(page.get_by_test_id("triage-map")).to_be_visible()
    screenshot("triage-map")

    # The second reporter's code now shows the clue it was merged into.
    page.context.clear_cookies()
    page.goto(f"{live.url}/publicinterest/progress/?code={second.query_code}")
    expect(page.get_by_test_id("progress-merged")).to_be_visible()
    expect(page.get_by_test_id("progress-state")).to_have_text("已提交")
    expect(page.get_by_test_id("progress-others")).to_be_visible()
    screenshot("progress-merged")
