"""In the browser (seed 001, Chengzhong), at phone width: a prosecutor opens supervision of a
case the court shared; its review period shows among the deadlines, and the court's judge sees
the supervision. The prosecutor refers a suspected refusal to execute a judgment to the public
security branch chosen from the list; its case officer files it for investigation, and the
supervision shows the filing. Another referral the branch does not file: the prosecutor asks its
reasons, finds them untenable and notifies it to file, and it files (立案监督)."""

from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from liaison.accounts.models import User
from liaison.core.access import access_for
from liaison.core.tests.browser.pages import log_in
from liaison.core.tests.factories import OrganisationFactory, division, member
from liaison.courts import actions
from liaison.courts.models import EnforcementCase, SupervisionCase
from liaison.courts.tests.factories import GOOD_ROWS, HEADING
from liaison.orgs.actions import cooperation_start
from liaison.orgs.models import Organisation
from liaison.orgs.roles import OrganisationKind, Role
from liaison.workflow.actions import transition

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "viewport": {"width": 390, "height": 844}}


def _chengzhong() -> None:
    procuratorate = OrganisationFactory(
        name="西宁市城中区人民检察院", abbreviation="城检", division=division()
    )
    court = OrganisationFactory(
        name="西宁市城中区人民法院", kind=OrganisationKind.COURT, division=division()
    )
    police = OrganisationFactory(
        name="西宁市公安局城中分局", kind=OrganisationKind.PUBLIC_SECURITY, division=division()
    )
    prosecutor = member(procuratorate, Role.PROSECUTOR, username="liu", name="刘晓明")
    member(court, Role.JUDGE, username="shen", name="沈浩")
    enforcement = member(court, Role.ENFORCEMENT_OFFICER, username="lie", name="刘烈")
    member(police, Role.POLICE_OFFICER, username="ma", name="马国栋")
    cooperation_start(actor=prosecutor, organisations=(procuratorate, court))
    cooperation_start(actor=prosecutor, organisations=(procuratorate, police))
    actions.register_import(
        access=access_for(enforcement),
        court=court,
        procuratorate=procuratorate,
        name="register.csv",
        content=(HEADING + GOOD_ROWS).encode(),
    )


def test_a_referral_from_supervision_to_the_police_filing(
    live: Any, page: Any, screenshot: Any
) -> None:
    _chengzhong()
    log_in(page, live.url, "liu")
    page.goto(f"{live.url}/courts/cases/")
    page.get_by_role("link", name="（2026）青0103执123号").click()
    form = page.get_by_test_id("supervision-form")
    form.locator("select[name=origin]").select_option(label="依职权启动")
    form.locator("textarea[name=grounds]").fill("被执行人隐匿财产，拒不履行生效判决。")
    form.get_by_role("button", name="启动监督").click()
    expect(page.get_by_test_id("clocks")).to_contain_text("审查终结并作出决定")
    case = SupervisionCase.objects.get()
    screenshot("1-supervision-opened")

    refer = page.locator("form").filter(has=page.get_by_role("button", name="移送公安机关"))
    refer.locator("select[name=police]").select_option(label="西宁市公安局城中分局")
    refer.locator("textarea[name=reasons]").fill(
        "被执行人有能力履行而转移财产，涉嫌拒不执行判决罪。"
    )
    refer.get_by_role("button", name="移送公安机关").click()
    expect(page.get_by_test_id("state")).to_have_text("已移送，待公安机关决定是否立案")

    log_in(page, live.url, "shen")
    page.goto(f"{live.url}/matters/{case.pk}/")
    expect(page.get_by_test_id("referred-to")).to_have_text("西宁市公安局城中分局")
    expect(page.get_by_test_id("steps")).to_have_count(0)

    log_in(page, live.url, "ma")
    page.get_by_test_id("my-work").get_by_role("link", name=case.case_number).click()
    filed = page.locator("form").filter(has=page.get_by_role("button", name="已立案侦查"))
    filed.locator("input[name=filed_on]").fill(timezone.localdate().isoformat())
    filed.locator("input[name=police_case_number]").fill("城公刑立字〔2026〕18号")
    screenshot("2-police-files")
    filed.get_by_role("button", name="已立案侦查").click()
    expect(page.get_by_test_id("state")).to_have_text("公安机关已立案侦查")
    assert SupervisionCase.objects.get().police_case_number == "城公刑立字〔2026〕18号"


def _step(page: Any, button: str) -> Any:
    """The step's form on the supervision's page, found by its button."""
    return page.locator("form").filter(has=page.get_by_role("button", name=button))


def test_the_procuratorate_supervises_the_filing_until_the_police_file(
    live: Any, page: Any, screenshot: Any
) -> None:
    """The branch does not file; the prosecutor asks its reasons, finds them untenable and
    notifies it to file, which the chief procurator approves; it files. In Chinese, at phone
    width; the court never reads the exchange."""
    _chengzhong()
    procuratorate = Organisation.objects.get(name="西宁市城中区人民检察院")
    member(procuratorate, Role.CHIEF_PROCURATOR, username="han", name="韩永青")
    police = Organisation.objects.get(name="西宁市公安局城中分局")
    prosecutor = User.objects.get(username="liu")
    case = actions.supervision_open(
        access=access_for(prosecutor),
        owner=procuratorate,
        case=EnforcementCase.objects.get(case_number="（2026）青0103执123号"),
        kind="courts.enforcement",
        origin="own_initiative",
        grounds="被执行人隐匿财产，拒不履行生效判决。",
    )
    transition(
        matter=case,
        name="refer",
        access=access_for(prosecutor),
        data={"police": str(police.pk), "reasons": "被执行人转移财产，涉嫌拒不执行判决罪。"},
    )

    log_in(page, live.url, "ma")
    page.goto(f"{live.url}/matters/{case.pk}/")
    decline = _step(page, "不予立案")
    decline.locator("textarea[name=reasons]").fill("被执行人已履行部分款项，情节尚不严重。")
    decline.get_by_role("button", name="不予立案").click()
    expect(page.get_by_test_id("state")).to_have_text("公安机关不予立案")

    log_in(page, live.url, "liu")
    page.get_by_test_id("my-work").get_by_role("link", name=case.case_number).click()
    ask = _step(page, "要求公安机关说明不立案理由")
    ask.locator("textarea[name=reasons]").fill("被执行人转移车辆、设备，拒不履行逾三十万元。")
    ask.get_by_role("button", name="要求公安机关说明不立案理由").click()
    expect(page.get_by_test_id("state")).to_have_text("已要求公安机关说明不立案理由")
    expect(page.get_by_test_id("clocks")).to_contain_text("公安机关书面说明不立案理由")

    log_in(page, live.url, "ma")
    page.get_by_test_id("my-work").get_by_role("link", name=case.case_number).click()
    explain = _step(page, "说明不立案理由")
    explain.locator("textarea[name=reasons]").fill("转移财产的证据尚不充分，故未立案。")
    explain.locator("input[name=documents]").set_input_files(
        files=[
            {
                "name": "不立案理由说明书.pdf",
                "mimeType": "application/pdf",
                "buffer": b"%PDF-1.4\n%%EOF\n",
            }
        ]
    )
    screenshot("3-police-explain")
    explain.get_by_role("button", name="说明不立案理由").click()
    expect(page.get_by_test_id("state")).to_have_text("公安机关已说明不立案理由")

    log_in(page, live.url, "liu")
    page.get_by_test_id("my-work").get_by_role("link", name=case.case_number).click()
    expect(page.get_by_test_id("police-explanation")).to_have_text(
        "转移财产的证据尚不充分，故未立案。"
    )
    notify = _step(page, "通知公安机关立案")
    notify.locator("textarea[name=reasons]").fill("车辆过户登记证明其在判决生效后转移财产。")
    screenshot("4-notify-filing")
    notify.get_by_role("button", name="通知公安机关立案").click()
    expect(page.get_by_test_id("approval")).to_contain_text("通知公安机关立案")

    log_in(page, live.url, "han")
    page.get_by_test_id("my-work").get_by_role("link", name=case.case_number).click()
    page.get_by_test_id("approval-form").get_by_role("button", name="同意").click()
    expect(page.get_by_test_id("state")).to_have_text("已通知公安机关立案")
    expect(page.get_by_test_id("clocks")).to_contain_text("公安机关收到通知立案书后立案")

    log_in(page, live.url, "shen")
    page.goto(f"{live.url}/matters/{case.pk}/")
    expect(page.get_by_test_id("state")).to_have_text("已通知公安机关立案")
    expect(page.get_by_test_id("police-explanation")).to_have_count(0)

    log_in(page, live.url, "ma")
    page.get_by_test_id("my-work").get_by_role("link", name=case.case_number).click()
    expect(page.get_by_test_id("filing-review")).to_have_text(
        "车辆过户登记证明其在判决生效后转移财产。"
    )
    filed = _step(page, "已立案侦查")
    filed.locator("input[name=filed_on]").fill(timezone.localdate().isoformat())
    filed.locator("input[name=police_case_number]").fill("城公刑立字〔2026〕21号")
    filed.get_by_role("button", name="已立案侦查").click()
    expect(page.get_by_test_id("state")).to_have_text("公安机关已立案侦查")
    screenshot("5-filed-after-notice")
    assert SupervisionCase.objects.get(pk=case.pk).state == "filed"
