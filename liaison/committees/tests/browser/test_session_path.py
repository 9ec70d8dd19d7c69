"""In the browser: the court's judge schedules an adjudication committee session with a case on
its agenda and invites the procuratorate; the chief procurator confirms they attend; after the
session the judge records the attendance, the opinion given and the decision; the opinion shows
on the linked case's page, for the procuratorate too."""

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from liaison.committees.models import CommitteeSession
from liaison.committees.tests.factories import world
from liaison.core.tests.browser.pages import log_in
from liaison.workflow.models import Invitation

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def _step(page: Any, name: str) -> Any:
    return page.locator(f'form[action$="/steps/{name}/"]')


def test_a_session_from_scheduling_to_the_opinion_on_the_case(
    live: Any, page: Any, screenshot: Any, tmp_path: Path, settings: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    w = world()
    when = timezone.localtime(timezone.now() + timedelta(days=10)).strftime("%Y-%m-%dT%H:%M")

    # The judge schedules the session with its first case and invites the procuratorate.
    log_in(page, live.url, w.c.judge.username)
    page.goto(f"{live.url}/committees/")
    page.get_by_test_id("schedule-link").click()
    form = page.get_by_test_id("schedule-form")
    form.locator('input[name="title"]').fill("审判委员会第12次会议")
    form.locator('input[name="scheduled_at"]').fill(when)
    form.locator('input[name="place"]').fill("城中区人民法院审委会会议室")
    form.locator('select[name="procuratorate"]').select_option(str(w.c.procuratorate.pk))
    form.locator('input[name="court_case_number"]').fill("(2026)青0103民再5号")
    form.locator('textarea[name="summary"]').fill("再审检察建议所涉借款合同纠纷一案是否改判。")
    form.locator('select[name="matter"]').select_option(str(w.linked.pk))
    form.locator('button[type="submit"]').click()
    expect(page.get_by_test_id("agenda-item")).to_contain_text("青0103民再5号")
    session = CommitteeSession.objects.get()
    screenshot("scheduled")

    # The chief procurator sees the invitation and confirms they attend.
    log_in(page, live.url, w.c.chief.username)
    page.goto(f"{live.url}/committees/")
    expect(page.get_by_test_id("awaiting-answer")).to_contain_text("审判委员会第12次会议")
    page.set_viewport_size({"width": 390, "height": 844})  # a phone, in Chinese
    page.goto(f"{live.url}/matters/{session.pk}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot("invitation-on-a-phone")
    confirm = _step(page, "confirm")
    confirm.locator('select[name="attendee"]').select_option(str(w.c.chief.pk))
    confirm.locator('button[name="step"]').click()
    expect(page.get_by_test_id("attendees")).to_contain_text(w.c.chief.name)
    screenshot("confirmed")

    # The session's day comes; the judge records it.
    CommitteeSession.objects.filter(pk=session.pk).update(
        scheduled_at=timezone.now() - timedelta(minutes=5)
    )
    log_in(page, live.url, w.c.judge.username)
    page.goto(f"{live.url}/matters/{session.pk}/")
    hold = _step(page, "hold")
    hold.locator('input[name="attendance"][value="attended"]').check()
    hold.locator('textarea[name^="opinion_"]').fill("原判认定事实错误，建议依法改判。")
    hold.locator('textarea[name^="decision_"]').fill("采纳检察机关意见，依法改判。")
    hold.locator('button[name="step"]').click()
    expect(page.get_by_test_id("opinion")).to_contain_text("建议依法改判")
    assert Invitation.objects.get(matter=session).state == Invitation.State.ATTENDED
    screenshot("held")

    # The opinion is on the linked case, which the procuratorate reads too.
    page.get_by_test_id("linked-matter").click()
    expect(page.locator("body")).to_contain_text("原判认定事实错误，建议依法改判。")
    log_in(page, live.url, w.c.chief.username)
    page.goto(f"{live.url}/matters/{w.linked.pk}/")
    expect(page.locator("body")).to_contain_text("原判认定事实错误，建议依法改判。")
    screenshot("opinion-on-the-case")
