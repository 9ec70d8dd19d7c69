"""Amounts of money read as money in both languages (869,000.00, never 869000.00): the case's
panels, the figures page and its printable report, the over-award message; the XLSX keeps
numbers with a number format; and nothing else is grouped (case numbers, years, what a form
keeps of what was typed)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from liaison.core.templatetags.liaison import money

from .. import actions
from .factories import judged, world
from .test_figures import supported
from .test_recoveries import _record

pytestmark = pytest.mark.django_db
LANGUAGES = [{"HTTP_ACCEPT_LANGUAGE": "zh-hans"}, {"HTTP_ACCEPT_LANGUAGE": "en"}]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_filter_groups_thousands_with_two_places(language: str) -> None:
    with translation.override(language):
        assert money(Decimal("869000.00")) == "869,000.00"
        assert money(Decimal("1234567.5")) == "1,234,567.50"
        assert money(Decimal("999.99")) == "999.99"
        assert money(0) == "0.00"
        assert money(None) == ""


@pytest.mark.parametrize("headers", LANGUAGES)
def test_the_case_page_groups_its_amounts_and_nothing_else(client, headers) -> None:  # type: ignore[no-untyped-def]
    w = world()
    case = judged(w, awarded="128800.50")
    _record(w, case, "100000.10")
    client.force_login(w.prosecutor)
    page = client.get(reverse("workspace:matter", args=[case.pk]), **headers).content.decode()
    assert 'data-testid="awarded">128,800.50<' in page
    assert 'data-testid="recovered-total">100,000.10 ' in page
    assert 'data-testid="outstanding">28,800.40 ' in page
    assert "12,000.00" in page  # a beneficiary's amount owed, and their total 28,800.50
    assert "28,800.50" in page
    assert "128800.50" not in page and "100000.10" not in page
    assert case.case_number in page and "2,026" not in page  # numbers that are not money


def test_a_form_keeps_what_was_typed_ungrouped(client) -> None:  # type: ignore[no-untyped-def]
    w = world()
    case = judged(w, awarded="1000")
    client.force_login(w.prosecutor)
    response = client.post(
        reverse("supportprosecution:recovery-add", args=[case.pk]),
        {"recovery-received_on": date.today().isoformat(), "recovery-amount": "12000.50"},
        **LANGUAGES[0],
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert 'value="12000.50"' in page
    assert "12,000.50" in page  # the message names the total recovered as money


def test_the_over_award_message_reads_amounts_as_money() -> None:
    w = world()
    case = judged(w, awarded="28800.50")
    with translation.override("zh-hans"), pytest.raises(actions.OverAward) as refused:
        _record(w, case, "30000")
    assert "30,000.00" in str(refused.value) and "28,800.50" in str(refused.value)


@pytest.mark.parametrize("headers", LANGUAGES)
def test_the_figures_page_and_its_report_group_the_money(client, headers) -> None:  # type: ignore[no-untyped-def]
    w = world()
    supported(
        w,
        received_on=date(2021, 3, 1),
        awarded="869000.00",
        recovered=((date(2021, 6, 1), "869000.00"),),
    )
    client.force_login(w.prosecutor)
    query = {"org": w.procuratorate.pk, "since": "2021-01-01"}
    for name in ("figures", "figures-print"):
        html = client.get(reverse(f"supportprosecution:{name}"), query, **headers)
        page = html.content.decode()
        assert 'data-testid="recovered">869,000.00<' in page, name
        assert "869000" not in page.split('id="figure-charts"')[0], name
        assert "2021-01-01" in page or name == "figures"  # dates untouched


def test_the_export_keeps_numbers_with_a_number_format(client) -> None:  # type: ignore[no-untyped-def]
    w = world()
    supported(
        w,
        received_on=date(2021, 3, 1),
        awarded="869000.00",
        recovered=((date(2021, 6, 1), "869000.00"),),
    )
    client.force_login(w.prosecutor)
    query = {"org": w.procuratorate.pk, "since": "2021-01-01"}
    xlsx = client.get(reverse("supportprosecution:figures-xlsx"), query, **LANGUAGES[0])
    sheet = load_workbook(BytesIO(xlsx.content)).active
    assert sheet is not None
    amounts = [c for row in sheet.iter_rows() for c in row if c.number_format == "#,##0.00"]
    assert amounts and all(isinstance(c.value, int | float) for c in amounts)
    assert any(Decimal(str(c.value)) == Decimal("869000.00") for c in amounts)
    cases = next(row for row in sheet.iter_rows() if row[0].value == "支持起诉案件")
    assert cases[1].value == 1 and cases[1].number_format == "General"
