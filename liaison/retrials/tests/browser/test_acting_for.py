"""In the browser, in Chinese, on a phone (390 px): a prosecutor of two procuratorates drafts a
retrial recommendation; the page asks which procuratorate drafts it, refuses to go on without
a choice (what was typed kept, nothing stored), and the case is the one chosen."""

from typing import Any

import pytest
from playwright.sync_api import expect

from liaison.core.tests.browser.pages import log_in
from liaison.core.tests.factories import MembershipFactory, OrganisationFactory, division, member
from liaison.orgs.actions import cooperation_start
from liaison.orgs.roles import OrganisationKind, Role
from liaison.retrials.models import RetrialCase

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]

TITLE = "马某与某建材公司买卖合同纠纷案再审检察建议"


def test_a_prosecutor_of_two_procuratorates_chooses_which_drafts(
    live: Any, page: Any, screenshot: Any
) -> None:
    first = OrganisationFactory(
        name="西宁市城中区人民检察院", abbreviation="城检", division=division()
    )
    second = OrganisationFactory(
        name="西宁市城北区人民检察院", abbreviation="北检", division=division()
    )
    court = OrganisationFactory(
        name="西宁市城中区人民法院", kind=OrganisationKind.COURT, division=division()
    )
    prosecutor = member(first, Role.PROSECUTOR, username="liu", name="刘晓明")
    MembershipFactory(person=prosecutor, organisation=second, role=Role.PROSECUTOR)
    for procuratorate in (first, second):
        cooperation_start(actor=prosecutor, organisations=(procuratorate, court))
    page.set_viewport_size({"width": 390, "height": 844})

    log_in(page, live.url, "liu")
    page.goto(f"{live.url}/retrials/new/")
    form = page.get_by_test_id("retrial-form")
    expect(form.get_by_text("以何单位名义")).to_be_visible()
    form.locator("select[name=kind]").select_option("recommendation")
    form.locator("select[name=court]").select_option(label="西宁市城中区人民法院")
    form.locator("input[name=original_judgment]").fill("（2025）青0103民初456号")
    form.locator("input[name=title]").fill(TITLE)
    form.locator("textarea[name=grounds]").fill("有新的证据，足以推翻原判决。")
    form.locator('button[type="submit"]').click()

    # No organisation chosen: refused in Chinese, what was typed kept, nothing stored.
    form = page.get_by_test_id("retrial-form")
    expect(form.locator(".invalid-feedback")).to_have_text("尚未选择以哪个单位名义办理，请选择。")
    expect(form.locator("input[name=title]")).to_have_value(TITLE)
    assert not RetrialCase.objects.exists()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot("acting-for-refused")

    form.locator("select[name=acting_for]").select_option(label="西宁市城北区人民检察院")
    form.locator('button[type="submit"]').click()
    expect(page.get_by_test_id("state")).to_be_visible()
    assert RetrialCase.objects.get().owner == second
