"""A lawyer's three paths in the browser: register, be verified and book a file-review slot that
staff confirm (and take it home as a calendar file); bind a case for file review and download a
stamped document; complain that a right was obstructed and get the written reply."""

from datetime import timedelta
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from playwright.sync_api import expect
from pypdf import PdfReader

from liaison.accounts.tests.registering import confirm_in_browser
from liaison.attachments.actions import attachment_upload
from liaison.core.tests.browser.pages import log_in
from liaison.lawyers.models import Booking, Lawyer, RightsComplaint
from liaison.lawyers.tests.factories import (
    PASSWORD,
    case,
    lawyer,
    of_record,
    pdf,
    pdf_bytes,
    procuratorate,
    slot,
    staff,
    uscc,
)
from liaison.orgs.roles import Role

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def kangbashi() -> Any:
    return procuratorate(name="鄂尔多斯市康巴什区人民检察院", abbreviation="康检")


def test_register_be_verified_book_a_slot_and_take_the_calendar_file(
    live: Any, page: Any, screenshot: Any, tmp_path: Path
) -> None:
    org = kangbashi()
    staff(org, Role.CASE_MANAGEMENT, username="liufang", name="刘芳")
    the_case = case(org, title="张某某涉嫌盗窃案")
    the_slot = slot(org, purpose="file_review", capacity=2)

    page.goto(f"{live.url}/lawyers/register/")
    page.get_by_label("姓名", exact=True).fill("高文博")
    page.get_by_label("手机号码").fill("139 0477 0008")
    page.get_by_label("律师执业证号").fill("11506201510123456")
    page.get_by_label("律师事务所", exact=True).fill("内蒙古树正律师事务所")
    page.get_by_label("律师事务所统一社会信用代码").fill(uscc(501))
    page.get_by_label("人民检察院").select_option(str(org.pk))
    page.get_by_label("用户名").fill("gaowenbo")
    page.get_by_label("密码", exact=True).fill(PASSWORD)
    page.get_by_label("再次输入密码").fill(PASSWORD)
    screenshot("register")
    page.get_by_role("button", name="注册").click()
    confirm_in_browser(page, "13904770008")
    expect(page.get_by_test_id("verification")).to_have_text("待核验")
    registration = Lawyer.objects.get().registrations.get()

    log_in(page, live.url, "liufang")
    expect(page.get_by_test_id("my-work")).to_contain_text(registration.case_number)
    page.goto(f"{live.url}/matters/{registration.pk}/")
    expect(page.get_by_test_id("licence")).to_have_text("11506201510123456")
    page.get_by_role("button", name="核验通过").click()
    expect(page.get_by_test_id("state")).to_have_text("已核验")
    of_record(the_case, Lawyer.objects.get())  # the power of attorney was checked

    log_in(page, live.url, "gaowenbo")
    page.goto(f"{live.url}/lawyers/")
    expect(page.get_by_test_id("verification")).to_have_text("已核验")
    page.get_by_test_id("book-link").click()
    page.locator("select[name=purpose]").select_option("file_review")
    page.get_by_role("link", name="预约").first.click()
    page.get_by_label("案件").select_option(str(the_case.pk))
    page.get_by_label("申请事项").fill("查阅卷宗第一册至第三册")
    page.get_by_role("button", name="预约").click()
    expect(page.get_by_test_id("state")).to_have_text("已申请")
    booking = Booking.objects.get()

    log_in(page, live.url, "liufang")
    page.goto(f"{live.url}/matters/{booking.pk}/")
    page.get_by_role("button", name="确认", exact=True).click()
    expect(page.get_by_test_id("state")).to_have_text("已确认")

    log_in(page, live.url, "gaowenbo")
    page.goto(f"{live.url}/lawyers/")
    bookings = page.get_by_test_id("bookings")
    expect(bookings).to_contain_text("已确认")
    expect(bookings).to_contain_text(the_case.case_number)
    screenshot("lawyer-page")
    with page.expect_download() as info:
        bookings.get_by_role("link", name="加入日历").click()
    path = tmp_path / "booking.ics"
    info.value.save_as(path)
    event = Calendar.from_ical(path.read_bytes()).walk("VEVENT")[0]
    assert event["dtstart"].dt == the_slot.starts_at.replace(microsecond=0)
    assert str(event["status"]) == "CONFIRMED"


def test_bind_a_case_be_approved_and_download_a_stamped_document(
    live: Any, page: Any, screenshot: Any, tmp_path: Path
) -> None:
    org = kangbashi()
    officer = staff(org, Role.CASE_MANAGEMENT, username="liufang", name="刘芳")
    prosecutor = staff(org, Role.PROSECUTOR, username="lijianguo", name="李建国")
    the_case = case(org, by=prosecutor)
    lawyer(at=org, username="mali", name="马丽娜", verifier=officer)
    files = {}
    for name in ("执业证.pdf", "授权委托书.pdf", "律所函.pdf"):
        files[name] = {"name": name, "mimeType": "application/pdf", "buffer": pdf_bytes(name)}

    log_in(page, live.url, "mali")
    page.goto(f"{live.url}/lawyers/")
    page.get_by_test_id("file-review-link").click()
    page.get_by_label("案号").fill(the_case.case_number)
    page.get_by_label("代理对象").fill("张三丰")
    page.get_by_label("代理依据").select_option("power_of_attorney")
    page.get_by_label("律师执业证").set_input_files(files["执业证.pdf"])
    page.get_by_label("授权委托书或法律援助公函").set_input_files(files["授权委托书.pdf"])
    page.get_by_label("律师事务所函").set_input_files(files["律所函.pdf"])
    screenshot("apply")
    page.get_by_role("button", name="提交申请").click()
    expect(page.get_by_test_id("state")).to_have_text("已提交")
    expect(page.get_by_test_id("file-review")).to_contain_text("张**")
    application_url = page.url

    log_in(page, live.url, "liufang")
    page.goto(application_url)
    page.get_by_role("button", name="通过", exact=True).click()
    expect(page.get_by_test_id("state")).to_have_text("已通过")
    document = attachment_upload(
        file=pdf("起诉意见书.pdf", "Indictment opinion"), uploaded_by=prosecutor, matter=the_case
    )
    log_in(page, live.url, "lijianguo")
    page.goto(f"{live.url}/matters/{the_case.pk}/")
    page.get_by_test_id("release").click()
    expect(page.get_by_test_id("case-file")).to_contain_text("已提供")
    assert document.pk

    log_in(page, live.url, "mali")
    page.goto(application_url)
    page.get_by_test_id("to-documents").click()
    expect(page.get_by_test_id("releases")).to_contain_text("起诉意见书.pdf")
    screenshot("documents")
    with page.expect_download() as info:
        page.get_by_test_id("download").click()
    path = tmp_path / "doc.pdf"
    info.value.save_as(path)
    text = PdfReader(BytesIO(path.read_bytes())).pages[0].extract_text()
    assert "马丽娜" in text and "Indictment opinion" in text


def test_a_complaint_goes_from_filing_to_written_reply(
    live: Any, page: Any, screenshot: Any
) -> None:
    org = kangbashi()
    head = staff(org, Role.DEPARTMENT_HEAD, username="zhanglihua", name="张丽华")
    lawyer(at=org, username="wuyun", name="乌云其其格", verifier=head)

    log_in(page, live.url, "wuyun")
    page.goto(f"{live.url}/lawyers/")
    page.get_by_test_id("complaint-link").click()
    page.get_by_label("控告申诉的检察院").select_option(str(org.pk))
    page.get_by_label("受阻碍的权利").select_option("file_review")
    page.get_by_label("所涉案件").fill("康检刑〔2026〕1号")
    page.get_by_label("事实和理由").fill("2026年11月20日申请阅卷，至今未获安排，也未说明理由。")
    page.get_by_role("button", name="提交控告申诉").click()
    expect(page.get_by_test_id("state")).to_have_text("已提交")
    complaint_url = page.url

    log_in(page, live.url, "zhanglihua")
    page.goto(complaint_url)
    page.get_by_role("button", name="受理", exact=True).click()
    expect(page.get_by_test_id("state")).to_have_text("已受理")
    expect(page.get_by_test_id("clocks")).to_contain_text("审查")
    page.get_by_label("情况属实", exact=True).check()
    page.get_by_label("纠正措施").fill("责令案件管理部门三日内安排阅卷。")
    page.get_by_role("button", name="作出审查结论").click()
    expect(page.get_by_test_id("state")).to_have_text("已作出决定")
    page.get_by_label("书面答复").fill(
        "经审查，您反映的情况属实，本院已责令纠正，并于三日内安排阅卷。"
    )
    page.get_by_role("button", name="发送书面答复").click()
    expect(page.get_by_test_id("state")).to_have_text("已答复")

    log_in(page, live.url, "wuyun")
    page.goto(complaint_url)
    expect(page.get_by_test_id("reply")).to_contain_text("本院已责令纠正")
    expect(page.get_by_test_id("finding")).to_have_text("情况属实")
    screenshot("reply")
    complaint = RightsComplaint.objects.get()
    assert complaint.state == "replied" and complaint.founded
    assert timedelta(0) <= complaint.replied_at - complaint.created_at


def test_the_handling_prosecutor_ends_a_lawyer_of_record_who_then_no_longer_sees_the_case(
    live: Any, page: Any, screenshot: Any
) -> None:
    from liaison.lawyers.models import CaseCounsel

    org = kangbashi()
    prosecutor = staff(org, Role.PROSECUTOR, username="lijianguo", name="李建国")
    the_case = case(org, by=prosecutor, title="王某某涉嫌诈骗案")
    counsel = lawyer(at=org, username="mali", name="马力")
    of_record(the_case, counsel, client="张三丰")
    link = CaseCounsel.objects.get(case=the_case, lawyer=counsel)

    log_in(page, live.url, "mali")
    page.goto(f"{live.url}/lawyers/")
    expect(page.get_by_test_id("cases")).to_contain_text(the_case.case_number)

    log_in(page, live.url, "lijianguo")
    page.goto(f"{live.url}/matters/{the_case.pk}/")
    panel = page.get_by_test_id(f"end-counsel-{link.pk}")
    panel.locator("summary").click()
    panel.get_by_test_id("end-counsel").click()  # no reason: refused, nothing changed
    expect(page.get_by_test_id(f"end-counsel-{link.pk}")).to_contain_text("理由")
    panel = page.get_by_test_id(f"end-counsel-{link.pk}")
    panel.locator("input[name=reason]").fill("委托人已解除委托")
    screenshot("end-counsel")
    panel.get_by_test_id("end-counsel").click()
    expect(page.get_by_test_id("counsel")).not_to_contain_text("马力")
    expect(page.locator("body")).to_contain_text("律师代理结束")

    log_in(page, live.url, "mali")
    page.goto(f"{live.url}/lawyers/")
    expect(page.get_by_test_id("cases")).not_to_contain_text(the_case.case_number)
    response = page.goto(f"{live.url}/lawyers/my-cases/{the_case.pk}/")
    assert response is not None and response.status == 404
    page.goto(f"{live.url}/inbox/")
    expect(page.locator("body")).to_contain_text("委托人已解除委托")
