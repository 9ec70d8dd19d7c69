"""In the browser, in Chinese: a prosecutor flags a recommendation on an enforcement case served
on the court as false litigation, with its evidence, and the page says by when the court answers;
the court's enforcement officer disputes it with reasons; the prosecutor records the outcome;
both sides see it on /flags/. A flag left unanswered past its period reads as overdue on its
page and on the list's overdue filter, on a phone."""

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from liaison.core.tests.browser.pages import log_in
from liaison.core.tests.browser.phone import PHONE_WIDTH, phone_problems
from liaison.courts.tests.factories import served_to_court, world
from liaison.flags.models import Flag
from liaison.flags.tests.factories import flagged
from liaison.workflow.models import Clock
from liaison.workflow.reminders import take_expiry_steps

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def _step(page: Any, name: str) -> Any:
    return page.locator(f'form[action$="/steps/{name}/"]')


def test_a_false_litigation_flag_from_raising_to_its_outcome(
    live: Any, page: Any, screenshot: Any, tmp_path: Path, settings: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    w = world()
    served = served_to_court(w)
    evidence = tmp_path / "转账记录.pdf"
    evidence.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

    # The prosecutor raises the flag from the recommendation's page.
    log_in(page, live.url, w.prosecutor.username)
    page.goto(f"{live.url}/matters/{served.pk}/")
    page.get_by_test_id("raise-flag").click()
    form = page.get_by_test_id("raise-form")
    form.locator('button[type="submit"]').click()  # no grounds: refused, nothing stored
    expect(page.locator(".invalid-feedback")).to_be_visible()
    assert not Flag.objects.exists()
    form = page.get_by_test_id("raise-form")
    form.locator('select[name="kind"]').select_option("false_litigation")
    form.locator('textarea[name="grounds"]').fill(
        "申请执行人与被执行人系近亲属，借款无资金往来凭证，疑似虚构债务逃避其他债权人执行。"
    )
    form.locator('input[name="evidence"]').set_input_files(str(evidence))
    form.locator('button[type="submit"]').click()
    expect(page.get_by_test_id("awaiting-answer")).to_be_visible()
    flag = Flag.objects.get()
    assert flag.attachments.count() == 1
    due_on = Clock.objects.get(matter=flag, name="answer").due_on
    due, left = due_on.isoformat(), (due_on - timezone.localdate()).days  # 15, or a holiday's more
    expect(page.get_by_test_id("answer-due")).to_contain_text(f"答复期限至 {due}")
    expect(page.get_by_test_id("answer-due")).to_contain_text(f"剩余 {left} 天")
    expect(page.get_by_test_id("clocks")).to_contain_text("线索标记答复")
    screenshot("raised")

    # The court's enforcement officer disputes it, with reasons.
    log_in(page, live.url, w.enforcement.username)
    page.goto(f"{live.url}/flags/")
    expect(page.get_by_test_id("flags")).to_contain_text(flag.case_number or "")
    expect(page.get_by_test_id("flags").get_by_test_id("due")).to_contain_text(due)
    page.goto(f"{live.url}/matters/{flag.pk}/")
    dispute = _step(page, "dispute")
    dispute.locator('textarea[name="note"]').fill("借款有银行转账记录，法院认为不构成虚假诉讼。")
    dispute.locator('button[name="step"]').click()
    expect(page.get_by_test_id("flag-answer")).to_contain_text("银行转账")
    expect(page.get_by_test_id("answer-due")).to_have_count(0)
    expect(page.get_by_test_id("clocks")).to_contain_text("✓")  # answered in time

    # The prosecutor records the outcome.
    log_in(page, live.url, w.prosecutor.username)
    page.goto(f"{live.url}/matters/{flag.pk}/")
    close = _step(page, "close")
    close.locator('select[name="outcome"]').select_option("referred")
    close.locator('textarea[name="note"]').fill("已将虚假诉讼线索移送公安机关立案侦查。")
    close.locator('button[name="step"]').click()
    expect(page.get_by_test_id("flag-outcome")).to_contain_text("公安机关")
    assert Flag.objects.get(pk=flag.pk).state == "closed"
    screenshot("closed")

    # Both sides see it, with its outcome, on the one list and on the recommendation's page.
    for person in (w.prosecutor, w.judge):
        log_in(page, live.url, person.username)
        page.goto(f"{live.url}/flags/")
        expect(page.get_by_test_id("flags")).to_contain_text(flag.case_number or "")
        expect(page.get_by_test_id("flag-outcome")).to_be_visible()
        page.goto(f"{live.url}/matters/{served.pk}/")
        expect(page.get_by_test_id("subject-flag-outcome")).to_be_visible()


def test_an_unanswered_flag_reads_as_overdue_on_a_phone(
    live: Any, page: Any, screenshot: Any
) -> None:
    w = world()
    flag = flagged(w)
    today = timezone.localdate()
    Clock.objects.filter(matter=flag, name="answer").update(
        started_on=today - timedelta(days=18), due_on=today - timedelta(days=3)
    )
    assert take_expiry_steps(today=today) == 1  # the day's job: the flag's answer is overdue
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 844})

    log_in(page, live.url, w.prosecutor.username)
    page.goto(f"{live.url}/matters/{flag.pk}/")
    expect(page.get_by_test_id("answer-overdue")).to_have_text("对方单位逾期未答复。")
    expect(page.get_by_test_id("answer-due")).to_contain_text("已逾期 3 天")
    assert phone_problems(page) == []
    screenshot("overdue")

    log_in(page, live.url, w.judge.username)
    page.goto(f"{live.url}/flags/")
    page.get_by_test_id("flag-filters").locator('select[name="state"]').select_option("overdue")
    page.get_by_test_id("flag-filters").locator("button").click()
    rows = page.get_by_test_id("flags")
    expect(rows).to_contain_text(flag.case_number or "")
    expect(rows).to_contain_text("逾期未答复")
    expect(page.get_by_test_id("flags").get_by_test_id("due")).to_contain_text("已逾期 3 天")
    assert phone_problems(page) == []
    screenshot("overdue-list")
