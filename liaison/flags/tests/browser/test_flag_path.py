"""In the browser: a prosecutor flags a recommendation on an enforcement case served on the
court as false litigation, with its evidence; the court's enforcement officer disputes it with
reasons; the prosecutor records the outcome; both sides see it on /flags/."""

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from liaison.core.tests.browser.pages import log_in
from liaison.courts.tests.factories import served_to_court, world
from liaison.flags.models import Flag

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
    screenshot("raised")

    # The court's enforcement officer disputes it, with reasons.
    log_in(page, live.url, w.enforcement.username)
    page.goto(f"{live.url}/flags/")
    expect(page.get_by_test_id("flags")).to_contain_text(flag.case_number or "")
    page.goto(f"{live.url}/matters/{flag.pk}/")
    dispute = _step(page, "dispute")
    dispute.locator('textarea[name="note"]').fill("借款有银行转账记录，法院认为不构成虚假诉讼。")
    dispute.locator('button[name="step"]').click()
    expect(page.get_by_test_id("flag-answer")).to_contain_text("银行转账")

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
