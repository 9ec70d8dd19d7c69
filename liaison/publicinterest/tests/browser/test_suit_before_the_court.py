"""At desks, in Datong: a civil public-interest case whose announcement ran out is sued before the
Datong Intermediate People's Court. The prosecutor decides to sue, which takes effect once the
chief procurator approves; the court's judge finds the suit in "my work", registers it under the
court's own case number (a wrong number is refused first, keeping what was typed), records a
hearing day and the judgment with its document; the prosecutor reads each on the case."""

from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from liaison.core.tests.factories import member
from liaison.orgs.roles import Role
from liaison.publicinterest.models import PILCase
from liaison.publicinterest.tests.factories import (
    accepted_case,
    announced_case,
    court,
    field,
    filed_case,
    procuratorate,
    prosecutor,
    reported_clue,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]

PASSWORD = "correct horse battery staple"
DATONG, YUNGANG = "140200", "140214"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF"


def _log_in(page: Any, live: Any, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{live.url}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="我的待办")).to_be_visible()


def test_a_civil_suit_from_the_decision_to_sue_to_the_judgment(
    live: Any, page: Any, screenshot: Any
) -> None:
    field("ecology")
    datong = procuratorate(DATONG, name="大同市人民检察院", abbreviation="同检")
    luo = prosecutor(datong, username="luo", name="罗伟民")
    member(datong, Role.CHIEF_PROCURATOR, username="zheng", name="郑立明")
    bench = court(name="山西省大同市中级人民法院")
    member(bench, Role.JUDGE, username="gao", name="高文斌")
    clue = reported_clue(at=YUNGANG, address="新荣区十里河焦化厂排污口")
    case = announced_case(filed_case(accepted_case(clue, kind="civil"), by=luo), by=luo)
    today = timezone.localdate().isoformat()

    # The prosecutor decides to sue; it waits for the chief procurator.
    _log_in(page, live, "luo")
    page.goto(f"{live.url}/matters/{case.pk}/")
    page.get_by_label("人民法院").select_option(label="山西省大同市中级人民法院")
    page.get_by_label("起诉日期").fill(today)
    page.get_by_label("诉讼请求").fill("判令被告停止排放焦化废水，承担生态环境修复费用。")
    page.get_by_role("button", name="提起诉讼").click()
    expect(page.get_by_test_id("approval")).to_contain_text("待审批：提起诉讼")
    expect(page.get_by_test_id("approval-awaits")).to_contain_text("郑立明")
    screenshot("1-suit-awaits-the-chief")

    # The chief procurator approves it from "my work".
    _log_in(page, live, "zheng")
    page.get_by_test_id("my-work").get_by_role("link", name=case.case_number).click()
    page.get_by_test_id("approval-form").get_by_role("button", name="同意").click()
    expect(page.get_by_role("alert").filter(has_text="已审批通过")).to_be_visible()
    expect(page.get_by_test_id("state")).to_have_text("已起诉，待法院立案")

    # The court's judge finds the suit in "my work" and registers it.
    _log_in(page, live, "gao")
    page.get_by_test_id("my-work").get_by_role("link", name=case.case_number).click()
    expect(page.get_by_test_id("case-suit")).to_contain_text("山西省大同市中级人民法院")
    page.get_by_label("法院案号").fill("（2026）晋02执118号")
    page.get_by_label("立案日期").fill(today)
    page.get_by_role("button", name="立案登记").click()
    expect(page.get_by_text("不是一审案号格式")).to_be_visible()
    expect(page.get_by_label("法院案号")).to_have_value("（2026）晋02执118号")
    page.get_by_label("法院案号").fill("（2026）晋02民初118号")
    page.get_by_role("button", name="立案登记").click()
    expect(page.get_by_test_id("state")).to_have_text("法院已立案，审理中")
    expect(page.get_by_test_id("case-registration")).to_contain_text("（2026）晋02民初118号")
    screenshot("2-registered")

    # A hearing day, then the judgment with its document.
    page.get_by_label("开庭日期").fill(today)
    page.get_by_role("button", name="记录开庭日期").click()
    expect(page.get_by_test_id("case-hearings")).to_contain_text(today)
    page.get_by_label("裁判结果").select_option(label="部分支持诉讼请求")
    page.get_by_label("裁判日期").fill(today)
    page.get_by_label("裁判主要内容").fill("判令被告停止排放焦化废水，承担修复费用152万元。")
    page.get_by_label("裁判文书（PDF）").set_input_files(
        {"name": "民事判决书.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="记录裁判结果").click()
    expect(page.get_by_test_id("state")).to_have_text("判决执行中")

    # The prosecutor reads it all on the case.
    _log_in(page, live, "luo")
    page.goto(f"{live.url}/matters/{case.pk}/")
    expect(page.get_by_test_id("case-registration")).to_contain_text("（2026）晋02民初118号")
    expect(page.get_by_test_id("case-hearings")).to_contain_text(today)
    expect(page.get_by_test_id("case-judgment")).to_contain_text("部分支持诉讼请求")
    expect(page.get_by_test_id("judgment-document")).to_be_visible()
    screenshot("3-judgment-on-the-case")
    assert PILCase.objects.get(pk=case.pk).state == "judged"
