"""On a phone, a named reporter chooses the place from the province → city → district lists
(filled in place by htmx from the app itself, no CDN) and a clue officer reveals who it is."""

from typing import Any

import pytest
from playwright.sync_api import expect

from liaison.audit.models import AuditRecord
from liaison.publicinterest.models import Clue
from liaison.publicinterest.tests.factories import clue_officer, field, procuratorate

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
    pytest.mark.browser_context_args(viewport={"width": 390, "height": 844}, is_mobile=True),
]


def test_a_named_clue_placed_from_the_lists_and_its_reporter_revealed(
    live: Any, page: Any, screenshot: Any
) -> None:
    field("food_drug")
    kangbashi = procuratorate(name="鄂尔多斯市康巴什区人民检察院", abbreviation="康检")
    clue_officer(kangbashi, username="wang", name="王晓燕")
    foreign = []
    page.on("request", lambda r: foreign.append(r.url) if not r.url.startswith(live.url) else None)

    page.goto(f"{live.url}/publicinterest/report/")
    page.get_by_label("领域", exact=True).select_option("food_drug")
    page.get_by_label("存在什么问题").fill("学校食堂使用过期食材，学生多次反映身体不适。")
    page.get_by_text("或选择地区").click()
    page.locator("#id_province").select_option("150000")
    expect(page.locator("#id_prefecture option[value='150600']")).to_have_count(1)
    page.locator("#id_prefecture").select_option("150600")
    expect(page.locator("#id_county option[value='150603']")).to_have_count(1)
    page.locator("#id_county").select_option("150603")
    page.get_by_label("您的姓名").fill("赵志刚")
    page.get_by_label("您的手机号码").fill("139 0000 1234")
    screenshot("report")
    page.get_by_role("button", name="提交线索").click()
    expect(page.get_by_test_id("sent-to")).to_have_text("鄂尔多斯市康巴什区人民检察院")
    clue = Clue.objects.get()
    assert (clue.division_id, clue.reporter_name, clue.reporter_mobile) == (
        "150603",
        "赵志刚",
        "13900001234",
    )

    page.goto(f"{live.url}/accounts/login/")
    page.get_by_label("用户名").fill("wang")
    page.get_by_label("密码").fill("correct horse battery staple")
    page.get_by_role("button", name="登录").click()
    page.goto(f"{live.url}/matters/{clue.pk}/")
    reporter = page.get_by_test_id("reporter")
    expect(reporter).to_contain_text("赵**")
    expect(reporter).not_to_contain_text("赵志刚")
    page.get_by_test_id("show-reporter").click()
    expect(page.get_by_test_id("reporter-name")).to_have_text("赵志刚")
    expect(page.get_by_test_id("reporter-mobile")).to_have_text("13900001234")
    screenshot("reporter-revealed")
    assert AuditRecord.objects.filter(action="publicinterest.reporter.view").count() == 1
    assert foreign == []
