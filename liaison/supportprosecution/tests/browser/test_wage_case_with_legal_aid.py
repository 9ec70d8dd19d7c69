"""In the browser, issue 12's whole path (seed 002, Wanzhi): three migrant workers apply online
on a phone; the prosecutor accepts the case and refers the first worker to the legal-aid
centre, which accepts and assigns an aid lawyer, who finds the referral on their page and
becomes the case's lawyer of record; the opinion goes to the court, which acknowledges it;
the judgment is recorded and two instalments recovered; the figures page then counts the
three workers, the money recovered and the referral answered in time."""

from datetime import date
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from liaison.core.tests.browser.pages import log_in
from liaison.core.tests.browser.phone import PHONE_WIDTH, phone_problems
from liaison.core.tests.factories import OrganisationFactory, member
from liaison.lawyers.tests import factories as lawyers
from liaison.legalaid.models import LegalAidReferral
from liaison.orgs.actions import cooperation_start
from liaison.orgs.roles import OrganisationKind, Role
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


def _step(page: Any, name: str) -> Any:
    return page.locator(f'form[action$="/steps/{name}/"]')


def test_a_wage_case_with_an_aid_lawyer_to_recovered_instalments_in_the_figures(
    live: Any, page: Any, screenshot: Any
) -> None:
    w = world()
    centre = OrganisationFactory(
        name="芜湖市湾沚区法律援助中心",
        kind=OrganisationKind.LEGAL_AID_CENTRE,
        division=w.procuratorate.division,
    )
    cooperation_start(actor=w.prosecutor, organisations=(w.procuratorate, centre))
    aid_officer = member(centre, Role.LEGAL_AID_OFFICER, name="郑雪")
    aid_lawyer = lawyers.lawyer(at=w.procuratorate, name="孙立新")

    # Online, on a phone, without an account.
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 844})
    page.goto(f"{live.url}{reverse('supportprosecution:apply')}")
    form = page.get_by_test_id("apply-form")
    form.locator("input[name=address]").fill("内蒙古自治区鄂尔多斯市康巴什区青春山街道")
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
    page.get_by_test_id("apply-submit").click()
    expect(page.get_by_test_id("query-code")).to_be_visible()
    case = SupportCase.objects.get()

    # The prosecutor accepts the case and refers the first worker to legal aid.
    log_in(page, live.url, w.prosecutor.username)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live.url}{reverse('workspace:matter', args=[case.pk])}")
    _step_form(page, "符合条件").locator("textarea[name=reasons]").fill(
        "三名申请人系农民工，被拖欠劳动报酬，符合支持起诉条件。"
    )
    page.get_by_role("button", name="符合条件", exact=True).click()
    page.get_by_role("button", name="受理", exact=True).click()
    expect(page.get_by_test_id("state")).to_have_text("已受理")
    page.goto(f"{live.url}{reverse('legalaid:new')}")
    refer = page.get_by_test_id("referral-form")
    refer.locator('select[name="receiver"]').select_option(str(centre.pk))
    refer.locator('select[name="category"]').select_option("migrant_wages")
    refer.locator('input[name="title"]').fill("农民工追索劳动报酬")
    refer.locator('input[name="person_name"]').fill("张建国")
    refer.locator('textarea[name="facts"]').fill("某建筑劳务公司拖欠三名农民工工资，申请法律援助。")
    refer.locator('input[name="source_number"]').fill(case.case_number)
    refer.locator('button[type="submit"]').click()
    referral = LegalAidReferral.objects.get()
    assert referral.source_id == case.pk
    screenshot("1-referred")

    # The centre accepts and assigns an aid lawyer, who finds it on their page.
    log_in(page, live.url, aid_officer.username)
    page.goto(f"{live.url}{reverse('workspace:matter', args=[referral.pk])}")
    _step(page, "accept").locator('button[name="step"]').click()
    assign = _step(page, "assign_lawyer")
    assign.locator('select[name="lawyer"]').select_option(str(aid_lawyer.pk))
    assign.locator('button[name="step"]').click()
    expect(page.get_by_test_id("aid-lawyer")).to_contain_text("孙立新")
    log_in(page, live.url, aid_lawyer.user.username)
    page.goto(f"{live.url}{reverse('lawyers:home')}")
    expect(page.get_by_test_id("legal-aid")).to_contain_text(referral.case_number or "")
    page.get_by_test_id("legal-aid").get_by_role("link").first.click()
    # The lawyer of record follows the case from outside (the engine's counsel relation): the
    # referral names it, the case file stays the procuratorate's.
    expect(page.get_by_test_id("referral-source")).to_contain_text(case.case_number or "")
    assert case.parties.filter(relation="counsel", person=aid_lawyer.user).exists()
    screenshot("2-the-aid-lawyer-reads-the-referral")

    # The opinion to the court, acknowledged; the judgment; two instalments.
    log_in(page, live.url, w.prosecutor.username)
    page.goto(f"{live.url}{reverse('workspace:matter', args=[case.pk])}")
    drafting = _step_form(page, "起草支持起诉意见书")
    drafting.locator("select[name=court]").select_option(label=w.court.name)
    drafting.locator("textarea[name=opinion_facts]").fill("被申请人拖欠三名农民工工资28800.50元。")
    drafting.locator("textarea[name=opinion_text]").fill("本院支持申请人向你院提起诉讼。")
    page.get_by_role("button", name="起草支持起诉意见书").click()
    page.get_by_role("button", name="向法院送达意见书").click()
    expect(page.get_by_test_id("state")).to_have_text("意见书已送达法院")
    log_in(page, live.url, w.judge.username)
    page.goto(f"{live.url}{reverse('workspace:matter', args=[case.pk])}")
    _step_form(page, "确认收到").locator("input[name=court_case_number]").fill(
        "（2026）皖0221民初100号"
    )
    page.get_by_role("button", name="确认收到").click()
    log_in(page, live.url, w.prosecutor.username)
    page.goto(f"{live.url}{reverse('workspace:matter', args=[case.pk])}")
    outcome = _step_form(page, "登记诉讼结果")
    outcome.locator("select[name=outcome]").select_option("judgment")
    outcome.locator("input[name=outcome_on]").fill(date.today().isoformat())
    outcome.locator("input[name=amount_claimed]").fill("28800.50")
    outcome.locator("input[name=amount_awarded]").fill("28800.50")
    page.get_by_role("button", name="登记诉讼结果").click()
    for amount in ("10000", "18800.50"):
        recovery = page.get_by_test_id("recovery-form")
        recovery.locator("input[name=recovery-received_on]").fill(date.today().isoformat())
        recovery.locator("input[name=recovery-amount]").fill(amount)
        recovery.get_by_role("button", name="登记本笔款项").click()
        expect(page.get_by_role("alert").filter(has_text="已登记本笔追回款项")).to_be_visible()

    # The figures count them, read on a phone (opened at its width: the charts are drawn for
    # the width they open at, and redrawn only after a resize event, so a page resized after
    # loading was checked before its charts had shrunk, on a slower run).
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 844})
    page.goto(
        f"{live.url}{reverse('supportprosecution:figures')}?org={w.procuratorate.pk}"
        f"&since={date.today().year}-01-01"
    )
    expect(page.get_by_test_id("migrant-workers")).to_have_text("3")
    expect(page.get_by_test_id("recovered")).to_contain_text("28,800.50")
    expect(page.get_by_test_id("referral-figures")).to_contain_text("1")
    assert phone_problems(page) == []
    screenshot("3-figures")
