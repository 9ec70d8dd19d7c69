"""In the browser (seed 001, Chengzhong): a prosecutor drafts a retrial recommendation and adds
two items of new evidence with their files; the department head and the chief procurator
approve serving it; the court's judge registers it (a bad number first: refused, nothing
changed), decides each item (one left undecided: held back), rules to retry and records the
judgment; both sides read which item was accepted."""

from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from liaison.core.tests.browser.pages import log_in
from liaison.core.tests.factories import OrganisationFactory, division, member
from liaison.orgs.actions import cooperation_start
from liaison.orgs.roles import OrganisationKind, Role
from liaison.retrials.models import NewEvidence, RetrialCase

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF"


def _chengzhong() -> None:
    procuratorate = OrganisationFactory(
        name="西宁市城中区人民检察院", abbreviation="城检", division=division()
    )
    court = OrganisationFactory(
        name="西宁市城中区人民法院", kind=OrganisationKind.COURT, division=division()
    )
    prosecutor = member(procuratorate, Role.PROSECUTOR, username="liu", name="刘晓明")
    member(procuratorate, Role.DEPARTMENT_HEAD, username="ma", name="马海燕")
    member(procuratorate, Role.CHIEF_PROCURATOR, username="han", name="韩永青")
    member(court, Role.JUDGE, username="shen", name="沈浩")
    cooperation_start(actor=prosecutor, organisations=(procuratorate, court))


def _step(page: Any, name: str) -> Any:
    return page.locator(f'form[action$="/steps/{name}/"]')


def _approve(page: Any, live: Any, username: str, pk: int) -> None:
    log_in(page, live.url, username)
    page.goto(f"{live.url}/matters/{pk}/")
    page.get_by_test_id("approval-form").get_by_role("button", name="同意").click()
    expect(page.get_by_role("alert").filter(has_text="已审批通过")).to_be_visible()


def test_a_retrial_recommendation_from_draft_to_judgment(
    live: Any, page: Any, screenshot: Any, tmp_path: Path, settings: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    _chengzhong()
    today = timezone.localdate().isoformat()

    # The prosecutor drafts the case and adds two items of new evidence.
    log_in(page, live.url, "liu")
    page.goto(f"{live.url}/retrials/new/")
    form = page.get_by_test_id("retrial-form")
    form.locator("select[name=kind]").select_option("recommendation")
    form.locator("select[name=court]").select_option(label="西宁市城中区人民法院")
    form.locator("input[name=original_judgment]").fill("（2025）青0103民初456号")
    form.locator("input[name=title]").fill("马某与某建材公司买卖合同纠纷案再审检察建议")
    form.locator("textarea[name=grounds]").fill("有新的证据，足以推翻原判决。")
    form.locator('button[type="submit"]').click()
    expect(page.get_by_test_id("state")).to_be_visible()
    case = RetrialCase.objects.get()
    for number, (description, proves) in enumerate(
        (("银行转账凭证", "货款已付清"), ("证人赵某的证言", "约定延期交货")), start=1
    ):
        evidence = page.get_by_test_id("evidence-form")
        evidence.locator("textarea[name=description]").fill(description)
        evidence.locator("textarea[name=proves]").fill(proves)
        evidence.locator("input[name=evidence_files]").set_input_files(
            files=[{"name": f"证据{number}.pdf", "mimeType": "application/pdf", "buffer": PDF}]
        )
        evidence.locator('button[type="submit"]').click()
        expect(page.get_by_test_id("evidence-item")).to_have_count(number)
    screenshot("1-drafted-with-evidence")
    _step(page, "serve").locator('button[name="step"]').click()
    expect(page.get_by_test_id("approval")).to_be_visible()

    _approve(page, live, "ma", case.pk)
    _approve(page, live, "han", case.pk)
    assert RetrialCase.objects.get().state == "served"

    # The court's judge registers it: a bad number is refused, then the right one.
    log_in(page, live.url, "shen")
    page.goto(f"{live.url}/retrials/")
    expect(page.get_by_test_id("retrials")).to_contain_text(case.case_number or "")
    page.goto(f"{live.url}/matters/{case.pk}/")
    register = _step(page, "register")
    register.locator("input[name=court_case_number]").fill("（2026）青0103民初12号")
    register.locator("input[name=registered_on]").fill(today)
    register.locator('button[name="step"]').click()
    expect(page.locator(".invalid-feedback").first).to_be_visible()
    assert RetrialCase.objects.get().state == "served"
    register = _step(page, "register")
    register.locator("input[name=court_case_number]").fill("（2026）青0103民再12号")
    register.locator("input[name=registered_on]").fill(today)
    register.locator('button[name="step"]').click()
    expect(page.get_by_test_id("retrial-number")).to_contain_text("（2026）青0103民再12号")

    # It decides each item: one left undecided is refused; then one accepted, one not.
    first, second = NewEvidence.objects.filter(case=case)
    assess = _step(page, "assess")
    assess.locator(f'input[name="decision_{first.pk}"][value="accepted"]').check()
    assess.locator('button[name="step"]').click()
    # the browser holds the form back (the item's choice is required), and so would the server
    expect(assess.locator(f'input[name="decision_{second.pk}"]:invalid').first).to_be_attached()
    assert RetrialCase.objects.get().state == "registered"
    assert not NewEvidence.objects.filter(case=case, accepted__isnull=False).exists()
    assess = _step(page, "assess")
    assess.locator(f'input[name="decision_{first.pk}"][value="accepted"]').check()
    assess.locator(f'input[name="decision_{second.pk}"][value="not_accepted"]').check()
    assess.locator(f'textarea[name="reasons_{second.pk}"]').fill("证人已在原审中出庭作证。")
    screenshot("2-court-decides-the-evidence")
    assess.locator('button[name="step"]').click()
    expect(page.get_by_test_id("evidence-accepted")).to_have_count(1)
    expect(page.get_by_test_id("evidence-not-accepted")).to_have_count(1)

    # It rules to retry and records the judgment.
    rule = _step(page, "rule_retrial")
    rule.locator("input[name=ruled_on]").fill(today)
    rule.locator('button[name="step"]').click()
    expect(page.get_by_test_id("retrial-ruling")).to_be_visible()
    judgment = _step(page, "record_judgment")
    judgment.locator("select[name=outcome]").select_option("partly_changed")
    judgment.locator("input[name=judgment_on]").fill(today)
    judgment.locator("textarea[name=judgment_summary]").fill(
        "撤销原判决第一项，改判马某无需支付剩余货款。"
    )
    judgment.locator("input[name=document]").set_input_files(
        files=[{"name": "民事判决书.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    judgment.locator('button[name="step"]').click()
    expect(page.get_by_test_id("retrial-outcome")).to_contain_text("撤销原判决第一项")
    screenshot("3-judged")
    assert RetrialCase.objects.get().state == "judged"

    # The procuratorate reads which item was accepted, at 390 px too.
    log_in(page, live.url, "liu")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live.url}/matters/{case.pk}/")
    expect(page.get_by_test_id("evidence-accepted")).to_have_count(1)
    expect(page.get_by_test_id("retrial-outcome")).to_be_visible()
    screenshot("4-procuratorate-390")
