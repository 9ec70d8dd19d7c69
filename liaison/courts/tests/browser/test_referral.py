"""In the browser (seed 001, Chengzhong), at phone width: a prosecutor opens supervision of a
case the court shared; its review period shows among the deadlines, and the court's judge sees
the supervision. The prosecutor refers a suspected refusal to execute a judgment to the public
security branch chosen from the list; its case officer files it for investigation, and the
supervision shows the filing."""

from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from liaison.core.access import access_for
from liaison.core.tests.browser.pages import log_in
from liaison.core.tests.factories import OrganisationFactory, division, member
from liaison.courts import actions
from liaison.courts.models import SupervisionCase
from liaison.courts.tests.factories import GOOD_ROWS, HEADING
from liaison.orgs.actions import cooperation_start
from liaison.orgs.roles import OrganisationKind, Role

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
