"""A petition in the browser: the prosecutor records and accepts it and invites a verified lawyer;
the lawyer, who sees the petitioner only masked, accepts and records their part; the prosecutor
looks at who petitioned (audited) and resolves it."""

from typing import Any

import pytest
from playwright.sync_api import expect

from liaison.audit.models import AuditRecord
from liaison.core.tests.browser.pages import log_in
from liaison.lawyers.tests.factories import lawyer
from liaison.orgs.roles import Role
from liaison.petitions.models import Petition, PetitionLawyer

from ..factories import procuratorate, staff

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def test_staff_invite_a_lawyer_who_takes_part_and_staff_resolve(
    live: Any, page: Any, screenshot: Any
) -> None:
    org = procuratorate(name="鄂尔多斯市康巴什区人民检察院", abbreviation="康检")
    staff(org, Role.PROSECUTOR, username="lijianguo", name="李建国")
    gao = lawyer(at=org, username="gaowenbo", name="高文博")

    log_in(page, live.url, "lijianguo")
    page.get_by_test_id("nav-petitions").click()
    page.get_by_test_id("new-petition").click()
    page.get_by_label("信访人姓名").fill("王秀兰")
    page.get_by_label("信访人手机号码").fill("139 0477 0188")
    page.get_by_label("标题").fill("不服民间借贷纠纷判决，请求检察监督")
    page.get_by_label("信访诉求").fill("认为一审判决认定借款事实错误，请求检察机关监督。")
    page.get_by_label("信访方式").select_option("visit")
    page.get_by_role("button", name="登记").click()
    expect(page.get_by_test_id("state")).to_have_text("已收到")
    expect(page.get_by_test_id("clocks")).to_contain_text("程序性回复")
    petition_url = page.url

    page.get_by_label("对信访人的答复").fill("已受理，由第二检察部办理，已当面告知。")
    page.get_by_role("button", name="受理并答复已收到").click()
    expect(page.get_by_test_id("state")).to_have_text("已受理")
    page.get_by_label("律师", exact=True).select_option(str(gao.pk))
    page.get_by_label("给律师的留言").fill("请参与释法说理。")
    screenshot("invite")
    page.get_by_role("button", name="邀请律师参与").click()
    expect(page.get_by_test_id("state")).to_have_text("已邀请律师")
    expect(page.get_by_test_id("lawyer-response")).to_have_text("尚未答复")

    log_in(page, live.url, "gaowenbo")
    page.goto(f"{live.url}/lawyers/")
    page.get_by_test_id("petitions").get_by_role("link").first.click()
    expect(page.get_by_test_id("petitioner-name")).to_have_text("王**")
    expect(page.get_by_test_id("petitioner-mobile")).to_have_text("139****0188")
    expect(page.get_by_test_id("show-petitioner")).to_have_count(0)
    page.get_by_role("button", name="接受", exact=True).click()
    expect(page.get_by_test_id("state")).to_have_text("律师参与中")
    page.get_by_label("您的意见和所做的工作").fill(
        "与信访人面谈，释明再审申请的期限和证据要求，建议有新证据时依法申请再审。"
    )
    page.get_by_role("button", name="记录意见和工作情况").click()
    expect(page.get_by_test_id("my-opinion")).to_contain_text("释明再审申请的期限")
    screenshot("lawyer")

    log_in(page, live.url, "lijianguo")
    page.goto(petition_url)
    expect(page.get_by_test_id("lawyer-opinion")).to_contain_text("释明再审申请的期限")
    page.get_by_test_id("show-petitioner").click()
    expect(page.get_by_test_id("petitioner-name")).to_have_text("王秀兰")
    page.get_by_label("告知信访人的处理结果").fill(
        "信访人接受释法说理，表示依法申请再审，息诉罢访。"
    )
    page.get_by_role("button", name="记录为已化解").click()
    expect(page.get_by_test_id("state")).to_have_text("已化解")
    expect(page.get_by_test_id("outcome")).to_contain_text("息诉罢访")
    screenshot("resolved")

    petition = Petition.objects.get()
    assert petition.state == "resolved" and petition.petitioner_mobile == "13904770188"
    assert PetitionLawyer.objects.get().invitation.state == "accepted"
    assert AuditRecord.objects.filter(action="petitions.petitioner.view").count() == 1
