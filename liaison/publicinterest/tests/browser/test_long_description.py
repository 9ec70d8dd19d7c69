"""A reporter pastes a long description into the report form: nothing is cut (no maxlength),
the counter under it says how far over the limit it is, and the server answers in plain
Chinese with the whole text kept."""

from typing import Any

import pytest
from playwright.sync_api import expect

from liaison.publicinterest.models import Clue
from liaison.publicinterest.tests.factories import field, procuratorate

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def test_a_pasted_description_over_the_limit_is_kept_counted_and_refused_in_words(
    live: Any, page: Any, screenshot: Any
) -> None:
    field("ecology")
    procuratorate(name="鄂尔多斯市康巴什区人民检察院", abbreviation="康检")
    typed = ("青春山湿地公园东侧河道有企业偷排污水，河水发黑发臭。" * 300)[:5312]

    page.goto(f"{live.url}/publicinterest/report/")
    page.get_by_label("领域", exact=True).select_option("ecology")
    description = page.get_by_label("存在什么问题")
    description.focus()
    page.keyboard.insert_text(typed)  # as a paste: an HTML maxlength would cut it at 5,000
    assert description.input_value() == typed
    counter = page.get_by_test_id("text-count-description")
    expect(counter).to_have_text("5,312 / 5,000 字，超出 312 字")
    expect(counter).to_have_class("form-text text-count text-danger fw-semibold")
    page.get_by_label("地点").fill("内蒙古鄂尔多斯市康巴什区青春山湿地公园东侧")
    page.get_by_label("匿名举报").check()
    screenshot("pasted")
    page.get_by_role("button", name="提交线索").click()

    expect(page.get_by_test_id("error-description")).to_have_text(
        "请控制在 5,000 字以内；您写了 5,312 字。"
    )
    assert page.get_by_label("存在什么问题").input_value() == typed
    expect(page.get_by_test_id("text-count-description")).to_contain_text("超出 312 字")
    screenshot("refused")
    assert not Clue.objects.exists()

    # Cut to the limit, the counter is quiet again.
    page.get_by_label("存在什么问题").fill(typed[:4990])
    expect(page.get_by_test_id("text-count-description")).to_have_text("4,990 / 5,000 字")
