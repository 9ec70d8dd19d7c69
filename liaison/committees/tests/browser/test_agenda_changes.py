"""In the browser, in Chinese: the court's judge adds a case to a scheduled session's agenda
and withdraws another with the reason; the chief procurator invited sees both, the withdrawn
one marked with the reason, and has been told of each change (on a phone too)."""

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from liaison.committees.models import AgendaItem
from liaison.committees.tests.factories import added, confirmed, world
from liaison.core.tests.browser.pages import log_in
from liaison.notifications.models import Notification

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def test_the_court_adds_and_withdraws_and_the_procuratorate_sees_both(
    live: Any, page: Any, screenshot: Any, tmp_path: Path, settings: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    w = world()
    session = confirmed(w)
    settled = added(w, session, "（2026）青0103民再6号")

    # The judge adds a third case from the session's page.
    log_in(page, live.url, w.c.judge.username)
    page.goto(f"{live.url}/matters/{session.pk}/")
    form = page.get_by_test_id("agenda-form")
    form.locator('input[name="court_case_number"]').fill("(2026)青0103民再8号")
    form.locator('textarea[name="summary"]').fill("执行异议之诉一案是否发回重审。")
    form.get_by_role("button", name="增加议题").click()
    expect(page.get_by_test_id("agenda")).to_contain_text("（2026）青0103民再8号")

    # And withdraws the case the parties settled, with the reason.
    item = page.get_by_test_id("agenda-item").filter(has_text="民再6号")
    item.get_by_role("link", name="修改或撤回").click()
    withdraw = page.get_by_test_id("agenda-withdraw-form")
    withdraw.locator('textarea[name="reason"]').fill("当事人已达成和解并撤回再审申请。")
    withdraw.get_by_role("button", name="撤回该议题").click()
    expect(page.locator("body")).to_contain_text("议题已撤回，已通知检察院。")
    expect(item.get_by_test_id("withdrawn")).to_have_text("已撤回")
    screenshot("court-agenda-changed")
    settled.refresh_from_db()
    assert settled.withdrawn_at is not None
    assert AgendaItem.objects.filter(session=session, withdrawn_at__isnull=True).count() == 2

    # The chief procurator, on a phone, sees the new case and the withdrawn one with its reason.
    log_in(page, live.url, w.c.chief.username)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live.url}/matters/{session.pk}/")
    agenda = page.get_by_test_id("agenda")
    expect(agenda).to_contain_text("（2026）青0103民再8号")
    expect(agenda).to_contain_text("执行异议之诉一案是否发回重审。")
    gone = page.get_by_test_id("agenda-item").filter(has_text="民再6号")
    expect(gone.get_by_test_id("withdrawn")).to_have_text("已撤回")
    expect(gone.get_by_test_id("withdrawal-reason")).to_contain_text("当事人已达成和解")
    expect(page.get_by_test_id("change-item")).to_have_count(0)
    expect(page.get_by_test_id("agenda-form")).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot("procuratorate-sees-the-agenda-on-a-phone")
    told = Notification.objects.filter(matter=session, recipient=w.c.chief)
    assert told.filter(event="committees.agenda.add").count() == 2  # the one above, and this
    assert told.filter(event="committees.agenda.withdraw").exists()
