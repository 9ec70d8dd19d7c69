"""In the browser: the recipient of a notice is found by typing part of its name (htmx), among
the organisations the sender works with only, and the notice is sent to the one chosen."""

from typing import Any

import pytest
from playwright.sync_api import expect

from liaison.core.tests.browser.pages import log_in
from liaison.core.tests.factories import OrganisationFactory, member
from liaison.notices.models import InformationNotice
from liaison.orgs.actions import cooperation_start
from liaison.orgs.roles import OrganisationKind, Role

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def test_the_recipient_is_found_by_a_search(live: Any, page: Any, screenshot: Any) -> None:
    procuratorate = OrganisationFactory(name="鄂尔多斯市康巴什区人民检察院", abbreviation="康检")
    court = OrganisationFactory(name="鄂尔多斯市康巴什区人民法院", kind=OrganisationKind.COURT)
    OrganisationFactory(name="鄂尔多斯市康巴什区人民医院", kind=OrganisationKind.COURT)
    prosecutor = member(procuratorate, Role.PROSECUTOR, username="li", name="李建国")
    cooperation_start(actor=prosecutor, organisations=(procuratorate, court))

    log_in(page, live.url, "li")
    page.goto(f"{live.url}/notices/new/")
    page.get_by_role("searchbox").fill("康巴什")
    results = page.locator("#recipient-results")
    expect(results).to_contain_text("鄂尔多斯市康巴什区人民法院")
    expect(results).not_to_contain_text("人民医院")
    screenshot("found")
    page.get_by_label("鄂尔多斯市康巴什区人民法院").check()
    page.get_by_label("标题").fill("关于值班律师安排的通报")
    page.get_by_label("通报内容").fill("请贵院反馈值班律师参与情况。")
    page.get_by_role("button", name="发送", exact=True).click()
    expect(page.get_by_test_id("state")).to_have_text("已发送")
    notice = InformationNotice.objects.get()
    assert notice.parties.get(relation="partner_org").organisation == court
