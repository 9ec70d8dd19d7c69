"""At desks, in Datong (seed 004): a clue officer accepts a clue about coal-yard dust into an
administrative case; a prosecutor files it, which the department head and the chief procurator
approve; he drafts the procuratorial recommendation to the ecology bureau, reads it as its formal
document, corrects it and submits it; the department head approves, the chief procurator
returns it with a comment, the prosecutor corrects it and submits it again, and once both have
approved it is served, with its PDF, and the case shows when the reply is due (the bureau saw
nothing before); the bureau's officer finds it in "my work" and replies with the rectification;
the prosecutor checks on site and closes the case as rectified; the reporter's progress page,
by query code, says the problem was corrected."""

from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from liaison.core.tests.factories import member
from liaison.orgs.roles import Role
from liaison.publicinterest.models import PILCase
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
from liaison.recommendations.models import Recommendation

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


def _pdf_text(content: bytes) -> str:
    return "".join(p.extract_text() for p in PdfReader(BytesIO(content)).pages).replace("\n", "")


def _approve(page: Any, live: Any, username: str, number: str | None) -> None:
    """``username`` finds the step awaiting their approval in "my work" and approves it."""
    _log_in(page, live, username)
    page.get_by_test_id("my-work").get_by_role("link", name=number).click()
    page.get_by_test_id("approval-form").get_by_role("button", name="同意").click()
    expect(page.get_by_role("alert").filter(has_text="已审批通过")).to_be_visible()


def test_a_clue_becomes_a_case_a_recommendation_and_a_rectification(
    live: Any, page: Any, screenshot: Any
) -> None:
    field("ecology")
    datong = procuratorate(DATONG, name="大同市人民检察院", abbreviation="同检")
    bureau = agency(DATONG, name="大同市生态环境局")
    clue_officer(datong, username="hu", name="胡燕")
    prosecutor(datong, username="luo", name="罗伟民")
    member(datong, Role.DEPARTMENT_HEAD, username="liang", name="梁瑞华")
    member(datong, Role.CHIEF_PROCURATOR, username="zheng", name="郑立明")
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

    # A prosecutor finds the new case in "my work" and files it; filing waits for approval.
    _log_in(page, live, "luo")
    page.get_by_test_id("my-work").get_by_role("link", name=case.case_number).click()
    expect(page.get_by_test_id("case-agency")).to_have_text("大同市生态环境局")
    page.get_by_role("button", name="立案", exact=True).click()
    expect(page.get_by_test_id("approval")).to_contain_text("待审批：立案")
    expect(page.get_by_test_id("approval-awaits")).to_contain_text("梁瑞华")
    expect(page.get_by_test_id("state")).to_have_text("待立案")
    _approve(page, live, "liang", case.case_number)
    _approve(page, live, "zheng", case.case_number)
    expect(page.get_by_test_id("state")).to_have_text("立案调查中")
    expect(page.get_by_test_id("timeline")).to_contain_text("审批人 梁瑞华、郑立明")

    # He drafts the recommendation: nothing is served yet.
    _log_in(page, live, "luo")
    page.goto(f"{live.url}/matters/{case.pk}/")
    page.get_by_label("查明的事实").fill(
        "经现场勘查，该煤场露天堆放原煤约三万吨，未采取苫盖、喷淋等抑尘措施。"
    )
    page.get_by_label("本院认为").fill(
        "你局作为大气污染防治的监督管理部门，未依法履行对该煤场扬尘污染的监管职责。"
    )
    page.get_by_label("检察建议内容").fill("依法查处该煤场未采取抑尘措施的违法行为")
    screenshot("2-recommendation-form")
    page.get_by_role("button", name="起草诉前检察建议").click()
    expect(page.get_by_test_id("state")).to_have_text("检察建议起草审批中")
    recommendation = Recommendation.objects.get()
    page.get_by_test_id("case-recommendation").get_by_role(
        "link", name=recommendation.case_number
    ).click()
    expect(page.get_by_test_id("recommendation-draft")).to_be_visible()
    expect(page.get_by_test_id("document-pdf")).to_have_count(0)

    # He reads the draft as its formal document, corrects it and submits it for approval.
    preview = page.get_by_test_id("preview-pdf").get_attribute("href")
    text = _pdf_text(page.context.request.get(f"{live.url}{preview}").body())
    assert "草稿" in text and "大同市生态环境局" in text and "督促其全部苫盖" not in text
    page.get_by_label("检察建议内容").fill(
        "依法查处该煤场未采取抑尘措施的违法行为\n督促其全部苫盖并安装喷淋设施"
    )
    page.get_by_role("button", name="保存修改").click()
    text = _pdf_text(page.context.request.get(f"{live.url}{preview}").body())
    assert "督促其全部苫盖并安装喷淋设施" in text
    screenshot("3a-draft-corrected")
    page.get_by_role("button", name="送达行政机关").click()
    expect(page.get_by_test_id("approval")).to_contain_text("待审批：送达行政机关")

    # The department head approves; the chief procurator returns it with a comment.
    _approve(page, live, "liang", recommendation.case_number)
    _log_in(page, live, "zheng")
    page.get_by_test_id("my-work").get_by_role("link", name=recommendation.case_number).click()
    page.get_by_test_id("approval-form").get_by_label("审批意见").fill("请写明整改期限。")
    screenshot("3b-chief-returns")
    page.get_by_role("button", name="退回修改").click()
    expect(page.get_by_test_id("approval")).to_have_count(0)

    # The prosecutor finds it back in "my work", corrects it and submits it again.
    _log_in(page, live, "luo")
    page.get_by_test_id("my-work").get_by_role("link", name=recommendation.case_number).click()
    expect(page.get_by_test_id("timeline")).to_contain_text("请写明整改期限。")
    page.get_by_label("检察建议内容").fill(
        "于两个月内依法查处该煤场未采取抑尘措施的违法行为\n督促其全部苫盖并安装喷淋设施"
    )
    page.get_by_role("button", name="保存修改").click()
    page.get_by_role("button", name="送达行政机关").click()
    expect(page.get_by_test_id("approval")).to_be_visible()

    # The bureau sees nothing of it before it is served.
    _log_in(page, live, "wu")
    expect(page.get_by_test_id("my-work-empty")).to_be_visible()
    page.goto(f"{live.url}/matters/{recommendation.pk}/")
    expect(page.get_by_test_id("state")).to_have_count(0)

    # Approved at both levels, it is served: its PDF, and the case says when the reply is due.
    _approve(page, live, "liang", recommendation.case_number)
    _approve(page, live, "zheng", recommendation.case_number)
    expect(page.get_by_test_id("state")).to_have_text("已送达")
    _log_in(page, live, "luo")
    page.goto(f"{live.url}/matters/{case.pk}/")
    expect(page.get_by_test_id("state")).to_have_text("待行政机关回复")
    due = recommendation.clocks.get(name="reply").due_on.isoformat()
    expect(page.get_by_test_id("reply-due")).to_contain_text(due)
    page.get_by_test_id("case-recommendation").get_by_role(
        "link", name=recommendation.case_number
    ).click()
    with page.expect_download() as download:
        page.get_by_test_id("document-pdf").click()
    text = _pdf_text(Path(download.value.path()).read_bytes())
    assert recommendation.case_number in text and case.case_number in text
    assert "大同市生态环境局" in text and "于两个月内依法查处" in text and "草稿" not in text
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

    # The prosecutor checks on site and closes the case as rectified, once the chief procurator
    # approves.
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
    # Ending a case without suing awaits the chief procurator's approval.
    expect(page.get_by_test_id("approval")).to_contain_text("待审批：整改到位结案")
    expect(page.get_by_test_id("approval-awaits")).to_contain_text("郑立明")
    expect(page.get_by_test_id("state")).to_have_text("跟进监督")
    _approve(page, live, "zheng", case.case_number)
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
