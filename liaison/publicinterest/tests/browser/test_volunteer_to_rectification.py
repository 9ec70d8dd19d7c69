"""Issue 4 end to end, in Datong (seed 004). On a phone (390 px) a volunteer reports a clue
while logged in; at their desks a clue officer finds it and accepts it into a case, a prosecutor
files it, drafts a procuratorial recommendation that, once approved, is served on the ecology
bureau, and assigns a volunteer
rectification supervisor, and the bureau replies; on a phone the supervisor reports what she sees
on site; the prosecutor accepts her report and closes the case as rectified; on a phone the
reporter sees it, in the inbox and under "my clues", and both volunteers have their points.
On the way the clue officer sees another report of the same coal yard suggested as a duplicate.
Every step's screenshot is kept in test-artefacts/screenshots/."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from liaison.core.tests.browser.conftest import ARTEFACTS
from liaison.core.tests.browser.pages import log_in
from liaison.publicinterest.models import Clue, Observation, PILCase
from liaison.publicinterest.tests.factories import (
    DATONG,
    agency,
    agency_officer,
    clue_officer,
    field,
    image_bytes,
    procuratorate,
    prosecutor,
    reported_clue,
    supervisor,
)
from liaison.recommendations.models import Recommendation
from liaison.volunteers.tests.factories import volunteer, youth_volunteers
from liaison.workflow.tests.factories import approve_all

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]

# The volunteers' phone is WeChat's built-in browser on Android (its user agent), where the
# public side is most often opened from a shared link.
WECHAT = (
    "Mozilla/5.0 (Linux; Android 14; V2307A Build/UP1A.231005.007; wv) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Version/4.0 Chrome/130.0.6723.103 Mobile Safari/537.36 XWEB/1300289 "
    "MMWEBSDK/20241103 MMWEBID/6533 MicroMessenger/8.0.55.2780(0x28003737) WeChat/arm64 "
    "Weixin NetType/WIFI Language/zh_CN ABI/arm64"
)
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "user_agent": WECHAT,
}
DESK = {"viewport": {"width": 1280, "height": 900}}
REPORTER_MOBILE, SUPERVISOR_MOBILE = "13703520001", "13703520002"
YUNGANG = "140214"  # 大同市云冈区, where the coal yard is


@pytest.fixture
def screens(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """Two browsers side by side: the volunteers' phone and the staff's desk, each in Chinese;
    ``shot(page, step)`` keeps a full-page screenshot of the step."""
    contexts = [browser.new_context(locale="zh-CN", **args) for args in (PHONE, DESK)]
    ARTEFACTS.mkdir(parents=True, exist_ok=True)

    def shot(page: Any, step: str) -> None:
        page.screenshot(path=str(ARTEFACTS / f"{request.node.name}-{step}.png"), full_page=True)

    phone, desk = (context.new_page() for context in contexts)
    yield phone, desk, shot
    for context in contexts:
        context.close()


def fits(phone: Any) -> None:
    """Nothing on the phone's page needs sideways scrolling."""
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


def test_a_volunteers_clue_is_rectified_under_a_volunteers_supervision(
    live: Any, screens: Any
) -> None:
    phone, desk, shot = screens
    field("ecology")
    datong = procuratorate(DATONG, name="大同市人民检察院", abbreviation="同检")
    bureau = agency(DATONG, name="大同市生态环境局")
    clue_officer(datong, username="hu", name="胡燕")
    prosecutor(datong, username="luo", name="罗伟民")
    agency_officer(bureau, username="wu", name="吴祖阳")
    youth = youth_volunteers()
    volunteer(name="宋柳金", joins=youth, mobile=REPORTER_MOBILE)
    watcher = supervisor(name="李静怡", joins=youth, mobile=SUPERVISOR_MOBILE)
    foreign: list[str] = []
    for page in (phone, desk):
        page.on(
            "request", lambda r: foreign.append(r.url) if not r.url.startswith(live.url) else None
        )

    # 1. On a phone, the volunteer reports a clue while logged in.
    log_in(phone, live.url, REPORTER_MOBILE)
    phone.goto(f"{live.url}/publicinterest/report/")
    phone.get_by_label("领域", exact=True).select_option("ecology")
    phone.get_by_label("存在什么问题").fill(
        "口泉乡杨家窑村东的露天煤场堆放大量原煤，没有苫盖也没有围挡，一刮风煤灰就飘进村里。"
    )
    phone.get_by_label("地点").fill("山西省大同市云冈区口泉乡杨家窑村东")
    phone.get_by_label("照片").set_input_files(
        files=[{"name": "煤场.jpg", "mimeType": "image/jpeg", "buffer": image_bytes(gps=True)}]
    )
    phone.get_by_label("您的姓名").fill("宋柳金")
    phone.get_by_label("您的手机号码").fill(REPORTER_MOBILE)
    fits(phone)
    shot(phone, "1-volunteer-reports")
    phone.get_by_role("button", name="提交线索").click()
    expect(phone.get_by_test_id("sent-to")).to_have_text("大同市人民检察院")
    clue = Clue.objects.get()
    shot(phone, "2-receipt")
    # Meanwhile a passer-by reports the same coal yard anonymously, in other words.
    other = reported_clue(
        at=YUNGANG,
        description="杨家窑村东边的露天煤场原煤没有苫盖，刮风时煤灰飘进村里。",
        address="口泉乡杨家窑村",
    )

    # 2. At her desk, the clue officer finds it in the triage queue, sees the other report
    # suggested as the same problem (same field and district, similar words, the same days),
    # and accepts the volunteer's clue into a case.
    log_in(desk, live.url, "hu")
    desk.goto(f"{live.url}/publicinterest/triage/")
    desk.get_by_test_id("triage").get_by_role("link", name=clue.case_number).click()
    expect(desk.get_by_test_id("clue-description")).to_contain_text("杨家窑村东的露天煤场")
    suggestions = desk.get_by_test_id("duplicates")
    expect(suggestions).to_contain_text(other.case_number or "")
    expect(suggestions.get_by_test_id("duplicate-reasons").first).to_contain_text("同一领域")
    shot(desk, "3a-duplicate-suggested")
    desk.get_by_label("行政公益诉讼案件").check()
    desk.get_by_label("负有监管职责的行政机关").select_option(label="大同市生态环境局")
    shot(desk, "3-officer-accepts")
    desk.get_by_role("button", name="受理", exact=True).click()
    expect(desk.get_by_test_id("state")).to_have_text("已受理")
    case = PILCase.objects.get()

    # 3. The prosecutor files the case, serves the recommendation and assigns a supervisor.
    log_in(desk, live.url, "luo")
    desk.get_by_test_id("my-work").get_by_role("link", name=case.case_number).click()
    desk.get_by_role("button", name="立案", exact=True).click()
    expect(desk.get_by_test_id("approval")).to_be_visible()
    approve_all(case)  # the department head and the chief procurator (test_case_to_rectification)
    desk.reload()
    expect(desk.get_by_test_id("state")).to_have_text("立案调查中")
    desk.get_by_label("查明的事实").fill(
        "经现场勘查，该煤场露天堆放原煤约三万吨，未采取苫盖、喷淋等抑尘措施。"
    )
    desk.get_by_label("本院认为").fill(
        "你局作为大气污染防治的监督管理部门，未依法履行对该煤场扬尘污染的监管职责。"
    )
    desk.get_by_label("检察建议内容").fill(
        "依法查处该煤场未采取抑尘措施的违法行为\n督促其建设防风抑尘网、全部苫盖并安装喷淋设施"
    )
    desk.get_by_role("button", name="起草诉前检察建议").click()
    expect(desk.get_by_test_id("state")).to_have_text("检察建议起草审批中")
    recommendation = Recommendation.objects.get()
    desk.goto(f"{live.url}/matters/{recommendation.pk}/")
    desk.get_by_role("button", name="送达行政机关").click()
    expect(desk.get_by_test_id("approval")).to_be_visible()
    approve_all(recommendation)
    desk.goto(f"{live.url}/matters/{case.pk}/")
    expect(desk.get_by_test_id("state")).to_have_text("待行政机关回复")
    desk.locator("#id_supervisor_person").select_option(str(watcher.pk))
    desk.get_by_test_id("supervisor-form").get_by_role("button", name="指派").click()
    expect(desk.get_by_test_id("supervisor")).to_contain_text("李静怡")
    shot(desk, "4-recommendation-served-supervisor-assigned")
    recommendation = Recommendation.objects.get()

    # 4. The bureau's officer replies with the rectification.
    log_in(desk, live.url, "wu")
    desk.get_by_test_id("my-work").get_by_role("link", name=recommendation.case_number).click()
    desk.get_by_label("回复", exact=True).fill(
        "我局已对该煤场立案查处，责令其建设防风抑尘网、全部苫盖并安装喷淋设施，现已整改完毕。"
    )
    desk.get_by_label("已整改", exact=True).check()
    desk.get_by_role("button", name="回复", exact=True).click()
    expect(desk.get_by_test_id("state")).to_have_text("已回复")
    shot(desk, "5-agency-replies")

    # 5. On a phone, the supervisor finds the case on her page and reports from the site.
    log_in(phone, live.url, SUPERVISOR_MOBILE)
    phone.goto(f"{live.url}/volunteers/me/")
    supervised = phone.get_by_test_id("supervised")
    expect(supervised).to_contain_text(case.case_number)
    supervised.get_by_role("link").first.click()
    expect(phone.get_by_test_id("supervision-measures")).to_contain_text("全部苫盖并安装喷淋设施")
    expect(phone.get_by_test_id("supervision-reply")).to_contain_text("现已整改完毕")
    expect(phone.get_by_test_id("supervision")).not_to_contain_text(clue.case_number)
    expect(phone.get_by_test_id("supervision")).not_to_contain_text("一刮风煤灰就飘进村里")
    phone.locator("#id_observation_finding").select_option("rectified")
    phone.locator("#id_observation_note").fill(
        "防风抑尘网已建成，煤堆全部苫盖，装卸时有喷淋，村民说窗台不再落煤灰。"
    )
    phone.locator("#id_observation_photos").set_input_files(
        files=[{"name": "现场.jpg", "mimeType": "image/jpeg", "buffer": image_bytes(gps=True)}]
    )
    fits(phone)
    shot(phone, "6-supervisor-reports")
    phone.get_by_role("button", name="提交报告").click()
    expect(phone.get_by_test_id("observation-review")).to_have_text("待审查")
    fits(phone)
    shot(phone, "7-report-sent")
    # The case's own page is not hers: it sends her back to the supervision page.
    phone.goto(f"{live.url}/matters/{case.pk}/")
    expect(phone.get_by_test_id("supervision")).to_be_visible()
    assert Observation.objects.get().photos.count() == 1

    # 6. The prosecutor accepts her report and closes the case as rectified.
    log_in(desk, live.url, "luo")
    desk.goto(f"{live.url}/matters/{case.pk}/")
    expect(desk.get_by_test_id("state")).to_have_text("跟进监督")
    desk.get_by_test_id("review-form").get_by_role("button", name="采纳报告").click()
    expect(desk.get_by_test_id("observation-review")).to_contain_text("已采纳")
    desk.locator("#id_close_rectified_note").fill("经志愿者监督和现场核查，煤场已整改到位。")
    desk.get_by_role("button", name="整改到位结案").click()
    expect(desk.get_by_test_id("approval")).to_be_visible()
    approve_all(case)  # the chief procurator (test_case_to_rectification approves in the page)
    desk.reload()
    expect(desk.get_by_test_id("state")).to_have_text("整改到位结案")
    shot(desk, "8-closed-rectified")

    # 7. On a phone, the reporter sees it: in the inbox and under "my clues".
    log_in(phone, live.url, REPORTER_MOBILE)
    phone.goto(live.url + reverse("notifications:inbox"))
    expect(phone.locator("main")).to_contain_text("您反映的问题")
    expect(phone.locator("main")).to_contain_text("已整改到位")
    shot(phone, "9-reporter-told")
    phone.goto(f"{live.url}/volunteers/me/")
    expect(phone.get_by_test_id("clue-case-state")).to_have_text("整改到位结案")
    expect(phone.get_by_test_id("points-total")).to_contain_text("10")
    fits(phone)
    shot(phone, "10-reporter-sees-the-outcome")

    # The supervisor's accepted report earned her points too.
    log_in(phone, live.url, SUPERVISOR_MOBILE)
    phone.goto(f"{live.url}/volunteers/me/")
    expect(phone.get_by_test_id("points-total")).to_contain_text("5")
    expect(phone.get_by_test_id("supervised-state")).to_have_text("整改到位结案")
    shot(phone, "11-supervisor-points")
    assert foreign == []
