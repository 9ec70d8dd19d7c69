"""In the browser (seed 001, Chengzhong): a prosecutor drafts a recommendation to the court on
the standalone page, submits it; the department head and the chief procurator approve it; it is
served and the court's enforcement officer answers it as adopted. Then the court imports a
register with a bad row: nothing is imported and the report of the rejected rows downloads."""

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from liaison.core.tests.browser.pages import log_in, menu
from liaison.core.tests.factories import OrganisationFactory, division, member
from liaison.courts.models import EnforcementCase
from liaison.courts.tests.factories import HEADING
from liaison.orgs.actions import cooperation_start
from liaison.orgs.roles import OrganisationKind, Role
from liaison.recommendations.models import Recommendation

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def _chengzhong() -> tuple[Any, Any]:
    procuratorate = OrganisationFactory(
        name="西宁市城中区人民检察院", abbreviation="城检", division=division()
    )
    court = OrganisationFactory(
        name="西宁市城中区人民法院", kind=OrganisationKind.COURT, division=division()
    )
    prosecutor = member(procuratorate, Role.PROSECUTOR, username="liu", name="刘晓明")
    member(procuratorate, Role.DEPARTMENT_HEAD, username="ma", name="马海燕")
    member(procuratorate, Role.CHIEF_PROCURATOR, username="han", name="韩永青")
    member(court, Role.ENFORCEMENT_OFFICER, username="lie", name="刘烈")
    cooperation_start(actor=prosecutor, organisations=(procuratorate, court))
    return procuratorate, court


def _approve(page: Any, live: Any, username: str, number: str) -> None:
    log_in(page, live.url, username)
    page.get_by_test_id("my-work").get_by_role("link", name=number).click()
    page.get_by_test_id("approval-form").get_by_role("button", name="同意").click()
    expect(page.get_by_role("alert").filter(has_text="已审批通过")).to_be_visible()


def test_a_recommendation_to_the_court_from_draft_to_answer(
    live: Any, page: Any, screenshot: Any
) -> None:
    _chengzhong()
    log_in(page, live.url, "liu")
    menu(page, "向法院提出检察建议")
    form = page.get_by_test_id("court-recommendation-form")
    form.locator("select[name=kind]").select_option(label="执行监督检察建议")
    form.locator("select[name=court]").select_option(label="西宁市城中区人民法院")
    form.locator("input[name=court_case_number]").fill("（2026）青0103执123号")
    form.locator("input[name=title]").fill("关于规范执行款发放工作的检察建议")
    form.locator("textarea[name=facts]").fill("经查，执行款扣划后逾三十日未发放。")
    form.locator("textarea[name=opinion]").fill("上述情形影响申请执行人合法权益的及时实现。")
    form.locator("textarea[name=measures]").fill("及时发放执行款")
    screenshot("1-draft")
    form.get_by_role("button", name="起草检察建议").click()
    recommendation = Recommendation.objects.get()
    expect(page.get_by_test_id("state")).to_have_text("草稿")
    page.get_by_role("button", name="向法院送达").click()
    expect(page.get_by_test_id("approval")).to_contain_text("向法院送达")

    _approve(page, live, "ma", recommendation.case_number)
    _approve(page, live, "han", recommendation.case_number)
    expect(page.get_by_test_id("state")).to_have_text("已送达")

    log_in(page, live.url, "lie")
    page.get_by_test_id("my-work").get_by_role("link", name=recommendation.case_number).click()
    page.get_by_label("回复", exact=True).fill("已全部发放执行款，并建立发放台账。")
    page.get_by_label("采纳", exact=True).check()
    screenshot("2-court-answers")
    page.get_by_role("button", name="回复", exact=True).click()
    expect(page.get_by_test_id("state")).to_have_text("已回复")
    answered = Recommendation.objects.get()
    assert answered.adoption == "adopted"

    menu(page, "对法院的检察建议")
    expect(page.get_by_test_id("figures-received")).to_contain_text("100%")
    screenshot("3-court-figures")


def test_a_register_with_a_bad_row_imports_nothing(live: Any, page: Any, screenshot: Any) -> None:
    _chengzhong()
    rows = (
        HEADING
        + "（2026）青0103执123号,西宁某建材有限公司,李某,125000.50,2026-03-02,\n"
        + "2026执124号,王某,西宁某物业服务有限公司,8000,2026-03-05,\n"
    )
    log_in(page, live.url, "lie")
    menu(page, "执行案件")
    page.get_by_test_id("import-link").click()
    form = page.get_by_test_id("import-form")
    form.locator("input[name=register]").set_input_files(
        files=[{"name": "登记表.csv", "mimeType": "text/csv", "buffer": rows.encode()}]
    )
    form.locator("select[name=procuratorate]").select_option(label="西宁市城中区人民检察院")
    form.get_by_role("button", name="导入").click()
    expect(page.get_by_test_id("import-refused")).to_be_visible()
    expect(page.get_by_test_id("rejected-rows")).to_contain_text("2026执124号")
    screenshot("import-refused")
    with page.expect_download() as download:
        page.get_by_test_id("import-report").click()
    report = Path(download.value.path()).read_bytes().decode("utf-8-sig")
    assert "2026执124号" in report and "（2026）青0103执123号" not in report
    assert not EnforcementCase.objects.exists()
