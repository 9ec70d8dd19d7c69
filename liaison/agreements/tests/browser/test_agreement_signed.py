"""In the browser: a procuratorate drafts an agreement with a court as party, records its
signing with the signed PDF, brings it into force; the court's staff see it, name their liaison
person and fetch the document; an organisation that is no party sees none of it."""

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from liaison.agreements.models import Agreement
from liaison.agreements.tests.factories import PDF
from liaison.core.tests.browser.pages import log_in
from liaison.core.tests.factories import OrganisationFactory, member
from liaison.orgs.actions import cooperation_start
from liaison.orgs.roles import OrganisationKind, Role

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def test_an_agreement_signed_with_a_court(
    live: Any, page: Any, screenshot: Any, tmp_path: Path, settings: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    procuratorate = OrganisationFactory(name="泗县人民检察院", abbreviation="泗检")
    court = OrganisationFactory(name="泗县人民法院", kind=OrganisationKind.COURT)
    bureau = OrganisationFactory(name="泗县司法局", kind=OrganisationKind.JUDICIAL_BUREAU)
    member(procuratorate, Role.CHIEF_PROCURATOR, username="huang", name="黄春雷")
    member(court, Role.ADMINISTRATOR, username="court_admin", name="法院管理员")
    member(court, Role.ENFORCEMENT_OFFICER, username="xu", name="许亮")
    member(bureau, Role.BUREAU_OFFICER, username="bureau", name="司法局干部")
    cooperation_start(actor=None, organisations=(procuratorate, court))
    cooperation_start(actor=None, organisations=(procuratorate, bureau))
    document = tmp_path / "协作意见.pdf"
    document.write_bytes(PDF)

    # The chief procurator drafts it, with the court as the other party.
    log_in(page, live.url, "huang")
    page.goto(f"{live.url}/agreements/")
    page.get_by_test_id("draft-agreement").click()
    page.locator("#id_title").fill("关于完善民事执行活动法律监督协作配合机制的意见")
    page.get_by_label("泗县人民法院").check()
    page.locator("#id_articles").fill("第一条 建立执行案件信息共享机制。")
    page.locator('input[name="governs"][value="recommendations.recommendation"]').check()
    page.locator("#id_meeting_cadence").select_option("3")
    screenshot("draft")
    page.get_by_test_id("agreement-save").click()
    expect(page.get_by_test_id("agreement")).to_be_visible()
    agreement = Agreement.objects.get()
    assert agreement.state == "draft"

    # Signed, with the PDF, then in force.
    page.locator("#id_sign_signed_on").fill("2022-04-15")
    page.locator("#id_sign_document").set_input_files(str(document))
    page.locator('button[value="sign"]').click()
    expect(page.get_by_test_id("agreement-signed-on")).to_have_text("2022-04-15")
    page.locator("#id_bring_into_force_in_force_from").fill("2022-04-15")
    page.locator('button[value="bring_into_force"]').click()
    expect(page.get_by_test_id("next-meeting")).to_be_visible()
    agreement.refresh_from_db()
    assert agreement.state == "in_force" and agreement.signed_on == date(2022, 4, 15)
    screenshot("in-force")

    # The court's administrator sees it, names the court's liaison person, finds the document.
    log_in(page, live.url, "court_admin")
    page.goto(f"{live.url}/agreements/")
    page.get_by_role("link", name="关于完善民事执行活动法律监督协作配合机制的意见").click()
    expect(page.get_by_test_id("agreement-document")).to_contain_text("协作意见.pdf")
    form = page.get_by_test_id("liaison-form")
    expect(form).to_have_count(1)
    form.locator("select").select_option(label="许亮")
    form.locator("button").click()
    expect(page.get_by_test_id("agreement-party").nth(1)).to_contain_text("许亮")
    screenshot("court")

    # The judicial bureau is no party: not in its list, and its page is not found.
    log_in(page, live.url, "bureau")
    page.goto(f"{live.url}/agreements/")
    expect(page.get_by_text("关于完善民事执行活动法律监督协作配合机制的意见")).to_have_count(0)
    response = page.goto(f"{live.url}/matters/{agreement.pk}/")
    assert response is not None and response.status == 404
