"""On a phone: a volunteer reports a clue anonymously and keeps the query code; a clue officer
finds it in the triage queue and accepts it; the progress page by code says so."""

from typing import Any

import pytest
from playwright.sync_api import expect

from liaison.publicinterest.models import Clue
from liaison.publicinterest.tests.factories import clue_officer, field, image_bytes, procuratorate

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
    pytest.mark.browser_context_args(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    ),
]

PASSWORD = "correct horse battery staple"


def test_an_anonymous_clue_is_reported_accepted_and_followed_by_its_code(
    live: Any, page: Any, screenshot: Any
) -> None:
    field("ecology")  # the fields table, emptied by the previous transactional test's flush
    kangbashi = procuratorate(name="鄂尔多斯市康巴什区人民检察院", abbreviation="康检")
    clue_officer(kangbashi, username="wang", name="王晓燕")

    # The volunteer, not logged in, on a phone.
    page.goto(f"{live.url}/publicinterest/")
    expect(page.get_by_test_id("statutory-fields")).to_contain_text("生态环境和资源保护")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    screenshot("intro")
    page.get_by_test_id("report-link").click()
    page.get_by_label("领域", exact=True).select_option("ecology")
    page.get_by_label("存在什么问题").fill("青春山湿地公园东侧河道有企业偷排污水，河水发黑发臭。")
    page.get_by_label("地点").fill("内蒙古鄂尔多斯市康巴什区青春山湿地公园东侧")
    page.get_by_label("照片").set_input_files(
        files=[{"name": "现场.jpg", "mimeType": "image/jpeg", "buffer": image_bytes(gps=True)}]
    )
    page.get_by_label("匿名举报").check()
    expect(page.get_by_label("您的姓名")).to_be_hidden()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot("report")
    page.get_by_role("button", name="提交线索").click()

    code = page.get_by_test_id("query-code")
    expect(code).to_be_visible()
    expect(page.get_by_test_id("sent-to")).to_have_text("鄂尔多斯市康巴什区人民检察院")
    query_code = code.inner_text().strip()
    screenshot("receipt")
    clue = Clue.objects.get()
    assert clue.anonymous and clue.query_code_display == query_code

    # The clue officer logs in (on a phone too), finds it in the triage queue and accepts it.
    page.goto(f"{live.url}/accounts/login/")
    page.get_by_label("用户名").fill("wang")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.goto(f"{live.url}/publicinterest/triage/")
    queue = page.get_by_test_id("triage")
    expect(queue).to_contain_text(clue.case_number)
    screenshot("triage")
    queue.get_by_role("link", name=clue.case_number).click()
    expect(page.get_by_test_id("state")).to_have_text("已提交")
    expect(page.get_by_test_id("reporter")).to_contain_text("匿名")
    page.get_by_label("行政公益诉讼案件").check()  # accepting opens a case
    page.get_by_role("button", name="受理", exact=True).click()
    expect(page.get_by_test_id("state")).to_have_text("已受理")
    screenshot("accepted")
    page.context.clear_cookies()  # the officer leaves; the volunteer never logged in

    # Back to the volunteer: the progress page by code.
    page.goto(f"{live.url}/publicinterest/progress/")
    page.get_by_label("查询码").fill(query_code.lower())
    page.get_by_role("button", name="查询").click()
    expect(page.get_by_test_id("progress-state")).to_have_text("已受理")
    expect(page.get_by_test_id("progress")).to_contain_text("鄂尔多斯市康巴什区人民检察院")
    screenshot("progress")
