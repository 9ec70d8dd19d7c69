"""In the browser: the court's liaison person sees on the agreement's page that a joint meeting
is overdue; the procuratorate's liaison person schedules it from the cadence, the court proposes
an agenda item linking a notice both follow, the meeting is held, a resolution becomes the
court's action item, the minutes are approved by both sides, and the court marks the item done."""

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from liaison.core.access import access_for
from liaison.core.tests.browser.pages import log_in
from liaison.meetings.models import ActionItem, JointMeeting
from liaison.meetings.tests.factories import world
from liaison.notices.actions import notice_send
from liaison.workflow.models import Invitation

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def _step(page: Any, name: str) -> Any:
    return page.locator(f'form[action$="/steps/{name}/"]')


def test_a_joint_meeting_from_cadence_to_a_done_action_item(
    live: Any, page: Any, screenshot: Any, tmp_path: Path, settings: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    w = world()
    notice = notice_send(
        access=access_for(w.s.prosecutor),
        sender=w.s.procuratorate,
        recipient=w.s.court,
        title="关于执行异议案件的通报",
        body="请法院反馈执行异议案件办理情况。",
    )
    agreement_page = f"{live.url}/matters/{w.agreement.pk}/"

    # The court's liaison person sees the overdue meeting on the agreement's page.
    log_in(page, live.url, w.zhou.username)
    page.goto(agreement_page)
    expect(page.get_by_test_id("meeting-overdue-alert")).to_be_visible()
    screenshot("overdue-on-the-court-side")

    # The procuratorate's liaison person schedules it, the day suggested from the cadence.
    log_in(page, live.url, w.luo.username)
    page.goto(agreement_page)
    page.get_by_test_id("schedule-meeting").click()
    expect(page.get_by_test_id("suggested")).to_be_visible()
    page.locator('input[name="place"]').fill("康巴什区人民检察院第一会议室")
    page.get_by_test_id("schedule-form").locator('button[type="submit"]').click()
    meeting = JointMeeting.objects.get()
    expect(page.get_by_test_id("case-number")).to_have_text(meeting.case_number or "")

    # The court proposes an agenda item linking the notice.
    log_in(page, live.url, w.zhou.username)
    page.goto(f"{live.url}/matters/{meeting.pk}/")
    form = page.get_by_test_id("agenda-form")
    form.locator('input[name="title"]').fill("执行异议案件的办理情况")
    form.locator('input[name="matter_numbers"]').fill(notice.case_number or "")
    form.locator('button[type="submit"]').click()
    expect(page.get_by_test_id("linked-matter")).to_contain_text(notice.case_number or "")

    # The meeting's day comes; the host records it and a resolution for the court.
    JointMeeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - timedelta(minutes=5)
    )
    log_in(page, live.url, w.luo.username)
    page.goto(f"{live.url}/matters/{meeting.pk}/")
    hold = _step(page, "hold")
    hold.locator('input[name="attended"]').check()
    hold.locator('button[name="step"]').click()
    expect(page.get_by_test_id("invitations")).to_contain_text(w.zhou.name)
    form = page.get_by_test_id("resolution-form")
    form.locator('textarea[name="text"]').fill("法院于三十日内反馈执行异议案件办理情况。")
    form.locator('select[name="owner"]').select_option(str(w.s.court.pk))
    form.locator('select[name="person"]').select_option(str(w.zhou.pk))
    form.locator('input[name="task"]').fill("反馈执行异议案件办理情况")
    form.locator('button[type="submit"]').click()
    expect(page.get_by_test_id("action-item")).to_contain_text("反馈执行异议案件办理情况")
    minutes = _step(page, "draft_minutes")
    minutes.locator('textarea[name="minutes"]').fill("会议研究了执行异议案件的办理情况。")
    minutes.locator('button[name="step"]').click()
    page.get_by_test_id("approve-minutes").click()
    expect(page.get_by_test_id("approved")).to_have_count(1)

    # The court approves too: the minutes are final.
    log_in(page, live.url, w.zhou.username)
    page.goto(f"{live.url}/matters/{meeting.pk}/")
    page.get_by_test_id("approve-minutes").click()
    expect(page.get_by_test_id("approved")).to_have_count(2)
    assert JointMeeting.objects.get(pk=meeting.pk).state == "minutes_approved"
    screenshot("minutes-approved")

    # The court's action item is done.
    item = ActionItem.objects.get()
    page.goto(f"{live.url}/matters/{item.pk}/")
    done = _step(page, "done")
    done.locator('textarea[name="note"]').fill("已书面反馈。")
    done.locator('button[name="step"]').click()
    expect(page.get_by_test_id("item-done")).to_contain_text("已书面反馈。")
    assert ActionItem.objects.get(pk=item.pk).state == "done"
    assert Invitation.objects.get(matter=meeting, person=w.zhou).state == "attended"
    screenshot("item-done")
