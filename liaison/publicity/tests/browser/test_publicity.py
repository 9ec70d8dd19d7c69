"""In the browser, at a phone's width and in Chinese: a district prosecutor records a lecture
held with the judicial bureau under their agreement, with a photo as its material; the bureau's
officer finds it on the agreement's page and corrects the audience; the city procuratorate reads
it; another district sees nothing."""

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from liaison.core.tests.browser.pages import log_in
from liaison.publicity.models import PublicityEvent
from liaison.publicity.tests.factories import photo, world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def test_a_lecture_recorded_and_corrected(
    live: Any, page: Any, screenshot: Any, tmp_path: Path, settings: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    w = world()
    for person, name in (
        (w.prosecutor, "wz_prosecutor"),
        (w.bureau_officer, "wz_bureau"),
        (w.city_prosecutor, "wuhu"),
        (w.sibling_prosecutor, "jiujiang"),
    ):
        person.username = name
        person.save(update_fields=["username"])
    picture = tmp_path / "讲座.jpg"
    picture.write_bytes(photo().read())
    page.set_viewport_size({"width": 390, "height": 844})

    log_in(page, live.url, "wz_prosecutor")
    page.goto(f"{live.url}/publicity/")
    page.get_by_test_id("publicity-new").click()
    page.locator("#id_kind").select_option("lecture")
    page.locator("#id_title").fill("支持起诉专题讲座")
    page.locator("#id_held_on").fill("2022-06-01")
    page.locator("#id_place").fill("湾沚区司法局会议室")
    page.get_by_label("湾沚区司法局").check()
    page.locator("#id_participants_text").fill("各乡镇司法所、律师事务所代表")
    page.locator("#id_audience").fill("-3")
    page.get_by_test_id("event-save").click()
    expect(page.locator(".invalid-feedback").first).to_contain_text("不能为负数")
    expect(page.locator("#id_place")).to_have_value("湾沚区司法局会议室")
    assert not PublicityEvent.objects.exists()
    page.locator("#id_audience").fill("60")
    page.locator("#id_agreement").select_option(str(w.agreement.pk))
    page.locator("#id_material").set_input_files(str(picture))
    screenshot("record")
    page.get_by_test_id("event-save").click()
    expect(page.get_by_test_id("event-title")).to_have_text("支持起诉专题讲座")
    expect(page.get_by_test_id("event-material")).to_contain_text("讲座.jpg")
    event = PublicityEvent.objects.get()
    assert event.held_on == date(2022, 6, 1) and event.audience == 60

    log_in(page, live.url, "wz_bureau")
    page.goto(f"{live.url}/matters/{w.agreement.pk}/")
    panel = page.get_by_test_id("agreement-publicity")
    expect(panel).to_contain_text("支持起诉专题讲座")
    panel.get_by_role("link", name="支持起诉专题讲座").click()
    page.get_by_test_id("event-edit").click()
    page.locator("#id_audience").fill("75")
    page.get_by_test_id("event-save").click()
    expect(page.get_by_test_id("event-audience")).to_have_text("75")
    screenshot("corrected")

    log_in(page, live.url, "wuhu")
    page.goto(f"{live.url}/publicity/")
    expect(page.get_by_test_id("publicity-events")).to_contain_text("支持起诉专题讲座")

    log_in(page, live.url, "jiujiang")
    page.goto(f"{live.url}/publicity/")
    expect(page.get_by_test_id("publicity-events")).not_to_contain_text("支持起诉专题讲座")
