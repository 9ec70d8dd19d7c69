"""At desks, in Datong (seed 004): a clue officer accepts a clue about coal-yard dust into an
administrative case; a prosecutor files it and serves a procuratorial recommendation on the
ecology bureau, and downloads its PDF; the bureau's officer finds it in "my work" and replies
with the rectification; the prosecutor checks on site and closes the case as rectified; the
reporter's progress page, by query code, says the problem was corrected."""

from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from liaison.publicinterest.models import PILCase, Recommendation
from liaison.publicinterest.tests.factories import (
    agency,
    agency_officer,
    clue_officer,
    field,
    image_bytes,
    procuratorate,
    prosecutor,
    reported_clue,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]

PASSWORD = "correct horse battery staple"
DATONG, YUNGANG = "140200", "140214"


def _log_in(page: Any, live: Any, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{live.url}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="我的待办")).to_be_visible()


def test_a_clue_becomes_a_case_a_recommendation_and_a_rectification(
    live: Any, page: Any, screenshot: Any
) -> None:
    field("ecology")
    datong = procuratorate(DATONG, name="大同市人民检察院", abbreviation="同检")
    bureau = agency(DATONG, name="大同市生态环境局")
    clue_officer(datong, username="hu", name="胡燕")
    prosecutor(datong, username="luo", name="罗伟民")
    agency_officer(bureau, username="wu", name="吴祖阳")
    clue = reported_clue(
        at=YUNGANG,
        description="云冈区口泉乡一处露天煤场未苫盖，刮风时煤尘飞扬，周边村庄窗台积满煤灰。",
        address="云冈区口泉乡杨家窑村东",
    )

    # The clue officer accepts the clue into an administrative case against the bureau.
    _log_in(page, live, "hu")
    page.goto(f"{live.url}/publicinterest/triage/")
    page.get_by_test_id("triage").get_by_role("link", name=clue.case_number).click()
    page.get_by_label("行政公益诉讼案件").check()
    page.get_by_label("负有监管职责的行政机关").select_option(label="大同市生态环境局")
    page.get_by_role("button", name="受理", exact=True).click()
    expect(page.get_by_test_id("state")).to_have_text("已受理")
    case = PILCase.objects.get()
    expect(page.get_by_test_id("clue-case")).to_contain_text(case.case_number)
    screenshot("1-accepted")

    # A prosecutor finds the new case in "my work", files it and issues the recommendation.
    _log_in(page, live, "luo")
    page.get_by_test_id("my-work").get_by_role("link", name=case.case_number).click()
    expect(page.get_by_test_id("case-agency")).to_have_text("大同市生态环境局")
    page.get_by_role("button", name="立案", exact=True).click()
    expect(page.get_by_test_id("state")).to_have_text("立案调查中")
    page.get_by_label("查明的事实").fill(
        "经现场勘查，该煤场露天堆放原煤约三万吨，未采取苫盖、喷淋等抑尘措施。"
    )
    page.get_by_label("本院认为").fill(
        "你局作为大气污染防治的监督管理部门，未依法履行对该煤场扬尘污染的监管职责。"
    )
    page.get_by_label("检察建议内容").fill(
        "依法查处该煤场未采取抑尘措施的违法行为\n督促其全部苫盖并安装喷淋设施"
    )
    screenshot("2-recommendation-form")
    page.get_by_role("button", name="制发诉前检察建议").click()
    expect(page.get_by_test_id("state")).to_have_text("待行政机关回复")
    recommendation = Recommendation.objects.get()
    page.get_by_test_id("case-recommendation").get_by_role(
        "link", name=recommendation.case_number
    ).click()
    with page.expect_download() as download:
        page.get_by_test_id("document-pdf").click()
    pdf = Path(download.value.path()).read_bytes()
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages).replace("\n", "")
    assert recommendation.case_number in text and case.case_number in text
    assert "大同市生态环境局" in text
    screenshot("3-recommendation-served")

    # The bureau's officer finds it in "my work" and replies with the rectification.
    _log_in(page, live, "wu")
    work = page.get_by_test_id("my-work")
    expect(work).to_contain_text(recommendation.case_number)
    expect(work).not_to_contain_text(case.case_number + " ")
    screenshot("4-agency-my-work")
    work.get_by_role("link", name=recommendation.case_number).click()
    expect(page.get_by_test_id("measures")).to_contain_text("督促其全部苫盖")
    page.get_by_label("回复", exact=True).fill(
        "我局已对该煤场立案查处，责令其全部苫盖并安装喷淋设施，现已整改完毕。"
    )
    page.get_by_label("已整改", exact=True).check()
    page.get_by_label("证明材料").set_input_files(
        files=[{"name": "整改后.jpg", "mimeType": "image/jpeg", "buffer": image_bytes()}]
    )
    page.get_by_role("button", name="回复", exact=True).click()
    expect(page.get_by_test_id("state")).to_have_text("已回复")
    expect(page.get_by_test_id("reply")).to_contain_text("整改后.jpg")
    screenshot("5-agency-replied")

    # The prosecutor checks on site and closes the case as rectified.
    _log_in(page, live, "luo")
    page.goto(f"{live.url}/matters/{case.pk}/")
    expect(page.get_by_test_id("state")).to_have_text("跟进监督")
    page.locator("#id_observation_finding").select_option("rectified")
    page.locator("#id_observation_note").fill("煤堆已全部苫盖，喷淋设施运行正常，未见扬尘。")
    page.locator("#id_observation_photos").set_input_files(
        files=[{"name": "复查.jpg", "mimeType": "image/jpeg", "buffer": image_bytes(gps=True)}]
    )
    page.get_by_role("button", name="保存核查记录").click()
    expect(page.get_by_test_id("observation")).to_contain_text("煤堆已全部苫盖")
    page.locator("#id_close_rectified_note").fill("经现场核查，煤场已整改到位，公益损害已消除。")
    page.get_by_role("button", name="整改到位结案").click()
    expect(page.get_by_test_id("state")).to_have_text("整改到位结案")
    screenshot("6-closed-rectified")

    # The reporter, who never logged in, looks the clue up by its query code.
    page.context.clear_cookies()
    page.goto(f"{live.url}/publicinterest/progress/")
    page.get_by_label("查询码").fill(clue.query_code_display)
    page.get_by_role("button", name="查询").click()
    expect(page.get_by_test_id("progress-case-state")).to_have_text("整改到位结案")
    expect(page.get_by_test_id("progress-case")).to_contain_text("您反映的问题已整改到位")
    expect(page.get_by_test_id("progress")).not_to_contain_text("大同市生态环境局")
    screenshot("7-progress")
