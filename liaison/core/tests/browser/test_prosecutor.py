"""A prosecutor's main path: log in, see "my work", open a notice, acknowledge it."""

from typing import Any

import pytest
from playwright.sync_api import expect

from liaison.core.tests.browser.pages import log_in
from liaison.core.tests.factories import OrganisationFactory, member
from liaison.orgs.roles import Role
from liaison.workflow.tests.factories import court, sent_notice

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def test_prosecutor_acknowledges_a_notice_from_the_court(
    live: Any, page: Any, screenshot: Any
) -> None:
    procuratorate = OrganisationFactory(name="鄂尔多斯市康巴什区人民检察院", abbreviation="康检")
    the_court = court(name="鄂尔多斯市康巴什区人民法院", abbreviation="康法")
    prosecutor = member(procuratorate, Role.PROSECUTOR, username="li", name="李建国")
    judge = member(the_court, Role.JUDGE, username="sun", name="孙海涛")
    notice = sent_notice(
        sender=the_court,
        recipient=procuratorate,
        author=judge,
        title="关于检察长列席审判委员会会议的通知",
    )

    log_in(page, live.url, "li")
    expect(page.get_by_test_id("my-work")).to_contain_text(notice.case_number)
    screenshot("my-work")

    page.get_by_role("link", name="关于检察长列席审判委员会会议的通知").click()
    expect(page.get_by_test_id("state")).to_have_text("已发送")
    page.get_by_role("button", name="确认收到").click()
    expect(page.get_by_test_id("state")).to_have_text("已确认收到")
    timeline = page.get_by_test_id("timeline")
    expect(timeline).to_contain_text("确认收到")
    expect(timeline).to_contain_text("李建国")
    screenshot("timeline")
    assert prosecutor.pk
