"""In the browser: a court officer raises a dispute about a recommendation served on the court;
the procuratorate's liaison person puts it on the next joint meeting's agenda; the meeting is
held and the court's liaison person records the resolution there; both sides see it."""

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from liaison.core.tests.browser.pages import log_in
from liaison.disputes.models import Dispute
from liaison.disputes.tests.factories import recommendation
from liaison.meetings.models import AgendaItem, JointMeeting
from liaison.meetings.tests.factories import scheduled, world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def _step(page: Any, name: str) -> Any:
    return page.locator(f'form[action$="/steps/{name}/"]')


def test_a_dispute_from_raising_to_its_resolution_at_a_joint_meeting(
    live: Any, page: Any, screenshot: Any, tmp_path: Path, settings: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    w = world()
    served = recommendation(w)

    # A court officer raises a dispute from the recommendation's page.
    log_in(page, live.url, w.s.judge.username)
    page.goto(f"{live.url}/matters/{served.pk}/")
    page.get_by_test_id("raise-dispute").click()
    expect(page.get_by_test_id("joint-office")).to_contain_text(w.agreement.title)
    form = page.get_by_test_id("raise-form")
    form.locator('button[type="submit"]').click()  # no grounds: refused, nothing stored
    expect(page.locator(".invalid-feedback")).to_be_visible()
    assert not Dispute.objects.exists()
    form = page.get_by_test_id("raise-form")
    form.locator('textarea[name="grounds"]').fill(
        "法院认为该案已依法终结本次执行程序，不应恢复执行。"
    )
    form.locator('button[type="submit"]').click()
    expect(page.get_by_test_id("awaiting-meeting")).to_be_visible()
    dispute = Dispute.objects.get()
    screenshot("raised-awaiting-a-meeting")

    # A meeting is scheduled; the procuratorate's liaison person puts the dispute on its agenda.
    meeting = scheduled(w)
    log_in(page, live.url, w.luo.username)
    page.goto(f"{live.url}/disputes/")
    expect(page.get_by_test_id("disputes")).to_contain_text(dispute.case_number or "")
    page.goto(f"{live.url}/matters/{dispute.pk}/")
    _step(page, "agenda").locator('button[name="step"]').click()
    expect(page.get_by_test_id("dispute-meeting")).to_contain_text(meeting.title)
    assert AgendaItem.objects.filter(meeting=meeting, matters=dispute).exists()

    # The meeting is held; the court's liaison person records the resolution reached there.
    JointMeeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - timedelta(minutes=5)
    )
    page.goto(f"{live.url}/matters/{meeting.pk}/")
    _step(page, "hold").locator('button[name="step"]').click()
    log_in(page, live.url, w.zhou.username)
    page.goto(f"{live.url}/matters/{dispute.pk}/")
    resolve = _step(page, "resolve")
    resolve.locator('textarea[name="resolution"]').fill(
        "双方一致同意：申请执行人提供新财产线索后恢复执行。"
    )
    resolve.locator('button[name="step"]').click()
    expect(page.get_by_test_id("dispute-resolution")).to_contain_text("恢复执行")
    assert Dispute.objects.get(pk=dispute.pk).state == "resolved"
    screenshot("resolved")

    # Both sides see the resolution, on the dispute and on the recommendation's page.
    for person in (w.s.prosecutor, w.s.judge):
        log_in(page, live.url, person.username)
        page.goto(f"{live.url}/matters/{dispute.pk}/")
        expect(page.get_by_test_id("dispute-resolution")).to_contain_text("恢复执行")
        page.goto(f"{live.url}/matters/{served.pk}/")
        expect(page.get_by_test_id("subject-dispute-resolution")).to_contain_text("恢复执行")
