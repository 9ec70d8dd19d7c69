"""In the browser, on a phone (390 px), in Chinese: a prosecutor refers a migrant worker to the
legal-aid centre from the procuratorate's menu; the centre accepts and assigns an aid lawyer;
the lawyer finds the referral on their own page and opens it; the prosecutor sees who was
assigned."""

from typing import Any

import pytest
from playwright.sync_api import expect

from liaison.core.tests.browser.pages import log_in
from liaison.legalaid.models import LegalAidReferral
from liaison.legalaid.tests import factories as f

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def _step(page: Any, name: str) -> Any:
    return page.locator(f'form[action$="/steps/{name}/"]')


def test_refer_accept_assign_and_the_lawyer_sees_it(live: Any, page: Any, screenshot: Any) -> None:
    w = f.world()
    page.set_viewport_size({"width": 390, "height": 844})

    log_in(page, live.url, w.prosecutor.username)
    expect(page.get_by_test_id("nav-refer")).to_have_count(1)
    page.goto(f"{live.url}/legal-aid/new/")
    form = page.get_by_test_id("referral-form")
    form.locator('select[name="receiver"]').select_option(str(w.centre.pk))
    form.locator('select[name="category"]').select_option("migrant_wages")
    form.locator('input[name="title"]').fill("农民工追索劳动报酬")
    form.locator('input[name="person_name"]').fill("李大山")
    form.locator('input[name="person_id_number"]').fill(f.PERSON_ID)
    form.locator('textarea[name="facts"]').fill("某劳务公司拖欠工资两万元。")
    screenshot("refer")
    form.locator('button[type="submit"]').click()
    referral = LegalAidReferral.objects.get()
    expect(page.get_by_test_id("referral-receiver")).to_have_text(w.centre.name)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    log_in(page, live.url, w.aid_officer.username)
    page.goto(f"{live.url}/legal-aid/")
    expect(page.get_by_test_id("referrals-received")).to_contain_text(referral.case_number or "")
    page.goto(f"{live.url}/matters/{referral.pk}/")
    _step(page, "accept").locator('button[name="step"]').click()
    assign = _step(page, "assign_lawyer")
    assign.locator('select[name="lawyer"]').select_option(str(w.lawyer.pk))
    screenshot("assign")
    assign.locator('button[name="step"]').click()
    expect(page.get_by_test_id("aid-lawyer")).to_contain_text("周律师")

    log_in(page, live.url, w.lawyer.user.username)
    page.goto(f"{live.url}/lawyers/")
    expect(page.get_by_test_id("legal-aid")).to_contain_text(referral.case_number or "")
    page.get_by_test_id("legal-aid").get_by_role("link").first.click()
    expect(page.get_by_test_id("referral-facts")).to_contain_text("某劳务公司拖欠工资两万元。")
    screenshot("lawyer-sees-it")

    log_in(page, live.url, w.prosecutor.username)
    page.goto(f"{live.url}/matters/{referral.pk}/")
    expect(page.get_by_test_id("aid-lawyer")).to_contain_text("周律师")
    assert LegalAidReferral.objects.get(pk=referral.pk).state == "aid_under_way"
