"""On a phone (390 px): a volunteer registers, joins the Datong youth volunteers, reports a clue
while logged in and finds it under "my clues"; a prosecutor schedules a hearing and invites the
volunteer, who accepts; attendance is recorded and the volunteer's points appear."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from liaison.accounts.models import User
from liaison.accounts.tests.registering import confirm_in_browser
from liaison.core.tests.factories import member
from liaison.hearings.models import Hearing
from liaison.hearings.tests.factories import make_it_the_hearing_day
from liaison.orgs.roles import Role
from liaison.publicinterest.models import Clue
from liaison.publicinterest.tests.factories import DATONG, clue_officer, field, procuratorate
from liaison.volunteers.tests.factories import resident_id, youth_volunteers

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
    pytest.mark.browser_context_args(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    ),
]

PASSWORD = "correct horse battery staple"
VOLUNTEER_PASSWORD = "Datong-green-2026"


def fits(page: Any) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def log_in(page: Any, base: str, username: str, password: str = PASSWORD) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()


def test_a_volunteer_reports_is_invited_attends_and_earns_points(
    live: Any, page: Any, screenshot: Any
) -> None:
    field("ecology")
    datong = procuratorate(DATONG, name="大同市人民检察院", abbreviation="同检")
    clue_officer(datong, username="huyan", name="胡燕")
    member(datong, Role.PROSECUTOR, username="luo", name="罗伟民")
    youth_volunteers()

    # The volunteer registers on a phone.
    page.goto(f"{live.url}/volunteers/register/")
    page.get_by_label("真实姓名").fill("宋柳金")
    page.get_by_label("手机号码").fill("137 0352 0001")
    page.get_by_label("居民身份证号码").fill(resident_id(1))
    page.get_by_label("密码", exact=True).fill(VOLUNTEER_PASSWORD)
    page.get_by_label("再次输入密码").fill(VOLUNTEER_PASSWORD)
    fits(page)
    screenshot("register")
    page.get_by_role("button", name="注册", exact=True).click()
    confirm_in_browser(page, "13703520001")
    expect(page.get_by_test_id("points-total")).to_contain_text("0")
    fits(page)

    # … joins the Datong youth volunteers …
    page.get_by_role("link", name="加入或退出组织").click()
    page.get_by_test_id("organisations").get_by_role("button", name="加入").click()
    expect(page.get_by_test_id("my-organisations")).to_contain_text(
        "共青团大同市委员会青年志愿者协会"
    )
    screenshot("joined")

    # … reports a clue while logged in, not anonymously …
    page.get_by_role("link", name="举报线索").click()
    page.get_by_label("领域", exact=True).select_option("ecology")
    page.get_by_label("存在什么问题").fill("御河东岸煤场露天堆放，未覆盖防尘网，扬尘严重。")
    page.get_by_label("地点").fill("山西省大同市平城区御河东路")
    page.get_by_label("您的姓名").fill("宋柳金")
    page.get_by_label("您的手机号码").fill("13703520001")
    page.get_by_role("button", name="提交线索").click()
    expect(page.get_by_test_id("sent-to")).to_have_text("大同市人民检察院")
    clue = Clue.objects.get()

    # … and finds it under "my clues".
    page.goto(f"{live.url}/volunteers/me/")
    expect(page.get_by_test_id("my-clues")).to_contain_text("御河东岸煤场露天堆放")
    expect(page.get_by_test_id("clue-state")).to_have_text("已提交")
    fits(page)
    screenshot("my-clues")

    # The prosecutor schedules a hearing on the clue and invites the volunteer.
    log_in(page, live.url, "luo")
    page.goto(f"{live.url}/hearings/new/")
    when = timezone.localtime() + timedelta(days=10)
    page.get_by_label("案号").fill(clue.case_number)
    page.get_by_label("标题").fill("关于御河东岸煤场扬尘问题的公开听证")
    page.get_by_label("听证事项").fill("御河东岸煤场扬尘污染是否损害社会公共利益")
    page.get_by_label("时间").fill(when.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("地点").fill("大同市人民检察院听证室")
    page.get_by_role("button", name="安排", exact=True).click()
    expect(page.get_by_test_id("state")).to_have_text("已安排")
    screenshot("scheduled")
    page.get_by_test_id("invite-link").click()
    volunteer = User.objects.get(username="13703520001")
    page.get_by_label("听证身份").select_option("volunteer")
    page.get_by_label("人员").select_option(str(volunteer.pk))
    page.get_by_role("button", name="邀请", exact=True).click()
    expect(page.get_by_test_id("participants")).to_contain_text("宋柳金")
    fits(page)
    screenshot("invited")

    # The volunteer accepts on their page.
    log_in(page, live.url, "13703520001", VOLUNTEER_PASSWORD)
    page.goto(f"{live.url}/volunteers/me/")
    invitations = page.get_by_test_id("invitations")
    expect(invitations).to_contain_text("关于御河东岸煤场扬尘问题的公开听证")
    invitations.get_by_role("button", name="接受").click()
    expect(page.get_by_test_id("invitation-answer")).to_have_text("已接受")
    screenshot("accepted")

    # The prosecutor announces it, and on the day records who came and what was said.
    hearing = Hearing.objects.get()
    log_in(page, live.url, "luo")
    page.goto(f"{live.url}/matters/{hearing.pk}/")
    page.get_by_role("button", name="发布公告").click()
    expect(page.get_by_test_id("state")).to_have_text("已公告")
    make_it_the_hearing_day(hearing)
    page.reload()
    page.get_by_label("宋柳金", exact=False).check()
    page.get_by_label("听证意见").fill("听证员一致认为应当督促行政机关依法履职。")
    page.get_by_role("button", name="记录听证").click()
    expect(page.get_by_test_id("state")).to_have_text("已举行")
    expect(page.get_by_test_id("participants")).to_contain_text("到场")
    screenshot("held")

    # The volunteer's points appear.
    log_in(page, live.url, "13703520001", VOLUNTEER_PASSWORD)
    page.goto(f"{live.url}/volunteers/me/")
    expect(page.get_by_test_id("points-total")).to_contain_text("8")
    expect(page.get_by_test_id("points")).to_contain_text("参加听证")
    fits(page)
    screenshot("points")
