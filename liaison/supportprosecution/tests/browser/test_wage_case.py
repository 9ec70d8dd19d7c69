"""In the browser (seed 002, Wanzhi): three migrant workers apply online on a phone, without an
account, and keep the query code; the prosecutor finds them eligible, accepts the case, drafts
the support-prosecution opinion and sends it to the court; the judge acknowledges it; the
prosecutor records the judgment and two recovered instalments; the applicant reads the state."""

from datetime import date
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from liaison.core.tests.browser.pages import log_in
from liaison.core.tests.browser.phone import PHONE_WIDTH, phone_problems
from liaison.supportprosecution.models import SupportCase
from liaison.supportprosecution.tests.factories import world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]

PEOPLE = (("张建国", "12000"), ("李卫东", "9800.50"), ("王小军", "7000"))


def _step_form(page: Any, button: str) -> Any:
    return page.locator("form").filter(has=page.get_by_role("button", name=button, exact=True))


def test_a_wage_case_for_three_workers_from_the_application_to_two_instalments(
    live: Any, page: Any, screenshot: Any
) -> None:
    w = world()
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 844})
    page.goto(f"{live.url}{reverse('supportprosecution:apply')}")
    expect(page.get_by_role("heading", name="申请支持起诉")).to_be_visible()
    form = page.get_by_test_id("apply-form")
    # The place, not the procuratorate: first one no procuratorate on the platform serves.
    form.locator("input[name=address]").fill("西藏自治区拉萨市城关区")
    form.locator("select[name=category]").select_option(label="农民工讨薪")
    form.locator("input[name=applicant_name]").fill("张建国")
    form.locator("input[name=applicant_mobile]").fill("13912345678")
    form.locator("input[name=respondent]").fill("芜湖某建筑劳务有限公司")
    form.locator("textarea[name=facts]").fill("公司拖欠我们三人2025年的工资共计28800.50元。")
    for n, (name, amount) in enumerate(PEOPLE):
        if n:
            page.get_by_test_id("add-person").click()
        form.locator(f"input[name=people-{n}-name]").fill(name)
        form.locator(f"select[name=people-{n}-group]").select_option("migrant_worker")
        form.locator(f"input[name=people-{n}-amount_owed]").fill(amount)
    assert phone_problems(page) == []
    screenshot("1-apply-on-a-phone")
    page.get_by_test_id("apply-submit").click()
    expect(page.get_by_test_id("error-address")).to_contain_text("申请无法在此提交")
    expect(form.locator("input[name=people-2-name]")).to_have_value("王小军")  # all kept
    # The lists (filled in place by htmx) say where instead, one under another on the phone.
    form.locator("select[name=province]").select_option(label="内蒙古自治区")
    form.locator("select[name=prefecture]").select_option(label="鄂尔多斯市")
    form.locator("select[name=county]").select_option(label="康巴什区")
    assert phone_problems(page) == []
    screenshot("1b-the-place-chosen-in-the-lists")
    page.get_by_test_id("apply-submit").click()
    expect(page.get_by_test_id("sent-to")).to_have_text("芜湖市湾沚区人民检察院")
    code = page.get_by_test_id("query-code").inner_text().strip()
    assert phone_problems(page) == []
    screenshot("2-receipt")
    case = SupportCase.objects.get()
    assert case.beneficiaries.count() == 3

    log_in(page, live.url, w.prosecutor.username)
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 844})
    page.goto(f"{live.url}{reverse('supportprosecution:list')}")
    assert phone_problems(page) == []
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_test_id("support-cases").get_by_role("link", name=case.case_number).click()
    expect(page.get_by_test_id("state")).to_have_text("审查中")
    _step_form(page, "符合条件").locator("textarea[name=reasons]").fill(
        "三名申请人系农民工，被拖欠劳动报酬，符合支持起诉条件。"
    )
    page.get_by_role("button", name="符合条件", exact=True).click()
    expect(page.get_by_test_id("state")).to_have_text("符合条件")
    page.get_by_role("button", name="受理", exact=True).click()
    expect(page.get_by_test_id("state")).to_have_text("已受理")
    drafting = _step_form(page, "起草支持起诉意见书")
    drafting.locator("select[name=court]").select_option(label="芜湖市湾沚区人民法院")
    drafting.locator("textarea[name=opinion_facts]").fill("被申请人拖欠三名农民工工资28800.50元。")
    drafting.locator("textarea[name=opinion_text]").fill("本院支持申请人向你院提起诉讼。")
    page.get_by_role("button", name="起草支持起诉意见书").click()
    expect(page.get_by_test_id("state")).to_have_text("意见书已起草")
    page.get_by_role("button", name="向法院送达意见书").click()
    expect(page.get_by_test_id("state")).to_have_text("意见书已送达法院")
    screenshot("3-opinion-sent")

    log_in(page, live.url, w.judge.username)
    page.goto(f"{live.url}{reverse('workspace:matter', args=[case.pk])}")
    expect(page.get_by_test_id("beneficiaries")).to_contain_text("张**")
    expect(page.get_by_test_id("beneficiaries")).not_to_contain_text("张建国")
    _step_form(page, "确认收到").locator("input[name=court_case_number]").fill(
        "（2026）皖0221民初100号"
    )
    page.get_by_role("button", name="确认收到").click()
    expect(page.get_by_test_id("state")).to_have_text("法院已确认收到")

    log_in(page, live.url, w.prosecutor.username)
    page.goto(f"{live.url}{reverse('workspace:matter', args=[case.pk])}")
    outcome = _step_form(page, "登记诉讼结果")
    outcome.locator("select[name=outcome]").select_option("judgment")
    outcome.locator("input[name=outcome_on]").fill(date.today().isoformat())
    outcome.locator("input[name=amount_claimed]").fill("28800.50")
    outcome.locator("input[name=amount_awarded]").fill("28800.50")
    page.get_by_role("button", name="登记诉讼结果").click()
    expect(page.get_by_test_id("state")).to_have_text("已有裁判结果，执行追款中")
    for amount in ("10000", "18800.50"):
        recovery = page.get_by_test_id("recovery-form")
        recovery.locator("input[name=recovery-received_on]").fill(date.today().isoformat())
        recovery.locator("input[name=recovery-amount]").fill(amount)
        recovery.get_by_role("button", name="登记本笔款项").click()
        expect(page.get_by_role("alert").filter(has_text="已登记本笔追回款项")).to_be_visible()
    expect(page.get_by_test_id("recovered-total")).to_contain_text("28,800.50")
    expect(page.get_by_test_id("recovery")).to_have_count(2)
    screenshot("4-recovered")
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 844})
    assert phone_problems(page) == []  # the case's page, its panels and the recovery form

    page.context.clear_cookies()
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 844})
    page.goto(f"{live.url}{reverse('supportprosecution:status')}?code={code}")
    expect(page.get_by_test_id("status-state")).to_have_text("已有裁判结果，执行追款中")
    expect(page.get_by_test_id("status-reasons")).to_contain_text("符合支持起诉条件")
    assert phone_problems(page) == []
    screenshot("5-status")
